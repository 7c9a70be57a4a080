/**
 * `importData(file, dryRun)`: `pnpm vigia import` over GraphQL, for the stewards' console. The
 * file comes as a GraphQL multipart request (graphql-yoga parses it; the HTTP steps bound its
 * size). Same parser, same checks, same single transaction and audit entry as the CLI
 * (exchange/import/): a dry run writes nothing; an apply writes everything or nothing.
 */
import { basename, extname } from 'node:path';
import { GraphQLError } from 'graphql';
import { primaryOf } from '@vigia/schema';
import type { Context } from '../../context.js';
import { actorFor } from '../../core/audit.js';
import { InputError, SavedNotShownError, UnauthenticatedError } from '../../core/errors.js';
import { applyImport, ImportFailure, parseImportFile, planImport, type ImportPlan, type ImportProblem, type ParsedFile, type PlannedChange } from '../../exchange/import/index.js';
import { builder } from '../builder.js';
import { DatasetRef } from '../types/refs.js';

export const FileScalar = builder.scalarType('File', {
  description: 'A file uploaded with the GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec): input only.',
  serialize: () => {
    throw new Error('File is an input type only');
  },
  parseValue: (value) => {
    // yoga hands over a WHATWG File (its ponyfill in Node, so no instanceof check).
    const file = value as Partial<File> | null;
    if (!file || typeof file !== 'object' || typeof file.text !== 'function' || typeof file.arrayBuffer !== 'function') {
      throw new GraphQLError('Expected a file sent as a GraphQL multipart request (operations, map and the file as form fields).', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return value as File;
  },
  parseLiteral: () => {
    throw new GraphQLError('A file cannot be written in the query: send it as a variable of a GraphQL multipart request.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  },
});

type Format = 'csv' | 'json';

interface DatasetCount {
  datasetKey: string;
  created: number;
  updated: number;
  unchanged: number;
}

interface ImportOutcome {
  fileName: string;
  format: Format;
  kind: ParsedFile['kind'] | null;
  dryRun: boolean;
  applied: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  datasets: DatasetCount[];
  changes: PlannedChange[];
  problems: ImportProblem[];
  auditEntryId: number | null;
}

/** The uploaded name as the audit log and the parser see it: no directories, no control characters, bounded. */
function cleanName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const base = basename(String(name ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base.slice(-200);
}

const FORMAT_BY_TYPE: Record<string, Format> = { 'text/csv': 'csv', 'application/csv': 'csv', 'application/json': 'json' };

/** CSV or JSON, by the file's extension (or, without one, its media type); anything else is refused. */
function formatOf(name: string, type: string | undefined): Format {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv' || ext === '.json') return ext.slice(1) as Format;
  const byType = FORMAT_BY_TYPE[(type ?? '').split(';')[0]!.trim().toLowerCase()];
  if (!ext && byType) return byType;
  throw new InputError(
    'file',
    `must be a .csv or .json file in the export's format (as \`pnpm vigia export\` and the CSV downloads write it); got ${name ? `"${name}"` : 'a file without a name'}${type ? ` (${type})` : ''}`,
  );
}

async function textOf(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // A spreadsheet's own format (.xlsx) renamed, or a file in another encoding: say so, not "bad row".
  if (bytes.includes(0)) throw new InputError('file', 'is not a text file: save the spreadsheet as "CSV UTF-8" and upload that');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('file', 'is not UTF-8 text: save the spreadsheet as "CSV UTF-8" (not "CSV" in another encoding) and upload that');
  }
}

/**
 * Per-dataset counts of an observations plan. A row without a dataset cell (possible in JSON)
 * belongs to the dataset its stored figure is in.
 */
async function datasetCounts(ctx: Context, parsed: ParsedFile, plan: ImportPlan): Promise<DatasetCount[]> {
  if (parsed.kind !== 'observations') return [];
  const writes = new Map(plan.writes.map((w) => [w.line, w]));
  const cellOf = (cells: Record<string, unknown>, name: string) => {
    const value = cells[name];
    return value === null || value === undefined || String(value).trim() === '' ? undefined : String(value).trim();
  };
  const missing = parsed.rows.filter((r) => !writes.has(r.line) && !cellOf(r.cells, 'dataset')).map((r) => cellOf(r.cells, 'key')!);
  const stored = missing.length
    ? new Map(
        (
          await primaryOf(ctx.prisma).observation.findMany({ where: { key: { in: missing } }, select: { key: true, dataset: { select: { key: true } } } })
        ).map((o) => [o.key, o.dataset.key]),
      )
    : new Map<string, string>();
  const counts = new Map<string, DatasetCount>();
  const count = (datasetKey: string, what: 'created' | 'updated' | 'unchanged') => {
    let entry = counts.get(datasetKey);
    if (!entry) counts.set(datasetKey, (entry = { datasetKey, created: 0, updated: 0, unchanged: 0 }));
    entry[what]++;
  };
  for (const row of parsed.rows) {
    const write = writes.get(row.line);
    if (write) count((write.after as { datasetKey: string }).datasetKey, write.action === 'create' ? 'created' : 'updated');
    else count(cellOf(row.cells, 'dataset') ?? stored.get(cellOf(row.cells, 'key')!) ?? '', 'unchanged');
  }
  return [...counts.values()].sort((a, b) => (a.datasetKey < b.datasetKey ? -1 : a.datasetKey > b.datasetKey ? 1 : 0));
}

async function runImport(ctx: Context, file: File, dryRun: boolean): Promise<ImportOutcome> {
  const caller = ctx.caller;
  // Scope auth has refused anonymous and viewer callers already; this keeps a mistake there from writing anonymously.
  if (!caller) throw new UnauthenticatedError();
  const fileName = cleanName(file.name);
  const format = formatOf(fileName, file.type);
  const text = await textOf(file);
  const outcome: ImportOutcome = {
    fileName,
    format,
    kind: null,
    dryRun,
    applied: false,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    datasets: [],
    changes: [],
    problems: [],
    auditEntryId: null,
  };
  let parsed: ParsedFile;
  let plan: ImportPlan;
  try {
    // The parser picks CSV or JSON by the name's extension: give it the one the format was chosen by.
    parsed = parseImportFile(extname(fileName) ? fileName : `${fileName || 'upload'}.${format}`, text);
    outcome.kind = parsed.kind;
    outcome.rows = parsed.rows.length;
    // With a progress callback the check yields to the event loop every 250 rows: a large file
    // must not stall every other request this process is serving.
    plan = await planImport(ctx.prisma, parsed, () => {});
  } catch (error) {
    // Every bad row, with its line and reason: nothing is written, in a dry run or not.
    if (!(error instanceof ImportFailure)) throw error;
    return { ...outcome, problems: error.problems };
  }
  Object.assign(outcome, {
    rows: plan.rows,
    created: plan.created,
    updated: plan.updated,
    unchanged: plan.unchanged,
    changes: plan.changes,
    datasets: await datasetCounts(ctx, parsed, plan),
  });
  if (dryRun) return outcome;

  const result = await applyImport(ctx.prisma, plan, actorFor(caller));
  outcome.applied = true;
  outcome.auditEntryId = result.auditEntryId;
  if (result.created + result.updated > 0) {
    // As every mutation: the answer, and every read after it, show the import.
    try {
      ctx.snapshot = await ctx.readModel.changed();
    } catch {
      throw new SavedNotShownError();
    }
  }
  return outcome;
}

const ImportFormatEnum = builder.enumType('ImportFormat', {
  description: 'The format of an imported file.',
  values: {
    CSV: { value: 'csv', description: 'Comma-separated values with a header row, as the CSV export and downloads write them.' },
    JSON: { value: 'json', description: 'The JSON export ({ "format", "kind", "rows" }) or an array of rows.' },
  } as const,
});

const ImportKindEnum = builder.enumType('ImportKind', {
  description: 'What the rows of an imported file are.',
  values: {
    OBSERVATIONS: { value: 'observations', description: 'Figures of datasets (indicators): the file has a "dataset" column.' },
    COORDINATION_SPACES: { value: 'coordination-spaces', description: 'Coordination spaces: the file has "level" and "source_text" columns.' },
  } as const,
});

const ImportActionEnum = builder.enumType('ImportAction', {
  description: 'What an import does to one row.',
  values: {
    CREATE: { value: 'create', description: 'Adds an object with a key not stored yet.' },
    UPDATE: { value: 'update', description: 'Changes a stored object.' },
  } as const,
});

const ImportChangeRef = builder.objectRef<PlannedChange>('ImportChange').implement({
  description: 'One row of an imported file that creates or changes an object (unchanged rows are only counted).',
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'The line of the file where the row starts (1 = the first line, the header in a CSV).' }),
    key: t.exposeString('key', { description: "The row's stable key." }),
    action: t.field({ type: ImportActionEnum, description: 'Whether the row creates or changes an object.', resolve: (c) => c.action }),
    differences: t.exposeStringList('differences', {
      description: 'For an update, each field that changes, as "field: before → after" (JSON values); empty for a creation.',
    }),
  }),
});

const ImportProblemRef = builder.objectRef<ImportProblem>('ImportProblem').implement({
  description: 'Why one row (or the whole file) cannot be imported.',
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'The line of the file the problem is on (1 = the first line).' }),
    message: t.exposeString('message', { description: 'What is wrong, naming the column as the file spells it (e.g. "value: must be a number…").' }),
  }),
});

const ImportDatasetCountRef = builder.objectRef<DatasetCount>('ImportDatasetCount').implement({
  description: "An import's counts for one dataset (observations files only).",
  fields: (t) => ({
    datasetKey: t.exposeString('datasetKey', { description: "The dataset's key, as the file's dataset column gives it." }),
    dataset: t.field({
      type: DatasetRef,
      nullable: true,
      description: 'The dataset, as it is now (after the import when it was applied); null for a key no dataset has.',
      resolve: (count, _args, ctx) => ctx.snapshot.datasetByKey.get(count.datasetKey) ?? null,
    }),
    created: t.exposeInt('created', { description: 'Rows that create a figure in it.' }),
    updated: t.exposeInt('updated', { description: 'Rows that change one of its figures.' }),
    unchanged: t.exposeInt('unchanged', { description: 'Rows equal to what is stored.' }),
  }),
});

const ImportDataPayloadRef = builder.objectRef<ImportOutcome>('ImportDataPayload').implement({
  description:
    'What an import would change (dry run) or changed. With any problem, nothing was written and the counts cover only the rows that could be read.',
  fields: (t) => ({
    fileName: t.exposeString('fileName', { description: 'The uploaded file\'s name (without directories), as the audit entry records it.' }),
    format: t.field({ type: ImportFormatEnum, description: 'How the file was read.', resolve: (o) => o.format }),
    kind: t.field({
      type: ImportKindEnum,
      nullable: true,
      description: 'What its rows are; null when the file could not be read far enough to tell.',
      resolve: (o) => o.kind,
    }),
    dryRun: t.exposeBoolean('dryRun', { description: 'Whether this was a dry run (it never writes).' }),
    valid: t.boolean({ description: 'Whether every row can be imported (no problems).', resolve: (o) => o.problems.length === 0 }),
    applied: t.exposeBoolean('applied', {
      description: 'Whether the file was written, all of it in one transaction with one audit entry. False for a dry run and for a file with problems.',
    }),
    rows: t.exposeInt('rows', { description: 'Rows of data in the file (the header not counted).' }),
    created: t.exposeInt('created', { description: 'Rows that create an object (would create, in a dry run).' }),
    updated: t.exposeInt('updated', { description: 'Rows that change a stored object.' }),
    unchanged: t.exposeInt('unchanged', { description: 'Rows equal to what is stored: they change nothing.' }),
    datasets: t.field({
      type: [ImportDatasetCountRef],
      description: 'The counts per dataset, by dataset key (observations files; empty for coordination spaces).',
      resolve: (o) => o.datasets,
    }),
    changes: t.field({
      type: [ImportChangeRef],
      description: 'Each row that creates or changes an object, in file order, with what changes.',
      resolve: (o) => o.changes,
    }),
    problems: t.field({
      type: [ImportProblemRef],
      description: 'Every bad row, with its line and reason (empty when the file can be imported). Any problem means nothing is written.',
      resolve: (o) => o.problems,
    }),
    auditEntryId: t.exposeInt('auditEntryId', {
      nullable: true,
      description: 'The audit entry of an applied import (action "import"); null when nothing was applied.',
    }),
  }),
});

builder.mutationField('importData', (t) =>
  t.field({
    type: ImportDataPayloadRef,
    description:
      'Imports a CSV or JSON file in the export\'s format (as `pnpm vigia import`; editor or admin). Send it as a GraphQL multipart request, with a header such as "X-GraphQL-Yoga-CSRF: 1" (CSRF protection). Every row is checked first; dryRun: true shows what would change and writes nothing; dryRun: false writes the whole file in one transaction with one audit entry, or nothing if any row is bad.',
    authScopes: { editor: true },
    args: {
      file: t.arg({ type: FileScalar, required: true, description: 'The file (.csv or .json), as the multipart request\'s mapped file field.' }),
      dryRun: t.arg.boolean({ required: true, description: 'true: only check and show what would change; false: apply.' }),
    },
    resolve: (_root, { file, dryRun }, ctx) => runImport(ctx, file, dryRun),
  }),
);
