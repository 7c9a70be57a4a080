import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaClient } from './generated/prisma/client.js';
import type { DatabaseTarget } from './database-url.js';

export { PrismaClient };
export type * from './generated/prisma/client.js';

export interface ClientOptions {
  /** Called with each SQL statement Prisma runs (tests count them to catch N+1 queries). */
  onQuery?: (sql: string) => void;
}

/** A Prisma client for the target database, through the matching driver adapter. */
export function createPrismaClient(target: DatabaseTarget, options: ClientOptions = {}): PrismaClient {
  if (target.provider !== 'sqlite') {
    throw new Error('PostgreSQL is not supported by this build yet: set DATABASE_URL to a file: URL or leave it unset.');
  }
  const adapter = new PrismaLibSql({ url: target.url });
  const client = new PrismaClient({
    adapter,
    log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (client as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => onQuery(e.query));
  }
  return client;
}
