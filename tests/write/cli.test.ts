/**
 * The real `pnpm vigia` command against the database file of a running server: keys,
 * export, import (all-or-nothing, idempotent) and the steward's story. The cases-by-region
 * figures below are TEST FIXTURES — invented for this test; the source shows them only as
 * a chart image and Vigía has no real values for them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRole } from '../../packages/server/src/auth/keys.js';
import { gql } from '../helpers/graphql.js';
import { startWriteServer, vigia as runVigia, type CliResult, type WriteServer } from './support.js';

// Every case runs the real command as a child process (compiled: about a second each on an idle
// machine, several on a busy one). Timeouts are generous but bounded: a slow machine passes, a
// command that hangs fails its case with its name instead of stalling the suite.
const CLI_RUN_TIMEOUT_MS = 90_000;
const CASE_TIMEOUT_MS = 180_000;

/** `pnpm vigia <args>` (support.ts), failing with the command's name if it has not ended in CLI_RUN_TIMEOUT_MS. */
function vigia(args: string[], env: Record<string, string>): Promise<CliResult> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`pnpm vigia ${args.join(' ')} did not finish within ${CLI_RUN_TIMEOUT_MS / 1000} s`)), CLI_RUN_TIMEOUT_MS);
  });
  return Promise.race([runVigia(args, env), deadline]).finally(() => clearTimeout(timer));
}

let server: WriteServer;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startWriteServer();
  dir = mkdtempSync(join(tmpdir(), 'vigia-cli-'));
  env = { DATABASE_URL: server.databaseUrl };
}, CASE_TIMEOUT_MS);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const CASES = 'trafficking-cases-by-region-2021-2023';
const csvLine = (cells: (string | number)[]) => cells.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(',');
const HEADER =
  'dataset,key,label,label_en,value,unit,period_start,period_end,scope,region_code,area,breakdown_dimension,breakdown_value,base_label,base_label_en,suppressed,source_key,source_section,source_document,source_published_on';

/** TEST FIXTURE rows: cases of trafficking by region and year, values invented for the test. */
function fixtureCases(): string {
  const regions = [['04', 'Arequipa'], ['08', 'Cusco'], ['21', 'Puno'], ['23', 'Tacna'], ['18', 'Moquegua']];
  const rows = [HEADER];
  let value = 11;
  for (const [code, name] of regions) {
    for (const year of [2021, 2022, 2023]) {
      rows.push(csvLine([CASES, `test-fixture-cases-${code}-${year}`, `TEST FIXTURE casos en ${name}, ${year}`, `TEST FIXTURE cases in ${name}, ${year}`,
        value++, 'casos', `${year}-01-01`, `${year}-12-31`, 'REGION', code, '', '', '', '', '', '', 'cases-2021-2023', '', '', '']));
    }
  }
  return `${rows.join('\n')}\n`;
}

describe('keys', () => {
  let key: string;
  let id: string;

  it('create prints the new key alone on its last line, and it works over HTTP', async () => {
    const r = await vigia(['keys', 'create', '--name', 'Rosa Condori (data steward)', '--role', 'editor'], env);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    key = lines.at(-1)!;
    expect(key).toMatch(/^vigia_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(lines.slice(0, -1).join('\n')).toMatch(/editor key for "Rosa Condori \(data steward\)"/);
    id = key.split('_')[1]!;
    const me = await gql(server.graphqlUrl, '{ me { name role } }', {}, { authorization: `Bearer ${key}` });
    expect(me.data).toEqual({ me: { name: 'Rosa Condori (data steward)', role: 'EDITOR' } });
    // Only the salted hash is stored.
    const row = await server.prisma.apiKey.findUniqueOrThrow({ where: { id } });
    expect(row.secretHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.secretHash).not.toContain(key.split('_').slice(2).join('_'));
  }, CASE_TIMEOUT_MS);

  it('list shows the key without its secret; revoke stops it at once', async () => {
    const list = await vigia(['keys', 'list'], env);
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+editor\\s+.*active\\s+Rosa Condori`));
    expect(list.stdout).not.toContain(key);
    const revoke = await vigia(['keys', 'revoke', id], env);
    expect(revoke.code, revoke.stderr).toBe(0);
    expect(revoke.stdout).toMatch(/Revoked key/);
    const after = await gql(server.graphqlUrl, '{ me { name } }', {}, { authorization: `Bearer ${key}` });
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }, CASE_TIMEOUT_MS);

  it('refuses an unknown role, naming the option', () => {
    expect(() => parseRole('owner')).toThrow('--role: must be one of viewer, editor, admin; got "owner"');
    expect(parseRole(' Admin ')).toBe('ADMIN');
  });
});

describe('export and import', () => {
  it('export indicators --format csv writes every observation with one header row; importing it back changes nothing', async () => {
    const exported = await vigia(['export', 'indicators', '--format', 'csv'], env);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = exported.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.filter((l) => l.startsWith('dataset,'))).toHaveLength(1);
    expect(lines).toHaveLength(1 + (await server.prisma.observation.count()));
    const file = join(dir, 'indicators.csv');
    writeFileSync(file, exported.stdout);
    const before = await server.fingerprint();
    const imported = await vigia(['import', file], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/\(17 rows of indicators\): 0 changes/);
    // The data is exactly as it was; the only new row is the import's own audit entry.
    const audit = await server.prisma.auditEntry.findMany({ orderBy: { id: 'desc' }, take: 1 });
    expect(audit[0]).toMatchObject({ action: 'import', subjectType: 'Import', subjectKey: 'indicators.csv' });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ rows: 17, created: 0, updated: 0, unchanged: 17 });
    const strip = (fp: string) => JSON.stringify({ ...JSON.parse(fp), auditEntry: undefined });
    expect(strip(await server.fingerprint())).toBe(strip(before));
  }, CASE_TIMEOUT_MS);

  it('a bad row in the middle of a 5 000-row file fails the whole import with its line, and writes nothing', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 5000; i++) {
      const year = 2021 + (i % 3);
      rows.push(csvLine([CASES, `test-fixture-bulk-${i}`, `TEST FIXTURE fila ${i}`, `TEST FIXTURE row ${i}`, i % 2 === 0 && i === 2500 ? 'doce' : 20 + (i % 50),
        'casos', `${year}-01-01`, `${year}-12-31`, 'REGION', '21', '', '', '', '', '', '', 'cases-2021-2023', '', '', '']));
    }
    const file = join(dir, 'bulk.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const before = await server.fingerprint();
    const started = Date.now();
    const r = await vigia(['import', file], env);
    expect(r.code).toBe(1);
    // Row 2500 is on line 2502 (the header is line 1).
    expect(r.stderr).toMatch(/refused, nothing was written \(1 problem\)/);
    expect(r.stderr).toMatch(/line 2502: value: must be a number \(or "< 5" as in a public export\); got "doce"/);
    expect(await server.fingerprint()).toBe(before);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, CASE_TIMEOUT_MS);

  it('JSON: an editor export of the coordination spaces imports back with no change; a bad row names its line', async () => {
    const out = join(dir, 'spaces.json');
    const exported = await vigia(['export', 'coordination-spaces', '--format', 'json', '--out', out, '--key', server.keys.EDITOR.key], env);
    expect(exported.code, exported.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    const json = JSON.parse(text);
    expect(json).toMatchObject({ format: 'vigia-export', kind: 'coordination-spaces' });
    expect(json.rows).toHaveLength(23);
    const before = await server.fingerprint();
    const again = await vigia(['import', out], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/\(23 rows of coordination spaces\): 0 changes/);

    // Rows are one per line: the 6th row is on line 12 of the file.
    const lines = text.split('\n');
    lines[11] = lines[11]!.replace(/"level":"[A-Z_]+"/, '"level":"COUNTY"');
    const broken = join(dir, 'spaces-broken.json');
    writeFileSync(broken, lines.join('\n'));
    const bad = await vigia(['import', broken], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/line 12: level: must be one of REGIONAL, PROVINCIAL, DISTRICT, POPULATED_CENTER/);
    const strip = (fp: string) => JSON.stringify({ ...JSON.parse(fp), auditEntry: undefined });
    expect(strip(await server.fingerprint())).toBe(strip(before));
  }, CASE_TIMEOUT_MS);
});

describe("the steward's story", () => {
  it('loads the pending cases-by-region data from a CSV, sees it in the API, corrects one value, and finds both in the audit log', async () => {
    const file = join(dir, 'casos-por-region.csv');
    writeFileSync(file, fixtureCases());
    const pending = await gql(server.graphqlUrl, `{ dataset(key: "${CASES}") { status } }`);
    expect(pending.data.dataset.status).toBe('PENDING');

    const dry = await vigia(['import', file, '--dry-run', '--key', server.keys.EDITOR.key], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/Dry run .*\(15 rows of indicators\): 15 to create, 0 to update, 0 unchanged\. Nothing was written\./);
    expect((await gql(server.graphqlUrl, `{ dataset(key: "${CASES}") { status } }`)).data.dataset.status).toBe('PENDING');

    const loaded = await vigia(['import', file, '--key', server.keys.EDITOR.key], env);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stdout).toMatch(/15 created, 0 updated, 0 unchanged/);

    // The server sees a write made by another process at its next data check (DATA_CHANGE_POLL_MS, 2 s).
    const started = Date.now();
    let seen;
    do {
      seen = await gql(server.graphqlUrl, `{ dataset(key: "${CASES}") { status observationCount observations { key value region { name } periodStart } }
        region(code: "puno") { indicators { key value } } }`);
      if (seen.data.dataset.status === 'PUBLISHED') break;
      await new Promise((done) => setTimeout(done, 100));
    } while (Date.now() - started < 10_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(seen.data.dataset.status).toBe('PUBLISHED');
    expect(seen.data.dataset.observationCount).toBe(15);
    expect(seen.data.dataset.observations[0]).toEqual({ key: 'test-fixture-cases-04-2021', value: 11, region: { name: 'Arequipa' }, periodStart: '2021-01-01' });
    expect(seen.data.region.indicators).toContainEqual({ key: 'test-fixture-cases-21-2022', value: 18 });

    const fix = await server.as('EDITOR', `mutation { upsertIndicator(input: { key: "test-fixture-cases-21-2022", value: 19 }) { indicator { value version } } }`);
    expect(fix.data.upsertIndicator.indicator).toEqual({ value: 19, version: 2 });

    const log = await server.as('ADMIN', `{ auditLog(first: 2) { edges { node { action actor subjectKey before after } } } }`);
    const [correction, load] = log.data.auditLog.edges.map((e: any) => e.node);
    expect(correction).toMatchObject({ action: 'upsertIndicator', actor: server.keys.EDITOR.name, subjectKey: 'test-fixture-cases-21-2022', before: { value: 18 }, after: { value: 19 } });
    expect(load).toMatchObject({ action: 'import', actor: server.keys.EDITOR.name, subjectKey: 'casos-por-region.csv', after: { rows: 15, created: 15, updated: 0, unchanged: 0 } });
    expect(load.after.createdKeys).toContain('test-fixture-cases-21-2022');

    // The same file again: no duplicates; only the corrected value is put back (1 update).
    const again = await vigia(['import', file, '--key', server.keys.EDITOR.key], env);
    expect(again.stdout).toMatch(/0 created, 1 updated, 14 unchanged/);
    expect(again.stdout).toMatch(/update test-fixture-cases-21-2022: value: 19 → 18/);
    expect(await server.prisma.observation.count({ where: { dataset: { key: CASES } } })).toBe(15);
  }, CASE_TIMEOUT_MS);
});
