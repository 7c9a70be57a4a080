import { PrismaPg } from '@prisma/adapter-pg';
import { readReplicas } from '@prisma/extension-read-replicas';
import { PrismaClient } from './generated/prisma/client.js';
import { PrismaClient as PostgresPrismaClient } from './generated/prisma-postgresql/client.js';
import type { DatabaseTarget, Provider } from './database-url.js';
import { SqliteAdapterFactory, withSqliteTransactionMode } from './sqlite.js';

export { PrismaClient };
export type * from './generated/prisma/client.js';

export interface ClientOptions {
  /** Called with each SQL statement Prisma runs (tests count them to catch N+1 queries). */
  onQuery?: (sql: string) => void;
  /** PostgreSQL only: the most connections this client's pool opens, per database (pg's default is 10). */
  poolSize?: number;
  /**
   * PostgreSQL only: read replicas of the primary. Reads outside a transaction go to one of them
   * at random (Prisma's read-replicas extension); writes, and reads inside a write's
   * transaction, stay on the primary.
   */
  replicaUrls?: readonly string[];
}

/** The replica clients behind a client made with `replicaUrls` (for readiness checks). */
const replicasOf = new WeakMap<object, PrismaClient[]>();
/** The database each client made here talks to. */
const providers = new WeakMap<object, Provider>();

/** A Prisma client for the target database, through the matching driver adapter. */
export function createPrismaClient(target: DatabaseTarget, options: ClientOptions = {}): PrismaClient {
  const replicaUrls = options.replicaUrls ?? [];
  if (replicaUrls.length && target.provider !== 'postgresql') {
    throw new Error('Read replicas need PostgreSQL: DATABASE_URL must be postgresql://… to use replicas.');
  }
  const primary = connect(target.provider, target.url, options);
  providers.set(primary, target.provider);
  if (!replicaUrls.length) return primary;
  const replicas = replicaUrls.map((url) => connect('postgresql', url, options));
  const client = primary.$extends(readReplicas({ replicas: replicas as never })) as unknown as PrismaClient;
  replicasOf.set(client, replicas);
  providers.set(client, target.provider);
  return client;
}

/** Which database a client made by createPrismaClient talks to (for what differs between them, such as isolation levels). */
export function providerOf(prisma: PrismaClient): Provider {
  const provider = providers.get(prisma) ?? providers.get(primaryOf(prisma));
  if (!provider) throw new Error('providerOf: this client was not made by createPrismaClient');
  return provider;
}

/** The client that writes: the primary itself when `prisma` routes reads to replicas. */
export function primaryOf(prisma: PrismaClient): PrismaClient {
  const routed = prisma as PrismaClient & { $primary?: () => PrismaClient };
  return typeof routed.$primary === 'function' ? routed.$primary() : prisma;
}

/** The read replicas' own clients (none when the client has no replicas). */
export function replicaClientsOf(prisma: PrismaClient): readonly PrismaClient[] {
  return replicasOf.get(prisma) ?? [];
}

function connect(provider: DatabaseTarget['provider'], url: string, options: ClientOptions): PrismaClient {
  const log = options.onQuery ? [{ emit: 'event' as const, level: 'query' as const }] : [];
  // One generated client per provider (a client refuses the other provider's adapter). Both come
  // from the same models, so the PostgreSQL one is used through the SQLite client's type.
  const client =
    provider === 'postgresql'
      ? (new PostgresPrismaClient({
          adapter: new PrismaPg({ connectionString: url, ...(options.poolSize ? { max: options.poolSize } : {}) }),
          log,
        }) as unknown as PrismaClient)
      : sqliteClient(url, log);
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (client as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => onQuery(e.query));
  }
  return client;
}

/**
 * SQLite, safe for several writers on one file (see sqlite.ts): WAL, a busy timeout, failed
 * commits rolled back, and interactive transactions — the ones that read, then write — begun
 * IMMEDIATE, while batch transactions (reads: the in-memory snapshot) stay deferred and so
 * never wait for a writer.
 */
function sqliteClient(url: string, log: { emit: 'event'; level: 'query' }[]): PrismaClient {
  const client = new PrismaClient({ adapter: new SqliteAdapterFactory(url), log });
  const transaction = client.$transaction.bind(client) as (arg: unknown, options?: unknown) => Promise<unknown>;
  (client as { $transaction: unknown }).$transaction = (arg: unknown, options?: unknown) =>
    withSqliteTransactionMode(typeof arg === 'function' ? 'immediate' : 'deferred', () => transaction(arg, options));
  return client;
}
