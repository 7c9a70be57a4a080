/** `pnpm db:check`: do the migrations (and the derived PostgreSQL schema) still produce schema.prisma? */
import { readFileSync } from 'node:fs';
import type { Provider } from '../database-url.js';
import { postgresAdapterFactory, sqliteAdapterFactory } from './adapters.js';
import { noFilters, withEngine } from './engine.js';
import { MigrationError, displayPath } from './errors.js';
import { migrationsDirFor, resolveLayout, schemaFor, unreachable, type MigrateLayout, type ResolvedLayout } from './layout.js';
import { listMigrations } from './migrations.js';
import { postgresUnreachableReason } from './postgres.js';
import { derivePostgresSchema } from './postgres-schema.js';

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
