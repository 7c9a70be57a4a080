/**
 * The public history, answered from the snapshot: the revisions of a figure, the versions of a
 * dataset, and the figures as they were published at a moment (`asOf`). A historical figure is
 * an `Observation` built from its revision, so every Indicator field resolves it as it was.
 */
import type { Dataset, DatasetVersion, Observation, ObservationRevision, Publication } from '@vigia/schema';
import type { Snapshot } from './snapshot.js';

/** When a publication happened (every revision and version has one). */
export const publishedAt = (data: Snapshot, publicationId: number): Date => data.publicationById.get(publicationId)!.at;

/** The items of a history (oldest first) published at or before `asOf`; all of them without it. */
export function upTo<T extends { publicationId: number }>(data: Snapshot, list: readonly T[], asOf: Date | null): readonly T[] {
  if (!asOf) return list;
  const end = asOf.getTime();
  let n = 0;
  while (n < list.length && publishedAt(data, list[n]!.publicationId).getTime() <= end) n++;
  return n === list.length ? list : list.slice(0, n);
}

/** A figure as a revision left it, in the shape the Indicator fields read. */
export function observationOf(r: ObservationRevision): Observation {
  return {
    id: r.observationId,
    key: r.key,
    datasetId: r.datasetId,
    label: r.label,
    labelEn: r.labelEn,
    value: r.value,
    unit: r.unit,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    scope: r.scope,
    regionId: r.regionId,
    area: r.area,
    breakdownDimension: r.breakdownDimension,
    breakdownValue: r.breakdownValue,
    baseLabel: r.baseLabel,
    baseLabelEn: r.baseLabelEn,
    sourceId: r.sourceId,
    position: r.position,
    version: r.version,
  };
}

/**
 * Every figure as it was published at `asOf` (withdrawn ones left out), in the API's order:
 * by dataset, then as the source lists them.
 */
export function observationsAsOf(data: Snapshot, asOf: Date): Observation[] {
  const figures: Observation[] = [];
  for (const revisions of data.revisionsOfKey.values()) {
    const seen = upTo(data, revisions, asOf);
    const last = seen[seen.length - 1];
    if (last && !last.withdrawn) figures.push(observationOf(last));
  }
  const datasetPosition = (o: Observation) => data.datasetById.get(o.datasetId)?.position ?? Number.MAX_SAFE_INTEGER;
  return figures.sort((a, b) => datasetPosition(a) - datasetPosition(b) || a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The dataset's version at `asOf` (its newest without it); null before its first publication. */
export function datasetVersionAt(data: Snapshot, datasetId: string, asOf: Date | null): DatasetVersion | null {
  const seen = upTo(data, data.versionsOfDataset.get(datasetId) ?? [], asOf);
  return seen[seen.length - 1] ?? null;
}

/** A publication's moment and note, with what kind of change a revision was. */
export type RevisionChange = 'PUBLISHED' | 'REVISED' | 'WITHDRAWN';

const isWithdrawn = (revision: object | undefined) => !!revision && 'withdrawn' in revision && revision.withdrawn === true;

/** A revision's kind, from its place in its figure's history (a figure entered again after its withdrawal is published anew). */
export function changeOf(list: readonly object[], index: number): RevisionChange {
  if (isWithdrawn(list[index])) return 'WITHDRAWN';
  return index === 0 || isWithdrawn(list[index - 1]) ? 'PUBLISHED' : 'REVISED';
}

/**
 * Objects answered "as of" a moment: a Dataset or Indicator returned by a field with `asOf`
 * is a copy registered here, so that its fields (observations, version, revisions) answer for
 * that moment. The copies live as long as the request's answer.
 */
const asOfByObject = new WeakMap<object, Date>();

export function asOfObject<T extends object>(object: T, asOf: Date | null): T {
  if (!asOf) return object;
  const copy = { ...object };
  asOfByObject.set(copy, asOf);
  return copy;
}

export const asOfOf = (object: object): Date | null => asOfByObject.get(object) ?? null;

/** The dataset's figures at the moment it is answered for (now, or its `asOf`). */
export function figuresOf(data: Snapshot, dataset: Dataset): readonly Observation[] {
  const asOf = asOfOf(dataset);
  if (!asOf) return data.observationsOfDataset.get(dataset.id) ?? [];
  return observationsAsOf(data, asOf)
    .filter((o) => o.datasetId === dataset.id)
    .map((o) => asOfObject(o, asOf));
}

export type { Publication };
