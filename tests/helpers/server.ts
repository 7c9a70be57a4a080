import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type StartOptions } from '@vigia/server';
import { createTestDatabase } from '../postgres/support.js';

export interface TestServer {
  url: string;
  graphqlUrl: string;
  /** The SQLite file (unused when the server runs on PostgreSQL). */
  databaseFile: string;
  /** The server's DATABASE_URL: the SQLite file, or the PostgreSQL database of the "postgresql" project. */
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the real server on a fresh SQLite file — a fresh PostgreSQL database in the
 * "postgresql" vitest project — migrated and seeded as on a first `pnpm start`, on a free port.
 * close() stops it and deletes the database.
 */
export async function startTestServer(options: Omit<StartOptions, 'port' | 'databaseUrl'> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-test-'));
  const databaseFile = join(dir, 'vigia.db');
  // The "postgresql" vitest project runs the same files on a fresh PostgreSQL database each.
  const postgres = process.env.VIGIA_TEST_DATABASE === 'postgresql' ? await createTestDatabase() : undefined;
  const databaseUrl = postgres?.url ?? `file:${databaseFile}`;
  const running = await startServer({ ...options, port: 0, host: '127.0.0.1', databaseUrl });
  return {
    url: running.url,
    graphqlUrl: running.graphqlUrl,
    databaseFile,
    databaseUrl,
    close: async () => {
      await running.close();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
