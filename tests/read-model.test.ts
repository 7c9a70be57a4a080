/**
 * The in-memory snapshot's holder (packages/server/src/read-model): reloads that overlap share
 * one load, a caller never gets a snapshot read before its call, and a shared data version
 * from another process makes the next request reload first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrismaClient, prepareDatabase, resolveDatabaseTarget, type PrismaClient } from '@vigia/schema';
import { ReadModel, type SharedVersion } from '../packages/server/src/read-model/read-model.js';

let dir: string;
let prisma: PrismaClient;
/** Snapshot loads so far: each starts by reading the newest audit entry. */
let loads = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigia-read-model-'));
  const target = resolveDatabaseTarget(`file:${join(dir, 'vigia.db')}`);
  await prepareDatabase(target);
  prisma = createPrismaClient(target, { onQuery: (sql) => void (/\bmax\(/i.test(sql) && /AuditEntry/.test(sql) && loads++) });
});
afterAll(async () => {
  await prisma?.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

const audit = (subjectKey: string) =>
  prisma.auditEntry.create({ data: { action: 'test', actor: 'read-model test', subjectType: 'Test', subjectKey } });

it('loads the seeded data, indexed and in the documented orders', async () => {
  const model = await ReadModel.load({ prisma, provider: 'sqlite' });
  const data = model.snapshot;
  expect(data.regions.map((r) => r.code)).toEqual([...data.regions.map((r) => r.code)].sort());
  expect(data.regions.filter((r) => r.isFocus).map((r) => r.slug).sort()).toEqual(['arequipa', 'cusco', 'moquegua', 'puno', 'tacna']);
  const puno = data.regionBySlug.get('puno')!;
  expect(data.regionByCode.get('21')).toBe(puno);
  const spaces = data.openSpacesOfRegion.get(puno.id)!;
  expect(spaces.length).toBeGreaterThan(0);
  expect(spaces.map((s) => s.position)).toEqual([...spaces.map((s) => s.position)].sort((a, b) => a - b));
  for (const o of data.observations) expect(data.datasetById.get(o.datasetId)).toBeDefined();
  for (const s of data.sourceById.values()) expect(s.document.id).toBe(s.documentId);
});

it('shares one load between overlapping reloads, and never hands back one read before the call', async () => {
  const model = await ReadModel.load({ prisma, provider: 'sqlite' });
  const before = model.snapshot.version;
  loads = 0;
  const first = model.refresh();
  // Written after the first load started: only a load that starts after it can see it.
  const entry = await audit('overlap');
  const second = model.refresh();
  const third = model.refresh();
  const [a, b, c] = await Promise.all([first, second, third]);
  expect(loads).toBe(2);
  expect(b).toBe(c);
  expect(b.version).toBe(entry.id);
  expect(a.version).toBeGreaterThanOrEqual(before);
  expect(model.snapshot).toBe(b);
});

it('reloads before a request when another process announced a newer version, and only then', async () => {
  const model = await ReadModel.load({ prisma, provider: 'sqlite' });
  let shared = model.snapshot.version;
  const raised: number[] = [];
  const version: SharedVersion = { read: async () => shared, raise: async (v) => void raised.push(v) };
  model.share(version);
  loads = 0;
  expect(await model.current()).toBe(model.snapshot);
  expect(loads).toBe(0);
  // Another process wrote and announced it.
  shared = (await audit('elsewhere')).id;
  const fresh = await model.current();
  expect(loads).toBe(1);
  expect(fresh.version).toBe(shared);
  // This process's own write is announced to the others.
  const mine = await audit('here');
  await model.changed();
  expect(raised).toEqual([mine.id]);
});

it('answers from the snapshot it has when the shared version cannot be read, and says so once, not per request', async () => {
  const errors: unknown[] = [];
  const model = await ReadModel.load({ prisma, provider: 'sqlite', onError: (e) => errors.push(e) });
  model.share({ read: () => Promise.reject(new Error('Redis is away')), raise: () => Promise.reject(new Error('Redis is away')) });
  for (let i = 0; i < 50; i++) expect(await model.current()).toBe(model.snapshot);
  const reloaded = await model.changed();
  expect(model.snapshot).toBe(reloaded);
  expect(errors.map((e) => (e as Error).message)).toEqual(['Redis is away']);
});

it('reloads once, and says why, when the shared version is one this database does not have', async () => {
  const errors: unknown[] = [];
  const model = await ReadModel.load({ prisma, provider: 'sqlite', onError: (e) => errors.push(e) });
  // E.g. another deployment with its own database on the same Redis and REDIS_PREFIX.
  const foreign = model.snapshot.version + 1000;
  model.share({ read: async () => foreign, raise: async () => {} });
  loads = 0;
  for (let i = 0; i < 5; i++) expect(await model.current()).toBe(model.snapshot);
  expect(loads).toBe(1);
  expect(errors).toHaveLength(1);
  expect((errors[0] as Error).message).toMatch(/shared data version \(\d+\) is ahead of this database's newest audit entry/);
});
