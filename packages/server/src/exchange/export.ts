import { primaryOf, providerOf, type PrismaClient } from '@vigia/schema';
import type { Caller } from '../core/caller.js';
import { loadSnapshot } from '../read-model/snapshot.js';
import { observationRecords, OBSERVATION_COLUMNS, SPACE_COLUMNS, spaceRecords, toCsv } from './csv.js';
import { InputError } from '../core/errors.js';
import { suppressedText } from '../core/suppression.js';

export type ExportFormat = 'csv' | 'json';
export type ExportKind = 'observations' | 'coordination-spaces';

/** The envelope of a JSON export; an import reads it back (a bare array of rows is accepted too). */
export const JSON_FORMAT = 'vigia-export';

/**
 * What `pnpm vigia export <what>` writes: `indicators` (every observation), a dataset key
 * (its observations) or `coordination-spaces`, as CSV (one header row) or JSON (one row per
 * line), as the caller may see them: without an editor or admin key, small victim counts
 * are suppressed exactly as on the public API. The rows come from a snapshot loaded as a
 * server loads it (read-model/), so an export holds what the API and the CSV downloads show.
 */
export async function exportData(prisma: PrismaClient, what: string, format: ExportFormat, caller: Caller | null): Promise<string> {
  let kind: ExportKind;
  let columns: readonly string[];
  let records: Record<string, unknown>[];
  const data = await loadSnapshot(primaryOf(prisma), providerOf(prisma));
  if (what === 'coordination-spaces') {
    kind = 'coordination-spaces';
    columns = SPACE_COLUMNS;
    records = spaceRecords(data);
  } else {
    kind = 'observations';
    columns = OBSERVATION_COLUMNS;
    const found = observationRecords(data, what === 'indicators' ? undefined : what, caller);
    if (!found) {
      const datasets = data.datasets.map((d) => d.key);
      throw new InputError('what', `"${what}" is not indicators, coordination-spaces or a dataset key (${datasets.join(', ')})`);
    }
    records = found;
  }
  if (format === 'csv') return toCsv(columns, records, suppressedText());
  const rows = records.map((r) => `    ${JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] ?? null])))}`);
  return `{\n  "format": "${JSON_FORMAT}",\n  "version": 1,\n  "kind": "${kind}",\n  "subject": ${JSON.stringify(what)},\n  "rows": [\n${rows.join(',\n')}\n  ]\n}\n`;
}
