/** `resolve --rolled-back|--applied <migration>` (cli.ts): after a failed migration was fixed by hand, records what became of it. */
import type { DatabaseTarget } from '../database-url.js';
import type { DeployOptions } from './deploy.js';
import { withEngine } from './engine.js';
import { factoryFor, migrationsDirFor, onTarget } from './layout.js';
import { listMigrations } from './migrations.js';

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
