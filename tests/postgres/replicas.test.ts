/**
 * Read replicas (DATABASE_REPLICA_URLS): database reads outside a write (the audit log) go to a
 * replica; writes, API-key lookups and the public data in memory (read-model/) — which the API
 * and the CSV downloads both answer from — are read from the primary; /ready watches the
 * replicas too.
 *
 * This machine has one PostgreSQL server and no streaming replication, so the "replica" is a
 * second database migrated and seeded like the primary, then made to differ from it on purpose:
 * which database answered is then visible in the answer itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPrismaClient, prepareDatabase, resolveDatabaseTarget } from '@vigia/schema';
import { startServer, type RunningServer } from '@vigia/server';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { loadConfig } from '../../packages/server/src/config.js';
import { createTestDatabase, postgresAvailable, skipMessage, type TestDatabase } from './support.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn(skipMessage);

async function sql(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function gql(server: RunningServer, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string }[] };
}

describe('DATABASE_REPLICA_URLS is checked at start', () => {
  it('needs a PostgreSQL primary', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgresql://replica/db' })).toThrow(
      /DATABASE_REPLICA_URLS needs DATABASE_URL=postgresql/,
    );
  });
  it('lists postgresql:// URLs only', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://primary/db', DATABASE_REPLICA_URLS: 'postgresql://r1/db, mysql://r2/db' })).toThrow(
      /DATABASE_REPLICA_URLS must list postgresql:\/\/… URLs separated by commas; got "mysql:…"/,
    );
  });
  it('reads a comma-separated list', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://primary/db', DATABASE_REPLICA_URLS: 'postgresql://r1/db, postgresql://r2/db' });
    expect(config.databaseReplicaUrls).toEqual(['postgresql://r1/db', 'postgresql://r2/db']);
  });
});

describe.skipIf(!pgUp)('a server with a read replica', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let server: RunningServer;
  let editorKey: string;

  beforeAll(async () => {
    [primary, replica] = await Promise.all([createTestDatabase('vigia_primary'), createTestDatabase('vigia_replica')]);
    // The replica starts as a copy of the primary (same migrations, same seed)…
    await prepareDatabase(resolveDatabaseTarget(replica.url));
    // …and then differs in visible places.
    await sql(replica.url, `UPDATE "Region" SET name = 'Puno (réplica)' WHERE code = '21'`);
    await sql(replica.url, `UPDATE "Observation" SET label = label || ' (réplica)' WHERE key = 'police-trained-puno'`);
    const env = { DATABASE_URL: primary.url, DATABASE_REPLICA_URLS: replica.url, RESPONSE_CACHE: 'false', PERSISTED_OPERATIONS: 'off', LOG_LEVEL: 'error' };
    server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: primary.url, env });
    // The key exists on the primary only: a lookup on the replica would refuse it.
    const admin = createPrismaClient(resolveDatabaseTarget(primary.url));
    try {
      editorKey = (await createKey(admin, { name: 'replica test', role: 'EDITOR' }, localOperator())).key;
    } finally {
      await admin.$disconnect();
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await Promise.all([primary?.drop(), replica?.drop()]);
  });

  it('serves CSV downloads from the data in memory, as the API: never a lagging replica', async () => {
    const csv = await (await fetch(`${server.url}/data/police-officers-trained-2021-2023.csv`)).text();
    const [row] = await sql(primary.url, `SELECT label FROM "Observation" WHERE key = 'police-trained-puno'`);
    expect(csv).toContain(`,police-trained-puno,${row.label},`);
    expect(csv).not.toContain('(réplica)');
  });

  it('answers GraphQL reads from the data in memory, loaded from the primary', async () => {
    // A replica that lags must never hand the in-memory data an older state than the primary's.
    const r = await gql(server, '{ region(code: "puno") { name } regions(focus: true) { name } }');
    expect(r.errors).toBeUndefined();
    expect(r.data.region.name).toBe('Puno');
    expect(r.data.regions.map((x: { name: string }) => x.name)).not.toContain('Puno (réplica)');
  });

  it('writes to the primary, with the API key looked up there and the answer read back from it', async () => {
    // The two databases were seeded apart, so their record ids differ: the mutation's answer
    // (service { number }) resolves only if it is read from the primary that holds the write.
    const [before] = await sql(primary.url, `SELECT r.achieved FROM "ServiceResult" r JOIN "Service" s ON s.id = r."serviceId" WHERE s.number = 20 AND r.year = 2023`);
    const write = await gql(
      server,
      'mutation ($input: UpsertServiceResultInput!) { upsertServiceResult(input: $input) { service { number } } }',
      { input: { serviceNumber: 20, year: 2023, achieved: before.achieved + 7 } },
      { authorization: `Bearer ${editorKey}` },
    );
    expect(write.errors).toBeUndefined();
    const query = `SELECT r.achieved FROM "ServiceResult" r JOIN "Service" s ON s.id = r."serviceId" WHERE s.number = 20 AND r.year = 2023`;
    expect((await sql(primary.url, query))[0].achieved).toBe(before.achieved + 7);
    // Nothing replicates here, so the replica still has the old figure: the write did not go to it.
    expect((await sql(replica.url, query))[0].achieved).toBe(before.achieved);
    // The audit trail of the write is on the primary too.
    const audit = await sql(primary.url, `SELECT count(*)::int AS n FROM "AuditEntry" WHERE action ILIKE '%service%result%'`);
    expect(audit[0].n).toBeGreaterThan(0);
  });

  it('is ready when the primary and every replica answer', async () => {
    const res = await fetch(`${server.url}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: 'up', replicas: ['up'], redis: 'not configured' });
  });

  it('is not ready when a replica does not answer', async () => {
    const missing = new URL(replica.url);
    missing.pathname = '/vigia_no_such_replica';
    const env = { DATABASE_URL: primary.url, DATABASE_REPLICA_URLS: `${replica.url},${missing}`, RESPONSE_CACHE: 'false', PERSISTED_OPERATIONS: 'off' };
    const other = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: primary.url, env });
    try {
      const res = await fetch(`${other.url}/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', database: 'up', replicas: ['up', 'down'], redis: 'not configured' });
    } finally {
      await other.close();
    }
  });
});
