/** `pnpm db:deploy`: applies the pending migrations (a server start runs it too, through prepare.ts). */
import { resolveDatabaseTarget, type DatabaseTarget } from '../database-url.js';
import { noFilters, withEngine } from './engine.js';
import { MigrationError, engineErrorMessage } from './errors.js';
import { factoryFor, migrationsDirFor, onTarget } from './layout.js';
import { listMigrations } from './migrations.js';
import { databaseNameOf, databaseUrlWith, isMissingDatabase, postgresConnectError, quoteIdent, withAdminClient } from './postgres.js';

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
