import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';
import { PrismaClient as PostgresPrismaClient } from './generated/prisma-postgresql/client.js';
import type { DatabaseTarget } from './database-url.js';

export { PrismaClient };
export type * from './generated/prisma/client.js';

export interface ClientOptions {
  /** Called with each SQL statement Prisma runs (tests count them to catch N+1 queries). */
  onQuery?: (sql: string) => void;
  /** PostgreSQL only: the most connections this client's pool opens (pg's default is 10). */
  poolSize?: number;
}

/** A Prisma client for the target database, through the matching driver adapter. */
export function createPrismaClient(target: DatabaseTarget, options: ClientOptions = {}): PrismaClient {
  const log = options.onQuery ? [{ emit: 'event' as const, level: 'query' as const }] : [];
  // One generated client per provider (a client refuses the other provider's adapter). Both come
  // from the same models, so the PostgreSQL one is used through the SQLite client's type.
  const client =
    target.provider === 'postgresql'
      ? (new PostgresPrismaClient({
          adapter: new PrismaPg({ connectionString: target.url, ...(options.poolSize ? { max: options.poolSize } : {}) }),
          log,
        }) as unknown as PrismaClient)
      : new PrismaClient({ adapter: new PrismaLibSql({ url: target.url }), log });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (client as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => onQuery(e.query));
  }
  return client;
}
