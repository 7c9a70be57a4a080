import { userInfo } from 'node:os';
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
  // Like every write, it leaves an audit entry: servers running on this database notice it within
  // DATA_CHANGE_POLL_MS and reload the data they answer from.
  let user = 'unknown user';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers).
  }
  await prisma.auditEntry.create({
    data: { action: 'seed', actor: `local operator (${user})`, subjectType: 'Import', subjectKey: 'seed data', after: JSON.stringify(result) },
  });
  console.log(`Seeded ${target.file ?? 'the database'}:`, result);
} finally {
  await prisma.$disconnect();
}
