/** `pnpm db:status`: which migrations a database has applied, which are pending, failed or edited. */
import { existsSync } from 'node:fs';
import { resolveDatabaseTarget, type DatabaseTarget, type Provider } from '../database-url.js';
import { sqliteAdapterFactory } from './adapters.js';
import type { DeployOptions } from './deploy.js';
import { noFilters, withEngine } from './engine.js';
import { factoryFor, migrationsDirFor, onTarget } from './layout.js';
import { listMigrations, migrationNames } from './migrations.js';

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
