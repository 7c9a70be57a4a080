import { createPrismaClient } from '../client.js';
import { resolveDatabaseTarget } from '../database-url.js';
import { deployMigrations } from '../migrate/index.js';
import { seed } from './seed.js';
import { seedData } from '../seed-data/index.js';

// `pnpm db:seed`: migrate, then (re)apply the reviewed seed data. Idempotent.
const target = resolveDatabaseTarget();
await deployMigrations(target);
const prisma = createPrismaClient(target);
try {
  const result = await seed(prisma, seedData);
  console.log(`Seeded ${target.file ?? 'the database'}:`, result);
} finally {
  await prisma.$disconnect();
}
