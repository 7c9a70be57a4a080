import { createPrismaClient } from './client.js';
import type { DatabaseTarget } from './database-url.js';
import { deployMigrations } from './migrate/index.js';
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
export async function prepareDatabase(target: DatabaseTarget): Promise<PrepareResult> {
  const { applied } = await deployMigrations(target);
  const prisma = createPrismaClient(target);
  try {
    const seeded = (await prisma.document.count()) === 0;
    if (seeded) await seed(prisma, seedData);
    return { appliedMigrations: applied, seeded };
  } finally {
    await prisma.$disconnect();
  }
}
