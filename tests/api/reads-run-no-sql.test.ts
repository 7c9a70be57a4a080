/**
 * Public reads run no SQL: they are answered from the data in memory (read-model/), so a
 * nested query costs the same whatever it asks for. The database is read again only when the
 * data changes, in a fixed number of statements (one per table), however many rows there are.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '@vigia/server';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { data, gql } from '../helpers/graphql.js';

let server: RunningServer;
let dir: string;
const statements: string[] = [];
const selects = () => statements.filter((s) => /^\s*SELECT/i.test(s));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigia-n1-'));
  // No response cache: every request below is executed.
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    databaseUrl: `file:${join(dir, 'db.sqlite')}`,
    env: { RESPONSE_CACHE: 'false', DATA_CHANGE_POLL_MS: '0' },
    onQuery: (sql) => statements.push(sql),
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const nested = `query ($focus: Boolean) { regions(focus: $focus) {
  name policeTrained { value source { title } } coordinationSpaceSummary { total }
  coordinationSpaces(first: 10) { totalCount edges { node { name level source { section } region { name code } } } }
  indicators { key dataset { title status } }
} }`;

it('answers nested public reads without a single SQL statement', async () => {
  statements.length = 0;
  const five: any = await data(server.graphqlUrl, nested, { focus: true });
  const all: any = await data(server.graphqlUrl, nested, { focus: null });
  expect(five.regions).toHaveLength(5);
  expect(all.regions).toHaveLength(25);
  expect(all.regions.find((r: any) => r.name === 'Puno').coordinationSpaces.totalCount).toBeGreaterThan(0);
  expect(selects()).toEqual([]);
});

it('reads the data again after a write, one SELECT per table, and answers with the change', async () => {
  const { key } = await createKey(server.prisma, { name: 'n+1 editor', role: 'EDITOR' }, localOperator());
  statements.length = 0;
  const write = await gql(
    server.graphqlUrl,
    'mutation { upsertServiceResult(input: { serviceNumber: 20, year: 2023, achieved: 2700 }) { result { achieved } } }',
    {},
    { authorization: `Bearer ${key}` },
  );
  expect(write.errors).toBeUndefined();
  expect(write.data.upsertServiceResult.result.achieved).toBe(2700);
  // The snapshot: the newest audit entry and the 15 public tables; the rest are the write's own.
  const tables = new Set(selects().flatMap((s) => [...s.matchAll(/FROM\s+[`"]?(?:main[`"]?\.[`"]?)?(\w+)/gi)].map((m) => m[1])));
  for (const table of ['Region', 'CoordinationSpace', 'Source', 'Document', 'Observation', 'Dataset', 'ServiceResult']) expect(tables).toContain(table);
  statements.length = 0;
  const read: any = await data(server.graphqlUrl, '{ service(number: 20) { results { year achieved } } }');
  expect(read.service.results.find((r: any) => r.year === 2023).achieved).toBe(2700);
  expect(selects()).toEqual([]);
});

it('answers public CSV downloads from the same data in memory, without a single SQL statement', async () => {
  statements.length = 0;
  const res = await fetch(`${server.url}/data/police-officers-trained-2021-2023.csv`);
  expect(res.status).toBe(200);
  const csv = await res.text();
  expect(csv.split('\n')[0]).toMatch(/^dataset,key,label,/);
  expect(csv).toContain(',police-trained-puno,');
  expect(selects()).toEqual([]);
});
