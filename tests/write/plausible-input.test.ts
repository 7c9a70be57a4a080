/**
 * Plausible input only (issue #10, point 6): counts are whole numbers up to 10 000 000, dates
 * fall in a plausible range for what they date, and text holds no control characters and no
 * unpaired surrogates. Each refusal is BAD_USER_INPUT naming the field, through the GraphQL
 * mutations and through `pnpm vigia import` alike, and nothing is written. Values marked
 * TEST FIXTURE are invented for these tests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportData } from '../../packages/server/src/exchange/export.js';
import { root, startWriteServer, vigia, type WriteServer } from './support.js';

// The server's own CSV library (a dependency of @vigia/server), to edit exported files.
const serverRequire = createRequire(join(root, 'packages/server/package.json'));
const { parse } = serverRequire('csv-parse/sync') as { parse: (text: string, options?: object) => unknown };
const { stringify } = serverRequire('csv-stringify/sync') as { stringify: (rows: object[], options?: object) => string };

let server: WriteServer;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startWriteServer();
  dir = mkdtempSync(join(tmpdir(), 'vigia-plausible-'));
  env = { DATABASE_URL: server.databaseUrl };
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const DATASET = 'police-officers-trained-2021-2023';
const CLI_TIMEOUT = 120_000;

const MUTATIONS = {
  upsertIndicator: `mutation ($input: UpsertIndicatorInput!) { upsertIndicator(input: $input) { indicator { key } } }`,
  updateCoordinationSpace: `mutation ($input: UpdateCoordinationSpaceInput!) { updateCoordinationSpace(input: $input) { coordinationSpace { key } } }`,
  closeCoordinationSpace: `mutation ($input: CloseCoordinationSpaceInput!) { closeCoordinationSpace(input: $input) { coordinationSpace { key } } }`,
  upsertDocument: `mutation ($input: UpsertDocumentInput!) { upsertDocument(input: $input) { document { key } } }`,
  upsertSource: `mutation ($input: UpsertSourceInput!) { upsertSource(input: $input) { source { key } } }`,
  upsertServiceResult: `mutation ($input: UpsertServiceResultInput!) { upsertServiceResult(input: $input) { result { year } } }`,
} as const;

const NEW_FIGURE = { key: 'test-fixture-new-figure', datasetKey: DATASET, label: 'TEST FIXTURE', labelEn: 'TEST FIXTURE', value: 3, scope: 'REGION', regionCode: '21' };
const CONTROL = /must not contain control characters/;
const SURROGATE = /must be valid Unicode text \(found an unpaired surrogate/;

describe('GraphQL mutations refuse implausible input, naming the field, and write nothing', () => {
  it.each<[keyof typeof MUTATIONS, Record<string, unknown>, string, RegExp]>([
    // Counts of people
    ['upsertIndicator', { key: 'police-trained-puno', value: 1e300 }, 'value', /must be at most 10 000 000/],
    ['upsertIndicator', { key: 'police-trained-puno', value: 10_000_001 }, 'value', /must be at most 10 000 000/],
    ['upsertIndicator', { key: 'police-trained-puno', value: 1.5 }, 'value', /a count of efectivos policiales: the value must be a whole number; got 1.5/],
    ['upsertServiceResult', { serviceNumber: 20, year: 2023, achieved: 20_000_000 }, 'achieved', /must be at most 10 000 000/],
    // Dates
    ['closeCoordinationSpace', { key: 'puno-desaguadero', closedOn: '0000-01-01' }, 'closedOn', /must be on or after 1990-01-01; got 0000-01-01/],
    ['closeCoordinationSpace', { key: 'puno-desaguadero', closedOn: '1989-12-31' }, 'closedOn', /must be on or after 1990-01-01/],
    ['upsertDocument', { key: 'test-fixture-doc', title: 'TEST FIXTURE', publisher: 'Test', publishedOn: '9999' }, 'publishedOn', /must be on or before \d{4}-12-31; got 9999/],
    ['upsertDocument', { key: 'test-fixture-doc', title: 'TEST FIXTURE', publisher: 'Test', publishedOn: '1989-12' }, 'publishedOn', /must be on or after 1990-01-01/],
    // Control characters (a NUL cuts the stored text short; a tab or CR makes a spreadsheet run the cell)
    ['upsertIndicator', { ...NEW_FIGURE, label: 'Efectivos\u0000 ocultos' }, 'label', /control characters \(found U\+0000 at character 10\)/],
    ['upsertIndicator', { key: 'police-trained-puno', labelEn: '\t=1+1' }, 'labelEn', /control characters \(found U\+0009 at character 1\)/],
    ['upsertIndicator', { key: 'police-trained-puno', label: '=1+1\r' }, 'label', CONTROL],
    ['upsertIndicator', { key: 'police-trained-puno', regionCode: '\t21' }, 'regionCode', CONTROL],
    ['upsertIndicator', { key: 'police-trained-puno', unit: 'efectivos\u0085' }, 'unit', /found U\+0085/],
    ['updateCoordinationSpace', { key: 'puno-desaguadero', province: 'Chucuito\u001b[31m' }, 'province', CONTROL],
    ['updateCoordinationSpace', { key: 'puno-desaguadero', note: '\n=1+1' }, 'note', /must not begin or end with a line break/],
    ['updateCoordinationSpace', { key: 'puno-desaguadero', note: 'primera línea\r\nsegunda' }, 'note', /other than line breaks/],
    ['closeCoordinationSpace', { key: 'puno-desaguadero', closedOn: '2024-12-31', reason: 'fusionado\u0007' }, 'reason', CONTROL],
    ['upsertDocument', { key: 'test-fixture-doc', title: 'Informe\u0000', publisher: 'Test', publishedOn: '2024' }, 'title', CONTROL],
    ['upsertDocument', { key: 'test-fixture-doc', title: 'Informe', publisher: 'Test', publishedOn: '2024', url: 'https://exa\tmple.org/r.pdf' }, 'url', CONTROL],
    ['upsertSource', { key: 'test-fixture-source', documentKey: 'mininter-2024-02-nna', section: 'Diapositiva\u0008 3' }, 'section', CONTROL],
    ['upsertServiceResult', { serviceNumber: 20, year: 2023, achieved: 5, unitEn: 'officers\u0000' }, 'unitEn', CONTROL],
    // Unpaired surrogates
    ['upsertIndicator', { key: 'police-trained-puno', label: 'Puno \ud800' }, 'label', SURROGATE],
    ['upsertSource', { key: 'test-fixture-source', documentKey: 'mininter-2024-02-nna', section: 'Diapositiva 3', quote: 'cita \udc00 rota' }, 'quote', SURROGATE],
    ['updateCoordinationSpace', { key: 'puno-desaguadero', name: '\udbff Desaguadero' }, 'name', SURROGATE],
  ])('%s %j is refused naming %s', async (mutation, input, field, message) => {
    const before = await server.fingerprint();
    const r = await server.as('EDITOR', MUTATIONS[mutation], { input });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(r.errors?.[0]?.message).toMatch(new RegExp(`^${field}: `));
    expect(r.errors?.[0]?.message).toMatch(message);
    expect(r.data?.[mutation] ?? null).toBeNull();
    expect(await server.fingerprint()).toBe(before);
  });

  it('the edges: 1990-01-01 is accepted and the day before refused; line breaks inside a note and spaces around a label are fine, a tab is not', async () => {
    const early = await server.as('EDITOR', MUTATIONS.closeCoordinationSpace, { input: { key: 'cusco-paruro', closedOn: '1989-12-31' } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closedOn' });
    const close = await server.as('EDITOR', MUTATIONS.closeCoordinationSpace, { input: { key: 'cusco-paruro', closedOn: '1990-01-01' } });
    expect(close.errors).toBeUndefined();
    const doc = await server.as('EDITOR', MUTATIONS.upsertDocument, { input: { key: 'test-fixture-doc', title: 'TEST FIXTURE', publisher: 'Test', publishedOn: '1990' } });
    expect(doc.errors).toBeUndefined();

    const note = await server.as('EDITOR', MUTATIONS.updateCoordinationSpace, { input: { key: 'cusco-paruro', note: 'TEST FIXTURE primera línea\nsegunda línea' } });
    expect(note.errors).toBeUndefined();
    const tab = await server.as('EDITOR', MUTATIONS.updateCoordinationSpace, { input: { key: 'cusco-paruro', note: 'TEST FIXTURE\tcon tabulador' } });
    expect(tab.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });

    const label = await server.as('EDITOR', MUTATIONS.upsertIndicator, { input: { ...NEW_FIGURE, label: '  TEST FIXTURE con espacios  ' } });
    expect(label.errors).toBeUndefined();
    expect((await server.prisma.observation.findUniqueOrThrow({ where: { key: NEW_FIGURE.key } })).label).toBe('TEST FIXTURE con espacios');
    const tabbed = await server.as('EDITOR', MUTATIONS.upsertIndicator, { input: { key: NEW_FIGURE.key, label: '\tTEST FIXTURE con espacios' } });
    expect(tabbed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'label' });
  });
});

describe('pnpm vigia import refuses implausible rows, naming line and column, and writes nothing', () => {
  type Row = Record<string, string>;
  const parseCsv = (text: string) => parse(text, { columns: true }) as Row[];
  const toCsv = (rows: Row[]) => stringify(rows, { header: true, columns: Object.keys(rows[0]!) });
  /** The line of the file where a row starts (its key cell, unquoted, is preceded by nothing or a comma). */
  const lineOf = (text: string, key: string) => text.split('\n').findIndex((l) => l.startsWith(`${key},`) || l.includes(`,${key},`)) + 1;

  async function expectRefused(file: string, problems: RegExp[]) {
    const before = await server.fingerprint();
    const r = await vigia(['import', file, '--key', server.keys.EDITOR.key], env);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`refused, nothing was written \\(${problems.length} problems?\\)`));
    for (const problem of problems) expect(r.stderr).toMatch(problem);
    expect(await server.fingerprint()).toBe(before);
  }

  it('observations (CSV): 1e300 and 1.5 officers, a NUL, a leading tab', { timeout: CLI_TIMEOUT }, async () => {
    const rows = parseCsv((await exportData(server.prisma, DATASET, 'csv', null))!);
    const set = (key: string, cells: Row) => Object.assign(rows.find((r) => r.key === key)!, cells);
    set('police-trained-puno', { value: '1e300' });
    set('police-trained-cusco', { value: '1.5' });
    set('police-trained-tacna', { label: 'Efectivos en Tacna\u0000 (cortado)' });
    set('police-trained-arequipa', { label_en: '\t=1+1' });
    set('police-trained-moquegua', { period_start: '0000-01-01' });
    const file = join(dir, 'officers.csv');
    const text = toCsv(rows);
    writeFileSync(file, text);
    await expectRefused(file, [
      new RegExp(`line ${lineOf(text, 'police-trained-puno')}: value: must be at most 10 000 000`),
      new RegExp(`line ${lineOf(text, 'police-trained-cusco')}: value: a count of efectivos policiales: the value must be a whole number; got 1.5`),
      new RegExp(`line ${lineOf(text, 'police-trained-tacna')}: label: must not contain control characters \\(found U\\+0000`),
      new RegExp(`line ${lineOf(text, 'police-trained-arequipa')}: label_en: must not contain control characters \\(found U\\+0009 at character 1\\)`),
      new RegExp(`line ${lineOf(text, 'police-trained-moquegua')}: period_start: must be on or after 1990-01-01`),
    ]);
  });

  it('coordination spaces (CSV): a closure dated year 0, control characters in a note', { timeout: CLI_TIMEOUT }, async () => {
    const rows = parseCsv(await exportData(server.prisma, 'coordination-spaces', 'csv', null));
    Object.assign(rows.find((r) => r.key === 'puno-desaguadero')!, { closed_on: '0000-01-01' });
    Object.assign(rows.find((r) => r.key === 'tacna-pocollay')!, { note: 'TEST FIXTURE\u0000' });
    const file = join(dir, 'spaces.csv');
    const text = toCsv(rows);
    writeFileSync(file, text);
    await expectRefused(file, [
      new RegExp(`line ${lineOf(text, 'puno-desaguadero')}: closed_on: must be on or after 1990-01-01; got 0000-01-01`),
      new RegExp(`line ${lineOf(text, 'tacna-pocollay')}: note: must not contain control characters`),
    ]);
  });

  it('observations (JSON): an unpaired surrogate, a count of 1e300', { timeout: CLI_TIMEOUT }, async () => {
    const json = JSON.parse(await exportData(server.prisma, DATASET, 'json', null));
    const rows = json.rows as Record<string, unknown>[];
    Object.assign(rows.find((r) => r.key === 'police-trained-puno')!, { label: 'Efectivos en Puno \ud800' });
    Object.assign(rows.find((r) => r.key === 'police-trained-cusco')!, { value: 1e300 });
    const file = join(dir, 'officers.json');
    // JSON.stringify writes the lone surrogate as the escape \ud800; one row per line.
    writeFileSync(file, `{"format":"vigia-export","kind":"observations","rows":[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`);
    const line = (key: string) => rows.findIndex((r) => r.key === key) + 2;
    await expectRefused(file, [
      new RegExp(`line ${line('police-trained-puno')}: label: must be valid Unicode text \\(found an unpaired surrogate U\\+D800`),
      new RegExp(`line ${line('police-trained-cusco')}: value: must be at most 10 000 000`),
    ]);
  });
});
