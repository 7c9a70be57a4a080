/**
 * Stage 1 of an import: a file's text (CSV or JSON, in the export's format) → rows of cells,
 * each with the line it starts on. Only the shape is checked here (known columns, one cell per
 * column); what the cells say is checked by plan.ts.
 */
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { restoreCell } from '../csv.js';
import { JSON_FORMAT, type ExportKind } from '../export.js';
import { ImportFailure, type ImportProblem } from './problems.js';
import { isExportKind, kindOfColumns, recognisedKinds, strategyFor } from './strategies/index.js';
import type { Cell, Cells } from './strategies/strategy.js';

export type { Cell, Cells };

export interface ImportRow {
  /** Line of the file where the row starts (1 = the first line). */
  line: number;
  cells: Cells;
}

export interface ParsedFile<K extends ExportKind = ExportKind> {
  file: string;
  format: 'csv' | 'json';
  kind: K;
  rows: ImportRow[];
}

function checkColumns(kind: ExportKind, columns: string[], line: number): ImportProblem[] {
  const known = strategyFor(kind).columns;
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
  if (!kind) throw new ImportFailure([{ line: 1, message: `the header is not ${recognisedKinds('header', ' nor ')}` }]);
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
  const kind = isExportKind(declared) ? declared : kindOfColumns(Object.keys(first ?? {}));
  if (!kind) throw new ImportFailure([{ line: 1, message: `cannot tell whether the rows are ${recognisedKinds('rows', ' or ')}` }]);
  const problems: ImportProblem[] = [];
  const rows: ImportRow[] = [];
  objects.forEach((row, index) => {
    const line = lines[index] ?? 1;
    if (!row || typeof row !== 'object' || Array.isArray(row)) {
      problems.push({ line, message: `rows[${index}] must be an object of column: value` });
      return;
    }
    const cells = row as Cells;
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
