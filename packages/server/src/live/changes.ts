/**
 * What a run of audit entries changed, as a `DataChange`: the data version, when, and the keys
 * of what changed. Live subscriptions and webhooks both describe changes with this, so a
 * subscriber and a portal hear of the same change in the same words.
 *
 * Keys are dataset keys (`Dataset.key`) for figures, plus `coordination-spaces` for the list of
 * coordination spaces and `service-results` for the services' yearly results. A change whose
 * reach cannot be narrowed down (a seed, an edited source or document, which every figure may
 * cite, an import too large to list) names every key; a new source or document names none.
 */
import type { Db } from '../write/refs.js';
import { NON_DATA_ACTIONS } from '../core/audit.js';
import type { Snapshot } from '../read-model/snapshot.js';

export interface DataChange {
  /** The data version the change brought the data to (the newest audit entry's id). */
  version: number;
  /** When the newest of its writes was committed. */
  at: Date;
  /** Keys of what changed, sorted. */
  datasets: string[];
}

export const SPACES_KEY = 'coordination-spaces';
export const RESULTS_KEY = 'service-results';

/** Every key a change can name, for this snapshot's datasets. */
export function allKeys(snapshot: Snapshot): string[] {
  return [...snapshot.datasets.map((d) => d.key), SPACES_KEY, RESULTS_KEY].sort();
}

interface Entry {
  id: number;
  at: Date;
  action: string;
  subjectType: string | null;
  subjectKey: string | null;
  before: string | null;
  after: string | null;
}

const parse = (text: string | null): Record<string, unknown> | null => {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The keys one audit entry changed; 'all' when it cannot say. */
function keysOf(entry: Entry, snapshot: Snapshot): string[] | 'all' {
  const before = parse(entry.before);
  const after = parse(entry.after);
  switch (entry.subjectType) {
    case 'Indicator': {
      const keys = [after?.datasetKey, before?.datasetKey].filter((k): k is string => typeof k === 'string');
      return keys.length ? keys : 'all';
    }
    case 'CoordinationSpace':
      return [SPACES_KEY];
    case 'ServiceResult':
      return [RESULTS_KEY];
    case 'Import': {
      if (entry.action !== 'import' || after?.keysListed !== undefined) return 'all';
      if (after?.kind === 'coordination-spaces') return [SPACES_KEY];
      if (after?.kind !== 'observations') return 'all';
      const keys = new Set<string>();
      for (const previous of (before?.updated as unknown[] | undefined) ?? []) {
        const datasetKey = (previous as { datasetKey?: unknown } | null)?.datasetKey;
        if (typeof datasetKey === 'string') keys.add(datasetKey);
      }
      for (const key of [...strings(after.createdKeys), ...strings(after.updatedKeys)]) {
        const observation = snapshot.observationByKey.get(key);
        const dataset = observation && snapshot.datasetById.get(observation.datasetId);
        if (!dataset) return 'all';
        keys.add(dataset.key);
      }
      return [...keys];
    }
    case 'Source':
    case 'Document':
      // A new one is cited by nothing yet (the figure citing it names its own key); a changed
      // one may be cited by every kind of figure.
      return entry.before === null ? [] : 'all';
    default:
      // A seed may change anything; so may an action this code does not know.
      return 'all';
  }
}

/**
 * The change made by the audit entries after version `from` up to `to`, read from `db`; null
 * when none of them changed public data (only keys or webhooks were touched).
 */
export async function changeBetween(db: Db, from: number, to: number, snapshot: Snapshot): Promise<DataChange | null> {
  if (to <= from) return null;
  const entries: Entry[] = await db.auditEntry.findMany({
    where: { id: { gt: from, lte: to }, action: { notIn: [...NON_DATA_ACTIONS] } },
    select: { id: true, at: true, action: true, subjectType: true, subjectKey: true, before: true, after: true },
    orderBy: { id: 'asc' },
  });
  if (!entries.length) return null;
  const keys = new Set<string>();
  for (const entry of entries) {
    const changed = keysOf(entry, snapshot);
    if (changed === 'all') return { version: to, at: entries.at(-1)!.at, datasets: allKeys(snapshot) };
    for (const key of changed) keys.add(key);
  }
  return { version: to, at: entries.at(-1)!.at, datasets: [...keys].sort() };
}

/** The JSON a webhook receives: the DataChange as the GraphQL API answers it. */
export const changeJson = (change: DataChange): string =>
  JSON.stringify({ version: change.version, at: change.at.toISOString(), datasets: change.datasets });
