import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { resolveDatabaseTarget, type DatabaseTarget, type Provider } from '../database-url.js';
import { postgresAdapterFactory, sqliteAdapterFactory, type ManagedAdapterFactory } from './adapters.js';
import { noFilters, withEngine, type SchemaFile } from './engine.js';
import { MigrationError, displayPath, engineErrorMessage, oneLine } from './errors.js';
import { listMigrations, migrationNames, writeMigration } from './migrations.js';
import {
  defaultPostgresMigrationsDir,
  defaultPostgresSchemaPath,
  defaultSchemaPath,
  defaultSqliteMigrationsDir,
} from './paths.js';
import {
  createTemporaryDatabase,
  databaseNameOf,
  databaseUrlWith,
  isMissingDatabase,
  postgresAdminUrl,
  postgresConnectError,
  postgresUnreachableReason,
  quoteIdent,
  redactUrl,
  withAdminClient,
} from './postgres.js';
import { derivePostgresSchema, writePostgresSchema } from './postgres-schema.js';

export type { DatabaseTarget, Provider } from '../database-url.js';
export { MigrationError } from './errors.js';
export { derivePostgresSchema } from './postgres-schema.js';
export {
  defaultPostgresMigrationsDir,
  defaultPostgresSchemaPath,
  defaultSchemaPath,
  defaultSqliteMigrationsDir,
} from './paths.js';

/** Where the source schema and each provider's migrations live; defaults are the package's own. */
export interface MigrateLayout {
  /** The one source schema (SQLite provider). */
  schemaPath?: string;
  sqliteMigrationsDir?: string;
  postgresMigrationsDir?: string;
  /** Where to write the derived PostgreSQL schema; `null` to skip. Defaults to the package's file for the package's schema only. */
  postgresSchemaPath?: string | null;
  /** A server on which throwaway PostgreSQL databases may be created (DATABASE_URL_POSTGRES_ADMIN or postgres@127.0.0.1). */
  postgresAdminUrl?: string;
  /** Restrict to some providers (default both). */
  providers?: Provider[];
}

export function migrationsDirFor(provider: Provider, layout: MigrateLayout = {}): string {
  return provider === 'sqlite'
    ? (layout.sqliteMigrationsDir ?? defaultSqliteMigrationsDir)
    : (layout.postgresMigrationsDir ?? defaultPostgresMigrationsDir);
}

function factoryFor(target: DatabaseTarget): ManagedAdapterFactory {
  return target.provider === 'sqlite' ? sqliteAdapterFactory(target.url) : postgresAdapterFactory(target.url);
}

function describeTarget(target: DatabaseTarget): string {
  return target.provider === 'sqlite' ? `SQLite ${target.file ?? target.url}` : `PostgreSQL ${redactUrl(target.url)}`;
}

/** Prefixes engine errors with the database they concern, so one line says everything. */
async function onTarget<T>(target: DatabaseTarget, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new MigrationError(oneLine(`${what} on ${describeTarget(target)} failed: ${message}`), { cause: error });
  }
}

// ---------------------------------------------------------------------------------------
// deploy

export interface DeployOptions {
  /** Defaults to the folder of the target's provider. */
  migrationsDir?: string;
}

/**
 * Applies the pending migrations of the target's provider, recording them in
 * `_prisma_migrations` (created if missing). Closes everything it opened, so a server
 * may call it on every start. Throws a MigrationError with a one-line message.
 */
export async function deployMigrations(
  target: DatabaseTarget = resolveDatabaseTarget(),
  options: DeployOptions = {},
): Promise<{ applied: string[] }> {
  const migrationsList = listMigrations(options.migrationsDir ?? migrationsDirFor(target.provider));
  return onTarget(target, 'Applying migrations', async () => {
    if (target.provider === 'postgresql') await ensurePostgresDatabase(target.url);
    const { appliedMigrationNames } = await withEngine(factoryFor(target), undefined, (engine) =>
      engine.applyMigrations({ migrationsList, filters: noFilters }),
    );
    return { applied: appliedMigrationNames };
  });
}

/** Like `prisma migrate deploy`: a missing PostgreSQL database is created first. */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const error = await postgresConnectError(url);
  if (error === null) return;
  if (!isMissingDatabase(error)) throw new MigrationError(engineErrorMessage(error), { cause: error });
  const database = databaseNameOf(url);
  await withAdminClient(databaseUrlWith(url, 'postgres'), (client) => client.query(`CREATE DATABASE ${quoteIdent(database)}`));
}

// ---------------------------------------------------------------------------------------
// status

export interface MigrationStatus {
  provider: Provider;
  migrationsDir: string;
  /** Migrations in the folder, in order. */
  local: string[];
  /** Local migrations the database records as applied. */
  applied: string[];
  /** Local migrations not applied yet. */
  pending: string[];
  /** Migrations recorded as failed (they block deploy until resolved). */
  failed: string[];
  /** Applied migrations whose file changed since. */
  edited: string[];
  /** Applied migrations missing from the folder. */
  missingLocally: string[];
  upToDate: boolean;
}

/** Compares the target's `_prisma_migrations` with its provider's folder; changes nothing. */
export async function migrationStatus(
  target: DatabaseTarget = resolveDatabaseTarget(),
  options: DeployOptions = {},
): Promise<MigrationStatus> {
  const migrationsDir = options.migrationsDir ?? migrationsDirFor(target.provider);
  const migrationsList = listMigrations(migrationsDir);
  const local = migrationNames(migrationsList);
  const diagnostic = await onTarget(target, 'Reading the migration history', async () => {
    // libsql's "no such table" is not mapped to the error the engine expects, so it
    // fails on a database never migrated instead of reporting everything pending.
    if (target.provider === 'sqlite' && !(await sqliteHasMigrationsTable(target))) {
      return { hasMigrationsTable: false, history: null, failedMigrationNames: [], editedMigrationNames: [] };
    }
    return withEngine(factoryFor(target), undefined, (engine) =>
      engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilters }),
    );
  });
  const history = diagnostic.history;
  const failed = diagnostic.failedMigrationNames;
  let pending: string[] = [];
  let missingLocally: string[] = [];
  if (!diagnostic.hasMigrationsTable) pending = local;
  else if (history?.diagnostic === 'databaseIsBehind') pending = history.unappliedMigrationNames;
  else if (history?.diagnostic === 'migrationsDirectoryIsBehind') missingLocally = history.unpersistedMigrationNames;
  else if (history?.diagnostic === 'historiesDiverge') {
    pending = history.unappliedMigrationNames;
    missingLocally = history.unpersistedMigrationNames;
  }
  pending = pending.filter((name) => !failed.includes(name));
  const applied = local.filter((name) => !pending.includes(name) && !failed.includes(name));
  const edited = diagnostic.editedMigrationNames;
  return {
    provider: target.provider,
    migrationsDir,
    local,
    applied,
    pending,
    failed,
    edited,
    missingLocally,
    upToDate: pending.length + failed.length + edited.length + missingLocally.length === 0,
  };
}

/**
 * After fixing a failed migration by hand, records it as rolled back (deploy will run it
 * again) or as applied (deploy will skip it), like `prisma migrate resolve`.
 */
export async function resolveMigration(
  target: DatabaseTarget,
  migrationName: string,
  as: 'applied' | 'rolled-back',
  options: DeployOptions = {},
): Promise<void> {
  const migrationsList = listMigrations(options.migrationsDir ?? migrationsDirFor(target.provider));
  await onTarget(target, `Marking ${migrationName} as ${as}`, () =>
    withEngine(factoryFor(target), undefined, (engine) =>
      as === 'applied'
        ? engine.markMigrationApplied({ migrationName, migrationsList })
        : engine.markMigrationRolledBack({ migrationName }),
    ),
  );
}

async function sqliteHasMigrationsTable(target: DatabaseTarget): Promise<boolean> {
  // Not connecting to a missing file keeps `status` from creating an empty database.
  if (target.file && !existsSync(target.file)) return false;
  const factory = sqliteAdapterFactory(target.url);
  try {
    const adapter = await factory.connect();
    const result = await adapter.queryRaw({
      sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
      args: [],
      argTypes: [],
    });
    return result.rows.length > 0;
  } finally {
    await factory.disposeAll();
  }
}

// ---------------------------------------------------------------------------------------
// check

export interface DriftResult {
  provider: Provider;
  /** What was compared with the source schema. */
  subject: 'migrations' | 'postgres-schema-file';
  path: string;
  status: 'in-sync' | 'drift' | 'skipped';
  /** Human-readable: the engine's summary of the difference, or why it was skipped. */
  detail: string;
}

export interface DriftReport {
  /** False when anything drifted; skipped checks do not fail it. */
  ok: boolean;
  results: DriftResult[];
}

interface ResolvedLayout {
  schemaPath: string;
  postgresSchemaPath: string | null;
  adminUrl: string;
  providers: Provider[];
  layout: MigrateLayout;
}

function resolveLayout(layout: MigrateLayout): ResolvedLayout {
  const schemaPath = layout.schemaPath ?? defaultSchemaPath;
  return {
    schemaPath,
    postgresSchemaPath:
      layout.postgresSchemaPath !== undefined
        ? layout.postgresSchemaPath
        : schemaPath === defaultSchemaPath
          ? defaultPostgresSchemaPath
          : null,
    adminUrl: layout.postgresAdminUrl ?? postgresAdminUrl(),
    providers: layout.providers ?? ['sqlite', 'postgresql'],
    layout,
  };
}

function schemaFor(provider: Provider, schemaPath: string): SchemaFile {
  const source = readFileSync(schemaPath, 'utf8');
  // The engine only uses the path in messages; name the PostgreSQL copy as such.
  return provider === 'sqlite'
    ? { path: schemaPath, content: source }
    : { path: schemaPath.replace(/schema\.prisma$/, 'postgresql/schema.prisma'), content: derivePostgresSchema(source) };
}

/**
 * Replays each provider's migrations folder on a throwaway database and compares the
 * result with the source schema (`diff --exit-code`): drift means someone changed
 * schema.prisma without creating a migration (or edited a migration). PostgreSQL is
 * skipped, with the reason, when no server is reachable at the admin URL.
 */
export async function checkDrift(layout: MigrateLayout = {}): Promise<DriftReport> {
  const resolved = resolveLayout(layout);
  const results: DriftResult[] = [];
  for (const provider of resolved.providers) {
    const migrationsDir = migrationsDirFor(provider, layout);
    const schema = schemaFor(provider, resolved.schemaPath);
    if (provider === 'postgresql' && resolved.postgresSchemaPath) results.push(checkPostgresSchemaFile(resolved));
    const base = { provider, subject: 'migrations' as const, path: migrationsDir };
    if (provider === 'postgresql') {
      const reason = await postgresUnreachableReason(resolved.adminUrl);
      if (reason !== null) {
        results.push({ ...base, status: 'skipped', detail: unreachable(resolved.adminUrl, reason) });
        continue;
      }
    }
    const migrationsList = listMigrations(migrationsDir);
    // The "migrations" side of a diff is replayed on the adapter's shadow database (libsql's
    // in-memory one, or a fresh PostgreSQL database), so the main connection is unused.
    const factory = provider === 'sqlite' ? sqliteAdapterFactory(':memory:') : postgresAdapterFactory(resolved.adminUrl);
    const diff = await withEngine(factory, schema, (engine) =>
      engine.diff({
        from: { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: [schema] },
        script: false,
        exitCode: true,
        filters: noFilters,
      }),
    ).catch((error: unknown) => {
      throw new MigrationError(`Checking ${provider} migrations in ${migrationsDir} failed: ${(error as Error).message}`, {
        cause: error,
      });
    });
    const drift = diff.exitCode !== 0;
    results.push({
      ...base,
      status: drift ? 'drift' : 'in-sync',
      detail: drift
        ? `${migrationsList.migrationDirectories.length} migration(s) do not produce ${displayPath(resolved.schemaPath)}:\n${(diff.stdout ?? '').trim()}`
        : `${migrationsList.migrationDirectories.length} migration(s) match the schema`,
    });
  }
  return { ok: results.every((r) => r.status !== 'drift'), results };
}

function checkPostgresSchemaFile(resolved: ResolvedLayout): DriftResult {
  const path = resolved.postgresSchemaPath!;
  const expected = derivePostgresSchema(readFileSync(resolved.schemaPath, 'utf8'));
  let actual: string | undefined;
  try {
    actual = readFileSync(path, 'utf8');
  } catch {
    actual = undefined;
  }
  const fresh = actual === expected;
  return {
    provider: 'postgresql',
    subject: 'postgres-schema-file',
    path,
    status: fresh ? 'in-sync' : 'drift',
    detail: fresh
      ? 'the derived PostgreSQL schema is up to date'
      : `${actual === undefined ? 'missing' : 'stale'}: it is derived from ${resolved.schemaPath}; \`pnpm db:migrate <name>\` rewrites it`,
  };
}

function unreachable(adminUrl: string, reason: string): string {
  return oneLine(
    `no PostgreSQL server reachable at ${redactUrl(adminUrl)} (${reason}); set DATABASE_URL_POSTGRES_ADMIN to a server where databases may be created`,
  );
}

// ---------------------------------------------------------------------------------------
// create

export interface CreatedMigration {
  provider: Provider;
  status: 'created' | 'unchanged' | 'skipped';
  /** The new migration's folder, when created. */
  directory?: string;
  detail: string;
}

export interface CreateMigrationResult {
  /** The folder name (`<timestamp>_<name>`), shared by both providers; null when nothing changed. */
  migrationName: string | null;
  results: CreatedMigration[];
  /** Whether the derived PostgreSQL schema file was rewritten. */
  postgresSchemaWritten: boolean;
}

/**
 * Creates the next migration for each provider from the difference between its
 * migrations folder and the source schema, on throwaway databases (a temporary SQLite
 * file; a temporary database on the PostgreSQL admin server, skipped with the reason
 * when none is reachable). Does not touch DATABASE_URL's database: deploy for that.
 */
export async function createMigration(name: string, layout: MigrateLayout = {}): Promise<CreateMigrationResult> {
  // Folder names stay shell- and URL-friendly, as Prisma's CLI makes them.
  const slug = name.trim().replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 200);
  if (!slug) throw new MigrationError('A migration needs a name, e.g. `pnpm db:migrate add-region-population`');
  const resolved = resolveLayout(layout);
  const postgresSchemaWritten = resolved.postgresSchemaPath
    ? writePostgresSchema(resolved.schemaPath, resolved.postgresSchemaPath)
    : false;
  const results: CreatedMigration[] = [];
  let migrationName: string | null = null;
  for (const provider of resolved.providers) {
    const migrationsDir = migrationsDirFor(provider, layout);
    const schema = schemaFor(provider, resolved.schemaPath);
    if (provider === 'sqlite') {
      const file = join(tmpdir(), `vigia-migrate-${randomUUID()}.db`);
      try {
        const target: DatabaseTarget = { provider, url: `file:${file}`, file };
        const created = await generate(target, schema, migrationsDir, slug, migrationName);
        migrationName ??= created.migrationName;
        results.push(created.result);
      } finally {
        for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      }
      continue;
    }
    const reason = await postgresUnreachableReason(resolved.adminUrl);
    if (reason !== null) {
      results.push({ provider, status: 'skipped', detail: unreachable(resolved.adminUrl, reason) });
      continue;
    }
    const temporary = await createTemporaryDatabase(resolved.adminUrl);
    try {
      const created = await generate({ provider, url: temporary.url }, schema, migrationsDir, slug, migrationName);
      migrationName ??= created.migrationName;
      results.push(created.result);
    } finally {
      await temporary.drop();
    }
  }
  return { migrationName, results, postgresSchemaWritten };
}

async function generate(
  target: DatabaseTarget,
  schema: SchemaFile,
  migrationsDir: string,
  name: string,
  sharedName: string | null,
): Promise<{ migrationName: string | null; result: CreatedMigration }> {
  const migrationsList: MigrationList = listMigrations(migrationsDir);
  const provider = target.provider;
  const output = await withEngine(factoryFor(target), schema, async (engine) => {
    // Order matters in the WebAssembly build: applyMigrations creates _prisma_migrations
    // (libsql's "no such table" is not mapped to the error the engine expects), then
    // devDiagnostic replays the history on the shadow database and caches the result,
    // which createMigration (given no shadow database of its own) reuses.
    await engine.applyMigrations({ migrationsList, filters: noFilters });
    const { action } = await engine.devDiagnostic({ migrationsList, filters: noFilters });
    if (action.tag === 'reset') {
      throw new MigrationError(`The ${provider} migrations folder ${migrationsDir} cannot be replayed: ${action.reason}`);
    }
    return engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList,
      schema: { files: [schema] },
      filters: noFilters,
    });
  }).catch((error: unknown) => {
    throw new MigrationError(`Creating the ${provider} migration failed: ${(error as Error).message}`, { cause: error });
  });
  if (output.migrationScript === null) {
    return { migrationName: null, result: { provider, status: 'unchanged', detail: 'already in sync with the schema' } };
  }
  // Both providers' folders get the same name, so the two histories line up.
  const migrationName = sharedName ?? output.generatedMigrationName;
  const directory = writeMigration(migrationsDir, migrationName, output.migrationScript, provider);
  const warnings = /^-- Warnings?:|^\/\*\s*\n?\s*Warnings?:/m.test(output.migrationScript)
    ? ' (it has warnings about data loss: read it before applying)'
    : '';
  return {
    migrationName,
    result: { provider, status: 'created', directory, detail: `${displayPath(directory)}${warnings}` },
  };
}
