/** The seed is idempotent and all-or-nothing; a first start seeds, later starts keep the data. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrismaClient, prepareDatabase, resolveDatabaseTarget, seed, seedData, type PrismaClient } from '@vigia/schema';
import { createTestDatabase, type TestDatabase } from './postgres/support.js';

let dir: string;
let prisma: PrismaClient;
// The "postgresql" vitest project runs this file on a fresh PostgreSQL database.
let postgres: TestDatabase | undefined;
const target = () => resolveDatabaseTarget(postgres?.url ?? `file:${join(dir, 'seed.db')}`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigia-seed-'));
  if (process.env.VIGIA_TEST_DATABASE === 'postgresql') postgres = await createTestDatabase('vigia_seed');
  const first = await prepareDatabase(target());
  expect(first.seeded).toBe(true);
  expect(first.appliedMigrations.length).toBeGreaterThan(0);
  prisma = createPrismaClient(target());
});
afterAll(async () => {
  await prisma?.$disconnect();
  await postgres?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function counts() {
  return {
    documents: await prisma.document.count(),
    sources: await prisma.source.count(),
    regions: await prisma.region.count(),
    spaces: await prisma.coordinationSpace.count(),
    objectives: await prisma.policyObjective.count(),
    entities: await prisma.entity.count(),
    units: await prisma.entityUnit.count(),
    services: await prisma.service.count(),
    results: await prisma.serviceResult.count(),
    datasets: await prisma.dataset.count(),
    observations: await prisma.observation.count(),
    activities: await prisma.associatedActivity.count(),
    courses: await prisma.trainingCourse.count(),
  };
}

it('loads what the source gives, once', async () => {
  expect(await counts()).toEqual({
    documents: 1, sources: 9, regions: 25, spaces: 23, objectives: 3, entities: 15, units: 6,
    services: 2, results: 2, datasets: 6, observations: 17, activities: 5, courses: 2,
  });
});

it('running the seed again doubles nothing and restores seeded values', async () => {
  const before = await counts();
  await prisma.observation.update({ where: { key: 'police-trained-puno' }, data: { value: 1 } });
  await seed(prisma, seedData);
  await seed(prisma, seedData);
  expect(await counts()).toEqual(before);
  expect((await prisma.observation.findUniqueOrThrow({ where: { key: 'police-trained-puno' } })).value).toBe(420);
});

it('a later start does not re-seed: data edited since is kept', async () => {
  await prisma.observation.update({ where: { key: 'police-trained-tacna' }, data: { value: 321 } });
  const again = await prepareDatabase(target());
  expect(again).toEqual({ appliedMigrations: [], seeded: false });
  expect((await prisma.observation.findUniqueOrThrow({ where: { key: 'police-trained-tacna' } })).value).toBe(321);
});

it('a seed that fails half-way writes nothing', async () => {
  const before = await counts();
  const broken = structuredClone(seedData);
  broken.datasets.push({ ...broken.datasets[0]!, key: 'broken-dataset', source: 'no-such-source', observations: [] });
  broken.regions.push({ code: '99', slug: 'atlantis', name: 'Atlantis' });
  await expect(seed(prisma, broken)).rejects.toThrow(/unknown key "no-such-source"/);
  expect(await counts()).toEqual(before);
  expect(await prisma.region.findUnique({ where: { slug: 'atlantis' } })).toBeNull();
});

it('`pnpm db:seed` leaves an audit entry, so running servers reload the data it re-applied', async () => {
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync('pnpm', ['db:seed'], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, DATABASE_URL: postgres?.url ?? `file:${join(dir, 'seed.db')}` },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const entry = await prisma.auditEntry.findFirst({ where: { action: 'seed' }, orderBy: { id: 'desc' } });
  expect(entry).toMatchObject({ actor: expect.stringMatching(/^local operator \(/), subjectKey: 'seed data' });
  expect(JSON.parse(entry!.after!)).toMatchObject({ regions: 25 });
}, 60_000);
