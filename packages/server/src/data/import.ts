import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { publishObservations, type PrismaClient } from '@vigia/schema';
import { recordAudit, type Actor } from './audit.js';
import { loadSpaces, planSpace, regionNames, type SpacePatch, type SpaceSnapshot } from './coordination-spaces.js';
import { OBSERVATION_COLUMNS, restoreCell, SPACE_COLUMNS } from './csv.js';
import { publicNote } from './publications.js';
import { ConflictError, InputError } from './errors.js';
import { JSON_FORMAT, type ExportKind } from './export.js';
import { loadObservations, planObservation, type ObservationPatch, type ObservationPlan, type ObservationSnapshot } from './observations.js';
import { loadRefs } from './refs.js';
import { SUPPRESSED_PATTERN } from './suppression.js';
import { stableJson, trimSpaces, type FieldNames } from './values.js';
import { writeTransaction } from './write.js';

/**
 * `pnpm vigia import <file>`: reads a file in the export's format (CSV or JSON), validates
 * every row against the data before anything is written, then applies the whole file in
 * one transaction with one audit entry — or, on any bad row, writes nothing and reports
 * each problem with its line. Rows equal to what is stored change nothing, so importing an
 * unchanged export reports 0 changes.
 */

export type Cell = string | number | boolean | null;

export interface ImportRow {
  /** Line of the file where the row starts (1 = the first line). */
  line: number;
  cells: Record<string, Cell>;
}

export interface ParsedFile {
  file: string;
  format: 'csv' | 'json';
  kind: ExportKind;
  rows: ImportRow[];
}

export interface ImportProblem {
  line: number;
  message: string;
}

/** A file that cannot be imported: every problem found, each with its line. Nothing was written. */
export class ImportFailure extends Error {
  readonly problems: ImportProblem[];
  constructor(problems: ImportProblem[]) {
    const shown = problems.slice(0, 20).map((p) => `line ${p.line}: ${p.message}`);
    if (problems.length > 20) shown.push(`… and ${problems.length - 20} more problems`);
    super(shown.join('\n'));
    this.problems = problems;
  }
}

/** CSV column ↔ field names, so that a problem names the column the steward sees. */
const OBSERVATION_NAMES: FieldNames = {
  datasetKey: 'dataset',
  labelEn: 'label_en',
  periodStart: 'period_start',
  periodEnd: 'period_end',
  regionCode: 'region_code',
  breakdownDimension: 'breakdown_dimension',
  breakdownValue: 'breakdown_value',
  baseLabel: 'base_label',
  baseLabelEn: 'base_label_en',
  sourceKey: 'source_key',
};
const SPACE_NAMES: FieldNames = {
  regionCode: 'region_code',
  sourceText: 'source_text',
  sourceKey: 'source_key',
  closedOn: 'closed_on',
  closedReason: 'closed_reason',
};

function kindOfColumns(columns: string[]): ExportKind | null {
  if (columns.includes('dataset')) return 'observations';
  if (columns.includes('level') && columns.includes('source_text')) return 'coordination-spaces';
  return null;
}

function checkColumns(kind: ExportKind, columns: string[], line: number): ImportProblem[] {
  const known: readonly string[] = kind === 'observations' ? OBSERVATION_COLUMNS : SPACE_COLUMNS;
  const problems: ImportProblem[] = [];
  for (const column of columns) {
    if (!known.includes(column)) problems.push({ line, message: `unknown column "${column}" (the export's columns are: ${known.join(', ')})` });
  }
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) problems.push({ line, message: `column "${column}" appears twice` });
    seen.add(column);
  }
  if (!columns.includes('key')) problems.push({ line, message: 'the file needs a "key" column' });
  return problems;
}

function parseCsv(file: string, text: string): ParsedFile {
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, raw: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw new ImportFailure([{ line: e.lines ?? 1, message: `not valid CSV: ${e.message.replace(/ at line \d+$/, '')}` }]);
  }
  const startLine = (r: (typeof records)[number]) => r.info.lines - (r.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
  const [head, ...body] = records;
  if (!head) throw new ImportFailure([{ line: 1, message: 'the file is empty: it needs a header row (export a file to see the format)' }]);
  const columns = head.record.map((c) => c.trim());
  const kind = kindOfColumns(columns);
  if (!kind) {
    throw new ImportFailure([{ line: 1, message: 'the header is not an observations export (it has "dataset") nor a coordination-spaces export (it has "level" and "source_text")' }]);
  }
  const problems = checkColumns(kind, columns, startLine(head));
  const rows: ImportRow[] = [];
  for (const r of body) {
    const line = startLine(r);
    if (r.record.length !== columns.length) {
      problems.push({ line, message: `has ${r.record.length} cells; the header has ${columns.length} columns` });
      continue;
    }
    // Our CSV neutralises cells a spreadsheet would run ('=1+1): read the original back.
    rows.push({ line, cells: Object.fromEntries(columns.map((c, i) => [c, restoreCell(r.record[i]!)])) });
  }
  if (problems.length) throw new ImportFailure(problems);
  return { file, format: 'csv', kind, rows };
}

/** Line (1-based) of each element of the rows array: JSON.parse gives values, not positions. */
function rowLines(text: string, rowsAtDepth: number): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      if (depth === rowsAtDepth) lines.push(line);
      depth++;
    } else if (ch === '}' || ch === ']') depth--;
  }
  return lines;
}

function parseJsonFile(file: string, text: string): ParsedFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : 1;
    throw new ImportFailure([{ line, message: `not valid JSON: ${message}` }]);
  }
  const envelope = Array.isArray(data) ? { rows: data } : (data as { format?: unknown; kind?: unknown; rows?: unknown });
  if (!Array.isArray(envelope.rows)) {
    throw new ImportFailure([{ line: 1, message: `expected a ${JSON_FORMAT} file ({ "format": "${JSON_FORMAT}", "kind": …, "rows": [ … ] }) or an array of rows` }]);
  }
  const lines = rowLines(text, Array.isArray(data) ? 1 : 2);
  const objects = envelope.rows as unknown[];
  const first = objects.find((r) => r && typeof r === 'object') as Record<string, unknown> | undefined;
  const declared = 'kind' in envelope ? envelope.kind : undefined;
  const kind: ExportKind | null =
    declared === 'observations' || declared === 'coordination-spaces' ? declared : kindOfColumns(Object.keys(first ?? {}));
  if (!kind) throw new ImportFailure([{ line: 1, message: 'cannot tell whether the rows are observations (with "dataset") or coordination spaces (with "level")' }]);
  const problems: ImportProblem[] = [];
  const rows: ImportRow[] = [];
  objects.forEach((row, index) => {
    const line = lines[index] ?? 1;
    if (!row || typeof row !== 'object' || Array.isArray(row)) {
      problems.push({ line, message: `rows[${index}] must be an object of column: value` });
      return;
    }
    const cells = row as Record<string, Cell>;
    const bad = Object.entries(cells).find(([, v]) => v !== null && typeof v === 'object');
    if (bad) problems.push({ line, message: `${bad[0]}: must be a string, number, boolean or null` });
    problems.push(...checkColumns(kind, Object.keys(cells), line));
    rows.push({ line, cells });
  });
  if (problems.length) throw new ImportFailure(problems);
  return { file, format: 'json', kind, rows };
}

/** Reads a file's text as CSV or JSON (by extension, else by its first character). */
export function parseImportFile(file: string, text: string): ParsedFile {
  const ext = extname(file).toLowerCase();
  const json = ext === '.json' || (ext !== '.csv' && /^\s*[[{]/.test(text.replace(/^\uFEFF/, '')));
  return json ? parseJsonFile(file, text.replace(/^\uFEFF/, '')) : parseCsv(file, text);
}

// ---------------------------------------------------------------------------------------
// Cells → patches

/** A cell as text; spaces around it are dropped, never control characters (validation refuses them). */
const text = (v: Cell | undefined): string | null | undefined => {
  if (v === undefined) return undefined;
  if (v === null) return null;
  const s = trimSpaces(String(v));
  return s === '' ? null : s;
};

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

function observationPatch(cells: Record<string, Cell>): { patch: ObservationPatch; keepValue: boolean } {
  let value: number | null | undefined;
  let keepValue = false;
  const raw = cells.value;
  if (raw === undefined) value = undefined;
  else if (typeof raw === 'number') value = raw;
  else if (raw === null || (typeof raw === 'string' && trimSpaces(raw) === '')) {
    // A JSON export writes a withheld value as null with suppressed: true.
    if (cells.suppressed === true) keepValue = true;
    value = keepValue ? undefined : null;
  } else if (typeof raw === 'string' && SUPPRESSED_PATTERN.test(trimSpaces(raw))) {
    // A public export withholds small victim counts ("< 5"): importing it keeps the stored number.
    keepValue = true;
    value = undefined;
  } else if (typeof raw === 'string' && NUMBER.test(trimSpaces(raw))) value = Number(trimSpaces(raw));
  else throw new InputError('value', `must be a number (or "< 5" as in a public export); got ${JSON.stringify(raw)}`);
  return {
    keepValue,
    patch: {
      datasetKey: text(cells.dataset),
      label: text(cells.label),
      labelEn: text(cells.label_en),
      value,
      unit: text(cells.unit),
      periodStart: text(cells.period_start),
      periodEnd: text(cells.period_end),
      scope: text(cells.scope) as ObservationPatch['scope'],
      regionCode: text(cells.region_code),
      area: text(cells.area),
      breakdownDimension: text(cells.breakdown_dimension),
      breakdownValue: text(cells.breakdown_value),
      baseLabel: text(cells.base_label),
      baseLabelEn: text(cells.base_label_en),
      sourceKey: text(cells.source_key),
    },
  };
}

function spacePatch(cells: Record<string, Cell>): SpacePatch {
  return {
    name: text(cells.name),
    level: text(cells.level) as SpacePatch['level'],
    regionCode: text(cells.region_code),
    province: text(cells.province),
    district: text(cells.district),
    locality: text(cells.locality),
    sourceText: text(cells.source_text),
    note: text(cells.note),
    sourceKey: text(cells.source_key),
    closedOn: text(cells.closed_on),
    closedReason: text(cells.closed_reason),
  };
}

// ---------------------------------------------------------------------------------------
// Plan: validate everything, compare with what is stored

export interface PlannedChange {
  line: number;
  key: string;
  action: 'create' | 'update';
  /** The fields that differ (for an update), as "value: 420 → 421". */
  differences: string[];
}

interface PlannedWrite {
  line: number;
  key: string;
  action: 'create' | 'update';
  id?: string;
  version?: number;
  before?: ObservationSnapshot | SpaceSnapshot;
  after: ObservationSnapshot | SpaceSnapshot;
  datasetId?: string;
  data: Record<string, unknown>;
}

export interface ImportPlan {
  file: string;
  format: 'csv' | 'json';
  kind: ExportKind;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  changes: PlannedChange[];
  writes: PlannedWrite[];
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
export async function planImport(
  prisma: PrismaClient,
  parsed: ParsedFile,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportPlan> {
  const refs = await loadRefs(prisma);
  const observations = parsed.kind === 'observations' ? await loadObservations(prisma) : new Map();
  const spaces = parsed.kind === 'coordination-spaces' ? await loadSpaces(prisma) : new Map();
  const names = parsed.kind === 'coordination-spaces' ? await regionNames(prisma) : new Map<string, string>();
  const problems: ImportProblem[] = [];
  const writes: PlannedWrite[] = [];
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

      if (parsed.kind === 'observations') {
        const existing = observations.get(key) ?? null;
        const { patch, keepValue } = observationPatch(row.cells);
        if (keepValue && !existing) {
          throw new InputError('value', `is suppressed ("< 5"); a new indicator ("${key}" does not exist yet) needs its number`);
        }
        const plan: ObservationPlan = planObservation(key, patch, existing, refs, OBSERVATION_NAMES);
        if (existing && stableJson(existing.snapshot) === stableJson(plan.snapshot)) {
          unchanged++;
          continue;
        }
        writes.push({
          line: row.line,
          key,
          action: existing ? 'update' : 'create',
          id: existing?.id,
          version: existing?.version,
          before: existing?.snapshot,
          after: plan.snapshot,
          datasetId: plan.datasetId,
          data: plan.data,
        });
      } else {
        const existing = spaces.get(key) ?? null;
        const plan = planSpace(key, spacePatch(row.cells), existing, refs, names, SPACE_NAMES);
        if (existing && stableJson(existing.snapshot) === stableJson(plan.snapshot)) {
          unchanged++;
          continue;
        }
        writes.push({
          line: row.line,
          key,
          action: existing ? 'update' : 'create',
          id: existing?.id,
          version: existing?.version,
          before: existing?.snapshot,
          after: plan.snapshot,
          data: plan.data,
        });
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
      differences: w.before ? differences(w.before, w.after) : [],
    })),
  };
}

// ---------------------------------------------------------------------------------------
// Apply: one transaction, one audit entry

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  rows: number;
  auditEntryId: number;
}

const LISTED = 200;

/**
 * Writes a plan in one transaction with its audit entry. A row that changed since it was
 * validated (its version moved) aborts the whole import: nothing is written. The figures it
 * creates or changes are published together, with the import's public note if it has one.
 */
export async function applyImport(prisma: PrismaClient, plan: ImportPlan, actor: Actor, options: { note?: string | null } = {}): Promise<ImportResult> {
  const subject = plan.kind === 'observations' ? 'indicator' : 'coordination space';
  const note = publicNote(options.note);
  return writeTransaction(
    prisma,
    async (tx) => {
      const creates = plan.writes.filter((w) => w.action === 'create');
      const updates = plan.writes.filter((w) => w.action === 'update');
      for (const w of updates) {
        const where = { id: w.id!, version: w.version! };
        const data = { ...w.data, version: w.version! + 1 };
        const { count } =
          plan.kind === 'observations'
            ? await tx.observation.updateMany({ where, data: data as never })
            : await tx.coordinationSpace.updateMany({ where, data: data as never });
        if (count !== 1) {
          throw new ConflictError(`line ${w.line}: ${subject} "${w.key}" changed while the file was being imported; nothing was written. Run the import again.`);
        }
      }
      if (plan.kind === 'observations') {
        // New observations go after each dataset's last one, in the file's order.
        const next = new Map<string, number>();
        const rows: never[] = [];
        for (const w of creates) {
          const datasetId = w.datasetId!;
          if (!next.has(datasetId)) {
            const last = await tx.observation.aggregate({ where: { datasetId }, _max: { position: true } });
            next.set(datasetId, (last._max.position ?? -1) + 1);
          }
          const position = next.get(datasetId)!;
          next.set(datasetId, position + 1);
          rows.push({ ...(w.data as object), position } as never);
        }
        for (let i = 0; i < rows.length; i += 500) await tx.observation.createMany({ data: rows.slice(i, i + 500) });
        const created = creates.length ? await tx.observation.findMany({ where: { key: { in: creates.map((w) => w.key) } }, select: { id: true } }) : [];
        await publishObservations(tx, { action: 'import', note }, [...updates.map((w) => w.id!), ...created.map((o) => o.id)]);
      } else if (creates.length) {
        const last = await tx.coordinationSpace.aggregate({ _max: { position: true } });
        let position = (last._max.position ?? -1) + 1;
        const rows = creates.map((w) => ({ ...(w.data as object), position: position++ }) as never);
        for (let i = 0; i < rows.length; i += 500) await tx.coordinationSpace.createMany({ data: rows.slice(i, i + 500) });
      }
      const list = (items: PlannedWrite[]) => items.slice(0, LISTED).map((w) => w.key);
      const auditEntryId = await recordAudit(tx, actor, {
        action: 'import',
        subjectType: 'Import',
        subjectKey: basename(plan.file),
        before: updates.length ? { updated: updates.slice(0, LISTED).map((w) => w.before) } : null,
        after: {
          file: basename(plan.file),
          format: plan.format,
          kind: plan.kind,
          rows: plan.rows,
          created: plan.created,
          updated: plan.updated,
          unchanged: plan.unchanged,
          createdKeys: list(creates),
          updatedKeys: list(updates),
          ...(creates.length > LISTED || updates.length > LISTED ? { keysListed: LISTED } : {}),
        },
      });
      return { created: plan.created, updated: plan.updated, unchanged: plan.unchanged, rows: plan.rows, auditEntryId };
    },
    // An operator's command, not a request: it may wait longer for editors' writes to let it in.
    { timeoutMs: 300_000, busyRetryMs: 60_000 },
  );
}
