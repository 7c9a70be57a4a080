import { readdirSync } from 'node:fs';
import { createPrismaClient, type PrismaClient } from './client.js';
import type { DatabaseTarget } from './database-url.js';
import { deployMigrations, migrationsDirFor } from './migrate/index.js';
import { publishUnrecorded } from './revisions.js';
import { seed } from './seed/seed.js';
import { seedData } from './seed-data/index.js';

export interface PrepareResult {
  appliedMigrations: string[];
  seeded: boolean;
}

/**
 * Makes a database ready to serve: applies pending migrations, then seeds it if it has
 * never been seeded. A database that already holds data is left as it is, so edits
 * made through the API survive restarts; `pnpm db:seed` re-applies the seed on purpose.
 */
export async function prepareDatabase(target: DatabaseTarget, client?: PrismaClient): Promise<PrepareResult> {
  // A caller's client is used and left open (each new client compiles Prisma's query compiler again).
  const prisma = client ?? createPrismaClient(target);
  try {
    let applied: string[] = [];
    // The migration engine takes most of a second to start: only when something is pending.
    if (!(await migrationsUpToDate(prisma, target))) ({ applied } = await deployMigrations(target));
    const seeded = (await prisma.document.count()) === 0;
    if (seeded) await seed(prisma, seedData);
    else await publishFirstRevisions(prisma);
    return { appliedMigrations: applied, seeded };
  } finally {
    if (!client) await prisma.$disconnect();
  }
}

/**
 * A database seeded before revisions existed has figures but no history: publish them once
 * (revision 1 of each, version 1 of each dataset, dated now). Processes starting together on
 * one PostgreSQL database may race here; the loser's unique violation means the winner did it.
 */
async function publishFirstRevisions(prisma: PrismaClient): Promise<void> {
  if ((await prisma.publication.count()) > 0) return;
  try {
    await prisma.$transaction((tx) => publishUnrecorded(tx, { action: 'seed' }), { timeout: 60_000 });
  } catch (error) {
    if ((error as { code?: string }).code !== 'P2002') throw error;
  }
}

/**
 * Whether the database records every local migration as applied and none as failed (Prisma's
 * `_prisma_migrations` table). Any doubt — no table, no database, a failed or unknown row —
 * answers false, and the migration engine decides.
 */
async function migrationsUpToDate(prisma: PrismaClient, target: DatabaseTarget): Promise<boolean> {
  try {
    const dir = migrationsDirFor(target.provider);
    const local = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const rows = await prisma.$queryRawUnsafe<{ migration_name: string; finished_at: unknown; rolled_back_at: unknown }[]>(
      'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations',
    );
    if (rows.some((row) => row.finished_at == null && row.rolled_back_at == null)) return false;
    const applied = new Set(rows.filter((row) => row.finished_at != null && row.rolled_back_at == null).map((row) => row.migration_name));
    return local.length > 0 && local.every((name) => applied.has(name));
  } catch {
    return false;
  }
}
