import { AsyncLocalStorage } from 'node:async_hooks';
import { PrismaLibSql } from '@prisma/adapter-libsql';

/**
 * The embedded SQLite database, made safe for several writers on one file (several server
 * processes on one host, `pnpm vigia` beside them):
 *
 * - **WAL.** `PRAGMA journal_mode=WAL` (it persists in the file): readers never wait for the
 *   writer nor block its commit. In the default rollback journal a COMMIT needs every reader
 *   gone, fails with SQLITE_BUSY when one is not, and meanwhile keeps every new reader out.
 * - **A busy timeout on every connection** (libsql's `timeout`, applied to each connection it
 *   opens): by default a locked database fails at once. It is short on purpose: the libsql
 *   driver is synchronous, so the wait blocks the process's event loop; longer waits are the
 *   caller's, asynchronous, retries (`isSqliteBusy`; the server's `writeTransaction`).
 * - **`BEGIN IMMEDIATE` for transactions that write.** A deferred transaction that read first
 *   and then writes asks for the write lock as an upgrade; SQLite answers SQLITE_BUSY at once
 *   (the busy timeout does not apply to upgrades, which could deadlock). An immediate transaction
 *   takes the write lock first, waiting for it, and then cannot be refused half-way. Prisma's
 *   interactive transactions (`$transaction(async (tx) => …)`: read, then write) are immediate;
 *   batch transactions (`$transaction([…])`: the snapshot's reads) stay deferred, so reloads
 *   never queue behind writers (`createPrismaClient` tags them with `withSqliteTransactionMode`).
 * - **No lock survives an error.** @prisma/adapter-libsql 7.10 runs each transaction on a
 *   connection of its own that it then drops (libsql's `transaction()`). When COMMIT failed
 *   (SQLITE_BUSY), Prisma marked the transaction closed without a ROLLBACK, and the dropped
 *   connection stayed inside its transaction, holding its lock (and a hot journal), until the
 *   garbage collector closed it — and Prisma keeps its last 100 closed transactions, so
 *   minutes in which every other connection got SQLITE_BUSY. Here a transaction runs on the
 *   client's one connection (the adapter already lets one transaction at a time use a client),
 *   a failed COMMIT is rolled back before the error goes up, and a connection that answered
 *   SQLITE_BUSY is replaced (libsql leaves the busy statement "in progress", which makes every
 *   later COMMIT on that connection fail).
 */

type LibSqlConfig = ConstructorParameters<typeof PrismaLibSql>[0];
type LibSqlClient = ReturnType<PrismaLibSql['createClient']>;
type LibSqlTransaction = Awaited<ReturnType<LibSqlClient['transaction']>>;

/** How long one statement waits for a lock before SQLITE_BUSY (ms). See above: keep it short. */
export const SQLITE_BUSY_TIMEOUT_MS = 100;

export type SqliteTransactionMode = 'immediate' | 'deferred';

const transactionMode = new AsyncLocalStorage<SqliteTransactionMode>();
/** Calls of `withSqliteTransactionMode` not settled yet. */
let running = 0;

/**
 * Runs `work` with SQLite transactions started in it begun as `mode`. Transactions started
 * outside any mode are immediate: a transaction that may write must take the write lock first.
 *
 * The mode travels in an AsyncLocalStorage, which in Node 20 keeps async hooks running — a cost
 * on every promise, write and tick of the process — from its first use until it is disabled.
 * So it is disabled again whenever no transaction is running (the next `run` enables it anew).
 */
export function withSqliteTransactionMode<T>(mode: SqliteTransactionMode, work: () => T): T {
  running++;
  const settled = () => {
    if (--running === 0) transactionMode.disable();
  };
  let result: T;
  try {
    result = transactionMode.run(mode, work);
  } catch (error) {
    settled();
    throw error;
  }
  // The caller gets the very promise `work` returned; this side branch only counts its end.
  if (result instanceof Promise) result.then(settled, settled);
  else settled();
  return result;
}

/**
 * SQLite's "the database is locked" (SQLITE_BUSY and its extended codes), however it arrives:
 * raw from libsql, or as Prisma's P1008 ("Operation has timed out", the adapter's mapping of it).
 * Nothing was written: the statement, or the whole transaction, can run again.
 */
export function isSqliteBusy(error: unknown): boolean {
  for (let e = error as Record<string, any> | null | undefined, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (e.code === 'SQLITE_BUSY' || (typeof e.rawCode === 'number' && (e.rawCode & 0xff) === 5)) return true;
    if (typeof e.message === 'string' && /SQLITE_BUSY|database is locked/i.test(e.message)) return true;
    const cause = e.meta?.driverAdapterError?.cause ?? e.cause;
    if (cause?.kind === 'SocketTimeout' && cause.originalCode !== undefined && (Number(cause.originalCode) & 0xff) === 5) return true;
    if (typeof cause?.originalMessage === 'string' && /database is locked/i.test(cause.originalMessage)) return true;
    e = e.meta?.driverAdapterError ?? e.cause;
  }
  return false;
}

/** The libsql driver adapter factory with the settings above. */
export class SqliteAdapterFactory extends PrismaLibSql {
  constructor(url: string, options: { busyTimeoutMs?: number } = {}) {
    super({ url, timeout: options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS } as LibSqlConfig);
  }

  override createClient(config: LibSqlConfig): LibSqlClient {
    return withSafeTransactions(super.createClient(config));
  }

  override async connect() {
    const adapter = await super.connect();
    try {
      // Persistent: a no-op once the file is in WAL mode. In-memory databases answer "memory".
      await adapter.queryRaw({ sql: 'PRAGMA journal_mode=WAL', args: [], argTypes: [] });
    } catch (error) {
      // Another process is switching it, or holds it in the old mode: the next connection
      // tries again; until then the rollback on failed commits keeps the old mode safe.
      if (!isSqliteBusy(error)) throw error;
    }
    return adapter;
  }
}

/**
 * The client with `transaction()` replaced: BEGIN IMMEDIATE or DEFERRED (as the caller's
 * mode says) on the client's own connection, and a transaction whose failed COMMIT rolls back.
 *
 * A statement that failed with SQLITE_BUSY stays "in progress" on its libsql connection (libsql
 * does not reset it; SQLite keeps a busy statement resumable), and while it is, every COMMIT on
 * that connection fails ("cannot commit transaction - SQL statements in progress") and an
 * autocommit write cannot commit either. So after SQLITE_BUSY the connection is rolled back and
 * replaced by a fresh one (libsql's `reconnect`); the caller gets the error and may retry.
 */
function withSafeTransactions(client: LibSqlClient): LibSqlClient {
  type Stmt = Parameters<LibSqlClient['execute']>[0];
  /** Ends whatever the connection is in and replaces it: no lock, no stuck statement survives. */
  const discard = async () => {
    try {
      await client.execute('ROLLBACK');
    } catch {
      // No transaction was open, or the connection is beyond that: closing it ends everything.
    }
    await client.reconnect();
  };
  const execute = async (stmt: Stmt, args?: never) => {
    try {
      return args === undefined ? await client.execute(stmt) : await client.execute(stmt as string, args);
    } catch (error) {
      if (isSqliteBusy(error)) await discard();
      throw error;
    }
  };
  const transaction = async (): Promise<LibSqlTransaction> => {
    const begin = (transactionMode.getStore() ?? 'immediate') === 'immediate' ? 'BEGIN IMMEDIATE' : 'BEGIN DEFERRED';
    try {
      await execute(begin);
    } catch (error) {
      // Only a transaction left open by a bug gets here; end it rather than fail every later one.
      if (!/within a transaction/i.test((error as Error).message)) throw error;
      await discard();
      await execute(begin);
    }
    let open = true;
    const ensureOpen = () => {
      if (!open) throw Object.assign(new Error('The transaction is closed'), { code: 'TRANSACTION_CLOSED' });
    };
    const tx = {
      execute: async (stmt: Stmt, args?: never) => {
        ensureOpen();
        try {
          return await execute(stmt, args);
        } catch (error) {
          // SQLITE_BUSY discarded the connection, and the transaction with it.
          if (isSqliteBusy(error)) open = false;
          throw error;
        }
      },
      batch: async (stmts: Parameters<LibSqlTransaction['batch']>[0]) => {
        const results = [];
        for (const stmt of stmts) results.push(await tx.execute((Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt) as never));
        return results;
      },
      executeMultiple: async () => {
        throw new Error('executeMultiple is not supported inside a transaction');
      },
      commit: async () => {
        ensureOpen();
        open = false;
        try {
          await client.execute('COMMIT');
        } catch (error) {
          // SQLite keeps a transaction whose COMMIT failed open, locks and all: end it here.
          await discard();
          throw error;
        }
      },
      rollback: async () => {
        if (!open) return;
        open = false;
        try {
          await client.execute('ROLLBACK');
        } catch (error) {
          if (!/no transaction is active/i.test((error as Error).message)) await discard();
        }
      },
      close: () => {
        if (open) void tx.rollback();
      },
      get closed() {
        return !open;
      },
    };
    return tx as unknown as LibSqlTransaction;
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === 'transaction') return transaction;
      if (property === 'execute') return execute;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
