import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { SqliteAdapterFactory } from '../sqlite.js';
import { databaseUrlWith, dropDatabase, quoteIdent, withAdminClient } from './postgres.js';

/**
 * A driver adapter factory for the schema engine that remembers every connection it
 * hands out, so that `disposeAll()` can close them: the engine never closes its own
 * pools, and a long-running server that deploys on start must not keep them open.
 */
export interface ManagedAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  disposeAll(): Promise<void>;
}

/** SQLite through libsql; the engine's shadow database is libsql's in-memory one. */
export function sqliteAdapterFactory(url: string): ManagedAdapterFactory {
  // WAL, failed commits rolled back, immediate transactions (../sqlite.ts). A start waits longer
  // for another process's write lock than a request does: it serves nothing yet.
  const inner = new SqliteAdapterFactory(url, { busyTimeoutMs: 5_000 });
  return manage(inner, {
    connect: () => inner.connect(),
    // libsql's executeRaw runs only the first statement of a script; the engine replays
    // each migration on the shadow database with one argument-less executeRaw of the whole
    // file, so without this every check would report false drift.
    wrap: (adapter) => routeScriptsToExecuteScript(adapter),
    connectToShadowDb: () => inner.connectToShadowDb(),
  });
}

/** PostgreSQL through adapter-pg, with the fixes the migration tool needs (see notes below). */
export function postgresAdapterFactory(url: string): ManagedAdapterFactory {
  const schema = new URL(url).searchParams.get('schema') ?? undefined;
  const options = schema ? { schema } : undefined;
  const inner = new PrismaPg(poolConfig(url), options);
  return manage(inner, {
    connect: () => inner.connect(),
    wrap: (adapter) => runScriptsAsOneQuery(adapter),
    // adapter-pg 7.10's own shadow database ignores the database name when given a
    // connection string (the URL wins, so the "shadow" is the main database) and drops
    // the database before closing its pool (which fails and leaks it). Ours points a
    // fresh pool at a fresh database, and on dispose closes the pool before dropping.
    connectToShadowDb: async () => {
      const database = `prisma_migrate_shadow_db_${randomUUID().replaceAll('-', '')}`;
      await withAdminClient(url, (client) => client.query(`CREATE DATABASE ${quoteIdent(database)}`));
      const shadow = await new PrismaPg(poolConfig(databaseUrlWith(url, database)), options).connect();
      return delegate(shadow, {
        dispose: async () => {
          await shadow.dispose();
          await dropDatabase(url, database);
        },
      });
    },
  });
}

interface ManageHooks {
  connect(): Promise<SqlDriverAdapter>;
  connectToShadowDb(): Promise<SqlDriverAdapter>;
  wrap(adapter: SqlDriverAdapter): SqlDriverAdapter;
}

function manage(inner: SqlMigrationAwareDriverAdapterFactory, hooks: ManageHooks): ManagedAdapterFactory {
  const open = new Set<SqlDriverAdapter>();
  // Dispose at most once whoever asks first (the engine disposes shadow connections
  // itself; we dispose whatever is left), and forget it afterwards.
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    let disposed: Promise<void> | undefined;
    const tracked: SqlDriverAdapter = delegate(adapter, {
      dispose: () => {
        disposed ??= adapter.dispose().finally(() => open.delete(tracked));
        return disposed;
      },
    });
    open.add(tracked);
    return tracked;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => track(hooks.wrap(await hooks.connect())),
    connectToShadowDb: async () => track(hooks.wrap(await hooks.connectToShadowDb())),
    disposeAll: async () => {
      const results = await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
    },
  };
}

/** A delegate whose methods keep `this` bound to the original adapter. */
function delegate(adapter: SqlDriverAdapter, overrides: Partial<SqlDriverAdapter>): SqlDriverAdapter {
  const base: SqlDriverAdapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    executeScript: (script) => adapter.executeScript(script),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    dispose: () => adapter.dispose(),
  };
  if (adapter.getConnectionInfo) base.getConnectionInfo = () => adapter.getConnectionInfo!();
  return Object.assign(base, overrides);
}

function routeScriptsToExecuteScript(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return delegate(adapter, {
    executeRaw: async (query: SqlQuery) => {
      if (query.args.length === 0 && countStatements(query.sql) > 1) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      return adapter.executeRaw(query);
    },
  });
}

/**
 * adapter-pg's executeScript splits the script on every ";" (semicolons inside string
 * literals or function bodies break it). An argument-less query goes through pg's simple
 * query protocol, which runs a whole multi-statement script in one round trip, as
 * Prisma's native engine does.
 */
function runScriptsAsOneQuery(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return delegate(adapter, {
    executeScript: async (script: string) => {
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
    },
  });
}

/**
 * Counts SQL statements, ignoring semicolons inside comments, quoted strings and
 * identifiers. Enough for SQLite scripts (no dollar-quoted bodies there).
 */
export function countStatements(sql: string): number {
  let count = 0;
  let pending = false;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 1;
    } else if (c === "'" || c === '"' || c === '`') {
      // Doubled quotes escape themselves, so skipping to the next quote works either way.
      const end = sql.indexOf(c, i + 1);
      i = end === -1 ? sql.length : end;
      pending = true;
    } else if (c === ';') {
      if (pending) count++;
      pending = false;
    } else if (c !== undefined && !/\s/.test(c)) {
      pending = true;
    }
  }
  return pending ? count + 1 : count;
}

/**
 * The engine's describe query returns a Postgres `"char"` column (OID 18, e.g.
 * pg_class.relkind), which adapter-pg 7.10 refuses to deserialize. pg already parses
 * it as a string; reporting its type as text (OID 25) lets the adapter accept it.
 * This client class is used only by the migration tool's own pools.
 */
class CharAsTextClient extends pg.Client {
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: unknown, result: unknown) => callback(error, charAsText(result));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    if (returned instanceof Promise) return returned.then(charAsText) as never;
    return returned as never;
  }
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

function charAsText(result: unknown): unknown {
  for (const item of Array.isArray(result) ? result : [result]) {
    const fields = (item as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
    for (const field of fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

function poolConfig(url: string): pg.PoolConfig {
  return {
    connectionString: url,
    Client: CharAsTextClient,
    // Fail in seconds (not hang) when the server is unreachable.
    connectionTimeoutMillis: 10_000,
    // Let a process that forgot to dispose still exit once the pool is idle.
    allowExitOnIdle: true,
  };
}
