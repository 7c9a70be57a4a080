/**
 * No N+1: the SQL statements of a nested query (regions → coordination spaces → region)
 * do not grow with the number of regions asked for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '@vigia/server';
import { data } from '../helpers/graphql.js';

let server: RunningServer;
let dir: string;
const statements: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigia-n1-'));
  server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: `file:${join(dir, 'db.sqlite')}`, onQuery: (sql) => statements.push(sql) });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const nested = `query ($focus: Boolean) { regions(focus: $focus) {
  name policeTrained { value source { title } } coordinationSpaceSummary { total }
  coordinationSpaces(first: 10) { totalCount edges { node { name level source { section } region { name code } } } }
} }`;

async function countStatements(focus: boolean | null) {
  statements.length = 0;
  const result: any = await data(server.graphqlUrl, nested, { focus });
  // Only what the query itself ran: BEGIN/COMMIT and pragma noise are not data reads.
  const reads = statements.filter((s) => /^\s*SELECT/i.test(s));
  return { regions: result.regions.length, reads: reads.length, sample: reads };
}

it('runs the same number of SELECTs for 5 regions as for 25', async () => {
  const five = await countStatements(true);
  const all = await countStatements(null);
  expect(five.regions).toBe(5);
  expect(all.regions).toBe(25);
  expect(five.reads).toBeGreaterThan(0);
  expect(all.reads).toBe(five.reads);
  // One statement per level of nesting, a few at most; a per-region loop would be 25+.
  expect(all.reads).toBeLessThan(15);
});
