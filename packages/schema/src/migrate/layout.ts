/**
 * What every migration command shares: where the schema and each provider's migrations live
 * (the layout), how to reach a target database, and one-line errors that name it.
 */
import { readFileSync } from 'node:fs';
import type { DatabaseTarget, Provider } from '../database-url.js';
import { postgresAdapterFactory, sqliteAdapterFactory, type ManagedAdapterFactory } from './adapters.js';
import type { SchemaFile } from './engine.js';
import { MigrationError, oneLine } from './errors.js';
import { defaultPostgresMigrationsDir, defaultPostgresSchemaPath, defaultSchemaPath, defaultSqliteMigrationsDir } from './paths.js';
import { postgresAdminUrl, redactUrl } from './postgres.js';
import { derivePostgresSchema } from './postgres-schema.js';

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

export function factoryFor(target: DatabaseTarget): ManagedAdapterFactory {
  return target.provider === 'sqlite' ? sqliteAdapterFactory(target.url) : postgresAdapterFactory(target.url);
}

function describeTarget(target: DatabaseTarget): string {
  return target.provider === 'sqlite' ? `SQLite ${target.file ?? target.url}` : `PostgreSQL ${redactUrl(target.url)}`;
}

/** Prefixes engine errors with the database they concern, so one line says everything. */
export async function onTarget<T>(target: DatabaseTarget, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new MigrationError(oneLine(`${what} on ${describeTarget(target)} failed: ${message}`), { cause: error });
  }
}

export interface ResolvedLayout {
  schemaPath: string;
  postgresSchemaPath: string | null;
  adminUrl: string;
  providers: Provider[];
  layout: MigrateLayout;
}

export function resolveLayout(layout: MigrateLayout): ResolvedLayout {
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

export function schemaFor(provider: Provider, schemaPath: string): SchemaFile {
  const source = readFileSync(schemaPath, 'utf8');
  // The engine only uses the path in messages; name the PostgreSQL copy as such.
  return provider === 'sqlite'
    ? { path: schemaPath, content: source }
    : { path: schemaPath.replace(/schema\.prisma$/, 'postgresql/schema.prisma'), content: derivePostgresSchema(source) };
}

export function unreachable(adminUrl: string, reason: string): string {
  return oneLine(
    `no PostgreSQL server reachable at ${redactUrl(adminUrl)} (${reason}); set DATABASE_URL_POSTGRES_ADMIN to a server where databases may be created`,
  );
}
