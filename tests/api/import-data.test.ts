/**
 * `importData(file, dryRun)` over real HTTP, sent as browsers send it: a GraphQL multipart
 * request built with FormData and fetch (the console does exactly this). Same rules as
 * `pnpm vigia import`: a dry run writes nothing, every bad row is named with its line, an apply
 * is all-or-nothing with one audit entry. The cases-by-region figures below are TEST FIXTURES —
 * invented for this test; the source shows them only as a chart and Vigía has no real values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { exportData } from '../../packages/server/src/exchange/export.js';
import { gql } from '../helpers/graphql.js';
import { startProductionServer, type ProductionServer } from '../production/support.js';
import { startWriteServer, type Role, type WriteServer } from '../write/support.js';

const CASES = 'trafficking-cases-by-region-2021-2023';
const HEADER =
  'dataset,key,label,label_en,value,unit,period_start,period_end,scope,region_code,area,breakdown_dimension,breakdown_value,base_label,base_label_en,suppressed,source_key,source_section,source_document,source_published_on';
const REGIONS = [['04', 'Arequipa'], ['08', 'Cusco'], ['21', 'Puno'], ['23', 'Tacna'], ['18', 'Moquegua']] as const;

/** TEST FIXTURE rows: cases by region and year, values invented; `bad` replaces a row's value cell. */
function fixtureCsv(bad: Record<number, string> = {}): string {
  const rows = [HEADER];
  let value = 11;
  for (const [code, name] of REGIONS) {
    for (const year of [2021, 2022, 2023]) {
      const index = rows.length - 1;
      rows.push(
        [CASES, `test-fixture-cases-${code}-${year}`, `TEST FIXTURE casos en ${name} ${year}`, `TEST FIXTURE cases in ${name} ${year}`, bad[index] ?? value++,
          'casos', `${year}-01-01`, `${year}-12-31`, 'REGION', code, '', '', '', '', '', '', 'cases-2021-2023', '', '', ''].join(','),
      );
    }
  }
  return `${rows.join('\n')}\n`;
}

const IMPORT = `mutation Import($file: File!, $dryRun: Boolean!) {
  importData(file: $file, dryRun: $dryRun) {
    fileName format kind dryRun valid applied rows created updated unchanged auditEntryId
    datasets { datasetKey created updated unchanged dataset { key status } }
    changes { line key action differences }
    problems { line message }
  }
}`;

/** A GraphQL multipart request (operations, map, the file), as a browser's FormData sends it. */
function multipart(file: File, dryRun: boolean, query = IMPORT): FormData {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { file: null, dryRun } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', file);
  return form;
}

async function upload(url: string, key: string | null, file: File, dryRun: boolean, headers: Record<string, string> = { 'x-graphql-yoga-csrf': '1' }) {
  const res = await fetch(url, {
    method: 'POST',
    body: multipart(file, dryRun),
    headers: { accept: 'application/graphql-response+json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

const csvFile = (text: string, name = 'casos-por-region.csv') => new File([text], name, { type: 'text/csv' });

let server: WriteServer;
const as = (role: Role | null, file: File, dryRun: boolean, headers?: Record<string, string>) =>
  upload(server.graphqlUrl, role ? server.keys[role].key : null, file, dryRun, headers);
const status = async () => (await gql(server.graphqlUrl, `{ dataset(key: "${CASES}") { status observationCount } }`)).data.dataset;

beforeAll(async () => {
  server = await startWriteServer();
});
afterAll(() => server?.stop());

describe('importData: dry run', () => {
  it('shows what would change — rows created, per dataset, each change with its line — and writes nothing', async () => {
    const before = await server.fingerprint();
    const { status: code, json } = await as('EDITOR', csvFile(fixtureCsv()), true);
    expect(code, JSON.stringify(json)).toBe(200);
    const result = json.data.importData;
    expect(result).toMatchObject({
      fileName: 'casos-por-region.csv',
      format: 'CSV',
      kind: 'OBSERVATIONS',
      dryRun: true,
      valid: true,
      applied: false,
      rows: 15,
      created: 15,
      updated: 0,
      unchanged: 0,
      auditEntryId: null,
      problems: [],
    });
    expect(result.datasets).toEqual([{ datasetKey: CASES, created: 15, updated: 0, unchanged: 0, dataset: { key: CASES, status: 'PENDING' } }]);
    expect(result.changes).toHaveLength(15);
    // The header is line 1: the first row is line 2, the last line 16.
    expect(result.changes[0]).toEqual({ line: 2, key: 'test-fixture-cases-04-2021', action: 'CREATE', differences: [] });
    expect(result.changes.at(-1)).toMatchObject({ line: 16, key: 'test-fixture-cases-18-2023' });
    expect(await server.fingerprint()).toBe(before);
    expect(await status()).toEqual({ status: 'PENDING', observationCount: 0 });
  });

  it('names every bad row with its line and reason, as the CLI does, and writes nothing — in a dry run or not', async () => {
    const before = await server.fingerprint();
    // Rows 3 and 10 of the data are on lines 4 and 11.
    const file = csvFile(fixtureCsv({ 2: 'doce', 9: '-4' }));
    for (const dryRun of [true, false]) {
      const { status: code, json } = await as('EDITOR', file, dryRun);
      expect(code).toBe(200);
      const result = json.data.importData;
      expect(result).toMatchObject({ dryRun, valid: false, applied: false, auditEntryId: null, kind: 'OBSERVATIONS' });
      expect(result.problems).toEqual([
        { line: 4, message: 'value: must be a number (or "< 5" as in a public export); got "doce"' },
        { line: 11, message: expect.stringMatching(/^value: /) },
      ]);
    }
    expect(await server.fingerprint()).toBe(before);
  });

  it('a file that is not in the export format is one problem on line 1', async () => {
    const { json } = await as('EDITOR', csvFile('name,amount\nx,1\n', 'otra-cosa.csv'), true);
    expect(json.data.importData).toMatchObject({ valid: false, kind: null, rows: 0, problems: [{ line: 1, message: expect.stringMatching(/not an observations export/) }] });
  });
});

describe('importData: apply', () => {
  it('writes the whole file in one transaction with the CLI\'s audit entry, and the public API shows it at once', async () => {
    const { json } = await as('EDITOR', csvFile(fixtureCsv()), false);
    const result = json.data.importData;
    expect(result).toMatchObject({ dryRun: false, valid: true, applied: true, created: 15, updated: 0, unchanged: 0 });
    expect(result.auditEntryId).toEqual(expect.any(Number));
    // The answer already reads the reloaded data.
    expect(result.datasets[0].dataset).toEqual({ key: CASES, status: 'PUBLISHED' });
    // No waiting for a data check: the mutation reloaded this server's data before it answered.
    expect(await status()).toEqual({ status: 'PUBLISHED', observationCount: 15 });

    const entry = await server.prisma.auditEntry.findUniqueOrThrow({ where: { id: result.auditEntryId } });
    expect(entry).toMatchObject({ action: 'import', subjectType: 'Import', subjectKey: 'casos-por-region.csv', actor: server.keys.EDITOR.name });
    expect(entry.apiKeyId).toBe(server.keys.EDITOR.key.split('_')[1]);
    expect(JSON.parse(entry.after!)).toMatchObject({ file: 'casos-por-region.csv', format: 'csv', kind: 'observations', rows: 15, created: 15, updated: 0, unchanged: 0 });
    expect(JSON.parse(entry.after!).createdKeys).toHaveLength(15);
  });

  it('importing the same file again changes nothing (15 unchanged), as the CLI reports it', async () => {
    const before = JSON.parse(await server.fingerprint());
    const { json } = await as('ADMIN', csvFile(fixtureCsv()), false);
    expect(json.data.importData).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 15, changes: [] });
    expect(json.data.importData.datasets).toEqual([expect.objectContaining({ datasetKey: CASES, unchanged: 15 })]);
    // Only the import's own audit entry is new.
    const after = JSON.parse(await server.fingerprint());
    expect({ ...after, auditEntry: undefined }).toEqual({ ...before, auditEntry: undefined });
    expect(after.auditEntry).toHaveLength(before.auditEntry.length + 1);
  });

  it('JSON in the export format: a corrected row shows what changes (dry run), then applies', async () => {
    const exported = JSON.parse(await exportData(server.prisma, 'coordination-spaces', 'json', { keyId: 'x', name: 'test', role: 'EDITOR' }));
    const row = exported.rows[4];
    const note = `TEST FIXTURE note ${Date.now()}`;
    row.note = note;
    const text = JSON.stringify(exported, null, 2);
    const file = new File([text], 'espacios.json', { type: 'application/json' });
    const dry = (await as('EDITOR', file, true)).json.data.importData;
    expect(dry).toMatchObject({ format: 'JSON', kind: 'COORDINATION_SPACES', valid: true, created: 0, updated: 1, unchanged: exported.rows.length - 1, datasets: [] });
    expect(dry.changes).toEqual([{ line: expect.any(Number), key: row.key, action: 'UPDATE', differences: [expect.stringMatching(/^note: .* → "TEST FIXTURE note/)] }]);
    // The line is where the row's object opens in the file.
    expect(text.split('\n')[dry.changes[0].line - 1]).toMatch(/^\s*\{$/);
    expect(text.split('\n').slice(dry.changes[0].line - 1, dry.changes[0].line + 3).join('\n')).toContain(`"key": "${row.key}"`);

    const applied = (await as('EDITOR', file, false)).json.data.importData;
    expect(applied).toMatchObject({ applied: true, updated: 1 });
    const read = await gql(server.graphqlUrl, '{ coordinationSpaces(first: 100) { edges { node { key note } } } }');
    expect(read.data.coordinationSpaces.edges.map((e: any) => e.node)).toContainEqual({ key: row.key, note });
  });
});

describe('importData: refusals', () => {
  it('refuses viewer keys (FORBIDDEN) and anonymous callers (401), and writes nothing', async () => {
    const before = await server.fingerprint();
    const viewer = await as('VIEWER', csvFile(fixtureCsv()), false);
    expect(viewer.json.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(viewer.json.data).toBeNull();
    const anonymous = await as(null, csvFile(fixtureCsv()), false);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await server.fingerprint()).toBe(before);
  });

  it('keeps CSRF protection: a multipart POST without a preflight header is refused before it runs', async () => {
    const before = await server.fingerprint();
    const refused = await as('EDITOR', csvFile(fixtureCsv()), false, {});
    expect(refused.status).toBe(403);
    expect(refused.json.errors[0].message).toMatch(/CSRF/);
    expect(await server.fingerprint()).toBe(before);
    // Any of the accepted headers lets it through.
    const dry = await as('EDITOR', csvFile(fixtureCsv()), true, { 'graphql-client-name': 'vigia-console' });
    expect(dry.json.data.importData.valid).toBe(true);
  });

  it('refuses a file that is not CSV or JSON, or not text, with BAD_USER_INPUT on the file', async () => {
    const before = await server.fingerprint();
    const sheet = await as('EDITOR', new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1])], 'casos.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), true);
    expect(sheet.json.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'file' }, message: expect.stringMatching(/must be a \.csv or \.json file.*"casos\.xlsx"/) });
    const binary = await as('EDITOR', new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1])], 'casos.csv', { type: 'text/csv' }), true);
    expect(binary.json.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'file' }, message: expect.stringMatching(/not a text file/) });
    const latin1 = await as('EDITOR', new File([new Uint8Array([...Buffer.from(`${HEADER}\n`), 0xe1, 0x0a])], 'casos.csv'), true);
    expect(latin1.json.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'file' }, message: expect.stringMatching(/not UTF-8/) });
    // A name without an extension is read by its media type.
    const typed = await as('EDITOR', new File([fixtureCsv()], 'casos', { type: 'text/csv' }), true);
    expect(typed.json.data.importData).toMatchObject({ format: 'CSV', valid: true });
    expect(await server.fingerprint()).toBe(before);
  });

  it('refuses a file sent as a plain variable instead of an upload', async () => {
    const res = await gql(server.graphqlUrl, IMPORT, { file: 'dataset,key\n', dryRun: true }, { authorization: `Bearer ${server.keys.EDITOR.key}` });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/multipart request/);
  });
});

describe('importData: body size', () => {
  let small: ProductionServer;
  let keys: Record<'EDITOR' | 'VIEWER', string>;
  beforeAll(async () => {
    small = await startProductionServer({ MAX_BODY_BYTES: '4096', IMPORT_MAX_BYTES: '65536' });
    const make = async (role: 'EDITOR' | 'VIEWER') => (await createKey(small.running.prisma, { name: `size ${role}`, role }, localOperator())).key;
    keys = { EDITOR: await make('EDITOR'), VIEWER: await make('VIEWER') };
  });
  afterAll(() => small?.close());

  // ~44 kB of rows of the right width (each is a bad row: the point is the size): over
  // MAX_BODY_BYTES, under IMPORT_MAX_BYTES.
  const larger = () => csvFile(`${HEADER}\n${`x,y${','.repeat(18)}\n`.repeat(2000)}`, 'grande.csv');

  it('lets an editor upload more than MAX_BODY_BYTES, up to IMPORT_MAX_BYTES', async () => {
    const res = await upload(small.graphqlUrl, keys.EDITOR, larger(), true);
    expect(res.status).toBe(200);
    expect(res.json.data.importData).toMatchObject({ valid: false, rows: 2000 });
    expect(res.json.data.importData.problems).toHaveLength(2000);
  });

  it('holds viewers and anonymous callers to MAX_BODY_BYTES (413), and everyone to IMPORT_MAX_BYTES', async () => {
    for (const key of [keys.VIEWER, null, 'vigia_aaaaaaaaaaaa_' + 'A'.repeat(43)]) {
      const res = await upload(small.graphqlUrl, key, larger(), true);
      expect(res.status).toBe(413);
      expect(res.json.errors[0].extensions.code).toBe('BODY_TOO_LARGE');
    }
    const huge = await upload(small.graphqlUrl, keys.EDITOR, csvFile(`${HEADER}\n${'x,y\n'.repeat(20_000)}`), true);
    expect(huge.status).toBe(413);
    expect(huge.json.errors[0].message).toMatch(/limit is 65536 bytes\. An import file \(importData\) may be up to 65536 bytes/);
  });
});
