import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createPrismaClient, prepareDatabase, repoRoot, resolveDatabaseTarget, type PrismaClient } from '@vigia/schema';
import type { PrepareResult } from '@vigia/schema';
import { createApp } from './http/app.js';

export interface StartOptions {
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  host?: string;
  /** As the contract's DATABASE_URL; defaults to the environment's. */
  databaseUrl?: string;
  /** Receives every SQL statement (tests use it to count queries). */
  onQuery?: (sql: string) => void;
}

export interface RunningServer {
  url: string;
  graphqlUrl: string;
  prisma: PrismaClient;
  server: Server;
  /** What the start did to the database: migrations applied, seeded or not. */
  prepared: PrepareResult;
  close(): Promise<void>;
}

export const widgetsDist = resolve(repoRoot, 'packages/widgets/dist');

/** Prepares the database (migrate, seed on first start), then serves the API. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const target = resolveDatabaseTarget(options.databaseUrl ?? process.env.DATABASE_URL);
  const prepared = await prepareDatabase(target);
  const prisma = createPrismaClient(target, options.onQuery ? { onQuery: options.onQuery } : {});
  const server = createServer(createApp({ prisma, widgetsDir: widgetsDist }));
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 4000, options.host ?? '0.0.0.0', () => done());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    prisma,
    server,
    prepared,
    close: async () => {
      server.closeIdleConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await prisma.$disconnect();
    },
  };
}
