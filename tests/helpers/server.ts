import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type StartOptions } from '@vigia/server';

export interface TestServer {
  url: string;
  graphqlUrl: string;
  databaseFile: string;
  close(): Promise<void>;
}

/**
 * Starts the real server on a fresh SQLite file (migrated and seeded as on a first
 * `pnpm start`) on a free port. close() stops it and deletes the database.
 */
export async function startTestServer(options: Omit<StartOptions, 'port' | 'databaseUrl'> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-test-'));
  const databaseFile = join(dir, 'vigia.db');
  const running = await startServer({ ...options, port: 0, host: '127.0.0.1', databaseUrl: `file:${databaseFile}` });
  return {
    url: running.url,
    graphqlUrl: running.graphqlUrl,
    databaseFile,
    close: async () => {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
