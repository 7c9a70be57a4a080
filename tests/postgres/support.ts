/**
 * Throwaway PostgreSQL databases for tests: each test file creates its own uniquely named
 * database on the server at TEST_POSTGRES_URL (default: the machine's, postgres@127.0.0.1:5432)
 * and drops it afterwards. Where no server answers, the PostgreSQL suites skip and say so.
 */
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import pg from 'pg';

export const adminUrl =
  process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL_POSTGRES_ADMIN ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Whether a PostgreSQL server accepts connections at adminUrl (checked once per file). */
export async function postgresAvailable(): Promise<boolean> {
  const url = new URL(adminUrl);
  const open = await new Promise<boolean>((done) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 5432), timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
    socket.once('timeout', () => (socket.destroy(), done(false)));
  });
  if (!open) return false;
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export const skipMessage = `PostgreSQL is not reachable at ${new URL(adminUrl).host}: the PostgreSQL suite is SKIPPED (start it, or set TEST_POSTGRES_URL).`;

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty database with a unique name; drop() removes it (closing leftover sessions). */
export async function createTestDatabase(prefix = 'vigia_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
