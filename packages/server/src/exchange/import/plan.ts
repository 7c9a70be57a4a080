/**
 * Stage 2 of an import: every row checked against the stored data (by its kind's strategy)
 * and compared with it, before anything is written. Rows equal to what is stored change
 * nothing, so importing an unchanged export plans 0 changes.
 */
import type { PrismaClient } from '@vigia/schema';
import { InputError } from '../../core/errors.js';
import type { ExportKind } from '../export.js';
import { stableJson } from '../../write/values.js';
import type { ParsedFile } from './parse.js';
import { ImportFailure, type ImportProblem } from './problems.js';
import { text } from './strategies/cells.js';
import { strategyFor, type WriteOf } from './strategies/index.js';

export interface PlannedChange {
  line: number;
  key: string;
  action: 'create' | 'update';
  /** The fields that differ (for an update), as "value: 420 → 421". */
  differences: string[];
}

export type PlannedWrite<K extends ExportKind = ExportKind> = WriteOf<K>;

export interface ImportPlan<K extends ExportKind = ExportKind> {
  file: string;
  format: 'csv' | 'json';
  kind: K;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  changes: PlannedChange[];
  writes: PlannedWrite<K>[];
}

function differences(before: object, after: object): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return Object.keys(b)
    .filter((k) => stableJson(a[k]) !== stableJson(b[k]))
    .map((k) => `${k}: ${JSON.stringify(a[k] ?? null)} → ${JSON.stringify(b[k] ?? null)}`);
}

/**
 * Validates every row of a parsed file against the database and works out what would
 * change. Throws ImportFailure with every bad row (line and reason); writes nothing.
 */
export async function planImport<K extends ExportKind>(
  prisma: PrismaClient,
  parsed: ParsedFile<K>,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportPlan<K>> {
  const check = await strategyFor(parsed.kind).prepare(prisma);
  const problems: ImportProblem[] = [];
  const writes: PlannedWrite<K>[] = [];
  const firstLine = new Map<string, number>();
  let unchanged = 0;
  const total = parsed.rows.length;

  for (const [index, row] of parsed.rows.entries()) {
    if (onProgress && (index % 250 === 0 || index === total - 1)) {
      onProgress(index + 1, total);
      // Let the progress bar redraw: checking is synchronous work.
      await new Promise((done) => setImmediate(done));
    }
    try {
      const key = text(row.cells.key);
      if (!key) throw new InputError('key', 'is required: every row needs its stable key');
      const seen = firstLine.get(key);
      if (seen !== undefined) throw new InputError('key', `"${key}" is already on line ${seen}; each key may appear once`);
      firstLine.set(key, row.line);

      const { existing, snapshot, data } = check(key, row.cells);
      if (!existing) {
        writes.push({ line: row.line, key, action: 'create', after: snapshot, data });
      } else if (stableJson(existing.snapshot) === stableJson(snapshot)) {
        unchanged++;
      } else {
        writes.push({ line: row.line, key, action: 'update', id: existing.id, version: existing.version, before: existing.snapshot, after: snapshot, data });
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push({ line: row.line, message: error.message });
    }
  }
  if (problems.length) throw new ImportFailure(problems);
  const created = writes.filter((w) => w.action === 'create').length;
  return {
    file: parsed.file,
    format: parsed.format,
    kind: parsed.kind,
    rows: total,
    created,
    updated: writes.length - created,
    unchanged,
    writes,
    changes: writes.map((w) => ({
      line: w.line,
      key: w.key,
      action: w.action,
      differences: w.action === 'update' ? differences(w.before, w.after) : [],
    })),
  };
}
