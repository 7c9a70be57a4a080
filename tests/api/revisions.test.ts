/**
 * The public history of the figures, after a sequence of edits through GraphQL with editor and
 * admin keys and an import through the CLI: Indicator.revisions (and ServiceResult.revisions)
 * list every published state oldest first with its time and public note — never who made it —
 * with small victim counts still suppressed; Dataset.version rises with every change of its
 * figures; `asOf` answers the figures as they were published at a moment. Values written here
 * are TEST FIXTURES, not figures from the source.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, prepareDatabase, resolveDatabaseTarget, seed, seedData } from '@vigia/schema';
import { startWriteServer, vigia, type WriteServer } from '../write/support.js';

let server: WriteServer;
const POLICE = 'police-officers-trained-2021-2023';
const UPE = 'nna-victims-attended-upe-2018-2023';

/** Moments between the edits, each strictly after the write before it and before the next. */
const moments: Record<string, string> = {};
async function mark(name: string) {
  const now = Date.now();
  // The next write must get a later millisecond than this mark.
  while (Date.now() <= now) await new Promise((r) => setImmediate(r));
  moments[name] = new Date(now).toISOString();
}

const ok = async (role: Parameters<WriteServer['as']>[0], query: string, variables?: Record<string, unknown>) => {
  const r = await server.as(role, query, variables);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
};
const UPSERT = `mutation ($input: UpsertIndicatorInput!) { upsertIndicator(input: $input) { changed indicator { key value } } }`;

beforeAll(async () => {
  server = await startWriteServer();
  await mark('seeded');
  // 1. A correction with a public note.
  await ok('EDITOR', UPSERT, { input: { key: 'police-trained-puno', value: 421, note: 'TEST FIXTURE: corrección de prueba' } });
  await mark('afterCorrection');
  // 2. The same values again: nothing changes, nothing is published.
  const same = await ok('EDITOR2', UPSERT, { input: { key: 'police-trained-puno', value: 421 } });
  expect(same.upsertIndicator.changed).toBe(false);
  // 3. A first figure for a pending dataset: a small victim count below a region (suppressed).
  await ok('EDITOR', UPSERT, {
    input: { key: 'test-fixture-upe-district', datasetKey: UPE, label: 'TEST FIXTURE', labelEn: 'TEST FIXTURE', value: 3, scope: 'DISTRICT', regionCode: 'puno', area: 'Ananea' },
  });
  await mark('afterUpe');
  // 4. Its correction to a count that is public, then its withdrawal by an admin.
  await ok('EDITOR', UPSERT, { input: { key: 'test-fixture-upe-district', value: 8, note: 'TEST FIXTURE: recuento revisado' } });
  await mark('beforeDelete');
  await ok('ADMIN', `mutation { deleteIndicator(input: { key: "test-fixture-upe-district", note: "TEST FIXTURE: retirada" }) { deletedKey } }`);
  await mark('afterDelete');
  // 5. Entered again under the same key: its history goes on.
  await ok('EDITOR', UPSERT, {
    input: { key: 'test-fixture-upe-district', datasetKey: UPE, label: 'TEST FIXTURE', labelEn: 'TEST FIXTURE', value: 9, scope: 'DISTRICT', regionCode: 'puno', area: 'Ananea' },
  });
  // 6. A service result revised.
  await ok('EDITOR', `mutation { upsertServiceResult(input: { serviceNumber: 4, year: 2023, achieved: 826, note: "TEST FIXTURE" }) { changed } }`);
}, 60_000);
afterAll(() => server?.stop());

const REVISIONS = 'revisions { version publishedAt change note value suppressed displayValue label unit periodStart periodEnd datasetVersion source { key } }';

describe('Indicator.revisions', () => {
  it('lists every published state of a figure, oldest first, with its time and public note', async () => {
    const { indicator } = await ok(null, `{ indicator(key: "police-trained-puno") { value ${REVISIONS} } }`);
    const revisions = indicator.revisions;
    expect(revisions.map((r: any) => [r.change, r.value, r.version, r.note])).toEqual([
      ['PUBLISHED', 420, 1, null],
      ['REVISED', 421, 2, 'TEST FIXTURE: corrección de prueba'],
    ]);
    expect(indicator.value).toBe(421);
    // The seed's figures were published when the database was seeded; the correction after it.
    expect(Date.parse(revisions[0].publishedAt)).toBeLessThanOrEqual(Date.parse(moments.seeded!));
    expect(Date.parse(revisions[1].publishedAt)).toBeGreaterThan(Date.parse(moments.seeded!));
    expect(Date.parse(revisions[1].publishedAt)).toBeLessThanOrEqual(Date.parse(moments.afterCorrection!));
    expect(revisions[0]).toMatchObject({ unit: revisions[1].unit, periodStart: '2021-01-01', source: { key: 'police-training' }, datasetVersion: 1 });
    expect(revisions[1].datasetVersion).toBe(2);
  });

  it('never says who made a change', async () => {
    const fields = await ok(null, `{ __type(name: "IndicatorRevision") { fields { name } } }`);
    const names = fields.__type.fields.map((f: { name: string }) => f.name);
    expect(names.some((n: string) => /actor|author|user|key|who|editor/i.test(n))).toBe(false);
    const answer = JSON.stringify(await ok('ADMIN', `{ indicators(asOf: "${moments.beforeDelete}") { key ${REVISIONS} } services { results { revisions { note publishedAt } } } }`));
    for (const key of Object.values(server.keys)) expect(answer).not.toContain(key.name);
  });

  it('keeps small victim counts suppressed in the history, for the public', async () => {
    const query = `{ indicators(asOf: "${moments.beforeDelete}") { key ${REVISIONS} } }`;
    const pick = (data: any) => data.indicators.find((i: any) => i.key === 'test-fixture-upe-district').revisions;
    const publicView = pick(await ok(null, query));
    expect(publicView.map((r: any) => [r.change, r.value, r.suppressed, r.displayValue])).toEqual([
      ['PUBLISHED', null, true, '< 5'],
      ['REVISED', 8, false, '8'],
    ]);
    const editorView = pick(await ok('EDITOR', query));
    expect(editorView.map((r: any) => [r.value, r.suppressed])).toEqual([
      [3, true],
      [8, false],
    ]);
  });

  it('records a withdrawal, and goes on when the figure is entered again; asOf shows each state', async () => {
    const now = await ok(null, `{ indicator(key: "test-fixture-upe-district") { value ${REVISIONS} } dataset(key: "${UPE}") { status version observationCount } }`);
    expect(now.indicator.revisions.map((r: any) => [r.change, r.value, r.displayValue, r.note, r.datasetVersion])).toEqual([
      ['PUBLISHED', null, '< 5', null, 2],
      ['REVISED', 8, '8', 'TEST FIXTURE: recuento revisado', 3],
      ['WITHDRAWN', 8, '8', 'TEST FIXTURE: retirada', 4],
      ['PUBLISHED', 9, '9', null, 5],
    ]);
    expect(now.dataset).toEqual({ status: 'PUBLISHED', version: 5, observationCount: 1 });
    const before = await ok(null, `{ indicators(asOf: "${moments.beforeDelete}", regionCode: "puno") { key value revisions { change } } }`);
    const figure = before.indicators.find((i: any) => i.key === 'test-fixture-upe-district');
    expect(figure).toEqual({ key: 'test-fixture-upe-district', value: 8, revisions: [{ change: 'PUBLISHED' }, { change: 'REVISED' }] });
    const gone = await ok(null, `{ indicators(asOf: "${moments.afterDelete}") { key } dataset(key: "${UPE}", asOf: "${moments.afterDelete}") { status version observationCount } }`);
    expect(gone.indicators.map((i: any) => i.key)).not.toContain('test-fixture-upe-district');
    expect(gone.dataset).toEqual({ status: 'PENDING', version: 4, observationCount: 0 });
    const versions = await ok(null, `{ dataset(key: "${UPE}") { versions { version note } } }`);
    expect(versions.dataset.versions).toEqual([
      { version: 1, note: null },
      { version: 2, note: null },
      { version: 3, note: 'TEST FIXTURE: recuento revisado' },
      { version: 4, note: 'TEST FIXTURE: retirada' },
      { version: 5, note: null },
    ]);
  });
});

describe('Dataset.version and updatedAt', () => {
  it('start at 1 when the seed publishes and rise with every change of the figures only', async () => {
    const { datasets } = await ok(null, `{ datasets { key version updatedAt } }`);
    const byKey = Object.fromEntries(datasets.map((d: any) => [d.key, d]));
    expect(byKey[POLICE].version).toBe(2);
    expect(byKey['coordination-spaces-national-2023'].version).toBe(1);
    expect(byKey['trafficking-cases-by-region-2021-2023'].version).toBe(1);
    for (const d of datasets) expect(Date.parse(d.updatedAt)).not.toBeNaN();
    expect(Date.parse(byKey[POLICE].updatedAt)).toBeGreaterThan(Date.parse(moments.seeded!));
    expect(Date.parse(byKey['coordination-spaces-national-2023'].updatedAt)).toBeLessThanOrEqual(Date.parse(moments.seeded!));
  });
});

describe('asOf', () => {
  it('answers each figure as it was published at that moment', async () => {
    const q = (asOf: string) => `{ indicators(asOf: "${asOf}") { key value } dataset(key: "${POLICE}", asOf: "${asOf}") { version updatedAt status observations { key value } } }`;
    const seeded = await ok(null, q(moments.seeded!));
    const corrected = await ok(null, q(moments.afterCorrection!));
    const puno = (d: any) => d.indicators.find((i: any) => i.key === 'police-trained-puno').value;
    expect(puno(seeded)).toBe(420);
    expect(puno(corrected)).toBe(421);
    expect(seeded.dataset.version).toBe(1);
    expect(corrected.dataset.version).toBe(2);
    expect(seeded.dataset.observations.find((o: any) => o.key === 'police-trained-puno').value).toBe(420);
    // Figures published later are not there yet.
    expect(seeded.indicators.map((i: any) => i.key)).not.toContain('test-fixture-upe-district');
    const upe = await ok(null, `{ before: dataset(key: "${UPE}", asOf: "${moments.afterCorrection}") { status version observationCount pendingReason }
      after: dataset(key: "${UPE}", asOf: "${moments.afterUpe}") { status version observations { key displayValue } } }`);
    expect(upe.before).toMatchObject({ status: 'PENDING', version: 1, observationCount: 0 });
    expect(upe.before.pendingReason).toBeTruthy();
    expect(upe.after).toEqual({ status: 'PUBLISHED', version: 2, observations: [{ key: 'test-fixture-upe-district', displayValue: '< 5' }] });
  });

  it('answers the current figures in the same order and shape without asOf, and nothing before the first publication', async () => {
    const later = new Date(Date.now() + 60_000).toISOString();
    const both = await ok(null, `{ now: indicators { key value label } then: indicators(asOf: "${later}") { key value label } }`);
    expect(both.then).toEqual(both.now);
    const before = await ok(null, `{ indicators(asOf: "2000-01-01T00:00:00Z") { key } dataset(key: "${POLICE}", asOf: "2000-01-01T00:00:00Z") { key } }`);
    expect(before).toEqual({ indicators: [], dataset: null });
  });

  it('refuses a moment that is not an ISO 8601 date and time', async () => {
    const r = await server.as(null, `{ indicators(asOf: "ayer") { key } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('ServiceResult.revisions', () => {
  it('lists the results as published, oldest first', async () => {
    const { services } = await ok(null, `{ services { number results { year achieved revisions { change achieved executionRate note version } } } }`);
    const result = services.find((s: any) => s.number === 4).results.find((r: any) => r.year === 2023);
    expect(result.revisions).toEqual([
      { change: 'PUBLISHED', achieved: 825, executionRate: 118.5, note: null, version: 1 },
      { change: 'REVISED', achieved: 826, executionRate: 118.5, note: 'TEST FIXTURE', version: 2 },
    ]);
  });
});

describe('imports', () => {
  it('publish the figures a file changes in one publication, with the --note given', async () => {
    const file = join(tmpdir(), `vigia-revisions-${process.pid}.csv`);
    const exported = await vigia(['export', POLICE, '--format', 'csv'], { DATABASE_URL: server.databaseUrl });
    expect(exported.code).toBe(0);
    writeFileSync(file, exported.stdout.replace(',350,', ',351,').replace(',370,', ',371,'));
    const imported = await vigia(['import', file, '--note', 'TEST FIXTURE: importación'], { DATABASE_URL: server.databaseUrl });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    // The server notices the import (data watch) and reloads: wait for the new version.
    let dataset: any;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      dataset = (await ok(null, `{ dataset(key: "${POLICE}") { version versions { version note } observations { key revisions { change value note } } } }`)).dataset;
      if (dataset.version === 3) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(dataset.version).toBe(3);
    expect(dataset.versions.at(-1)).toEqual({ version: 3, note: 'TEST FIXTURE: importación' });
    const last = (key: string) => dataset.observations.find((o: any) => o.key === key).revisions.at(-1);
    expect(last('police-trained-arequipa')).toEqual({ change: 'REVISED', value: 351, note: 'TEST FIXTURE: importación' });
    expect(last('police-trained-cusco')).toEqual({ change: 'REVISED', value: 371, note: 'TEST FIXTURE: importación' });
    expect(dataset.observations.find((o: any) => o.key === 'police-trained-tacna').revisions).toHaveLength(1);
  }, 60_000);
});

describe('the public note', () => {
  it('is refused when implausible, naming the field, and nothing is written', async () => {
    const before = await server.fingerprint();
    for (const note of ['x'.repeat(1001), 'TEST\u0007FIXTURE', '   ']) {
      const r = await server.as('EDITOR', UPSERT, { input: { key: 'police-trained-puno', value: 999, note } });
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message).toMatch(/^note: /);
    }
    expect(await server.fingerprint()).toBe(before);
  });
});

describe('the history is written whole', () => {
  it('concurrent edits of one dataset each raise its version once, none lost', async () => {
    const before = (await ok(null, `{ dataset(key: "${POLICE}") { version } }`)).dataset.version;
    const keys = ['police-trained-arequipa', 'police-trained-cusco', 'police-trained-tacna', 'police-trained-moquegua', 'police-trained-total'];
    const answers = await Promise.all(
      keys.map((key, i) => server.as(i % 2 ? 'EDITOR' : 'EDITOR2', UPSERT, { input: { key, value: 2000 + i, note: `TEST FIXTURE concurrente ${i}` } })),
    );
    for (const a of answers) expect(a.errors, JSON.stringify(a.errors)).toBeUndefined();
    const { dataset } = await ok(null, `{ dataset(key: "${POLICE}") { version versions { version note } observations { key value revisions { value note } } } }`);
    expect(dataset.version).toBe(before + keys.length);
    expect(dataset.versions.map((v: any) => v.version)).toEqual(Array.from({ length: dataset.version }, (_, i) => i + 1));
    const notes = dataset.versions.slice(-keys.length).map((v: any) => v.note).sort();
    expect(notes).toEqual(keys.map((_, i) => `TEST FIXTURE concurrente ${i}`).sort());
    keys.forEach((key, i) => {
      const figure = dataset.observations.find((o: any) => o.key === key);
      expect(figure.revisions.at(-1)).toEqual({ value: 2000 + i, note: `TEST FIXTURE concurrente ${i}` });
    });
  });

  it('the seed publishes what it changes back, and nothing when it changes nothing', async () => {
    const count = () => server.prisma.publication.count();
    const before = await count();
    // `pnpm db:seed` puts the briefing's figures back over the edits above: one publication.
    await seed(server.prisma, seedData);
    expect(await count()).toBe(before + 1);
    const puno = await server.prisma.observationRevision.findMany({ where: { key: 'police-trained-puno' }, orderBy: { id: 'asc' } });
    expect(puno.map((r) => r.value)).toEqual([420, 421, 420]);
    expect(puno.map((r) => r.version)).toEqual([1, 2, 3]);
    expect((await server.prisma.observation.findUniqueOrThrow({ where: { key: 'police-trained-puno' } })).version).toBe(3);
    // Again: nothing to change, nothing published.
    await seed(server.prisma, seedData);
    expect(await count()).toBe(before + 1);
  });

  it('a database seeded before revisions existed gets its figures published once at start', async () => {
    const dir = join(tmpdir(), `vigia-backfill-${process.pid}-${Date.now()}`);
    const target = resolveDatabaseTarget(`file:${join(dir, 'vigia.db')}`);
    const prisma = createPrismaClient(target);
    try {
      await prepareDatabase(target, prisma);
      const figures = await prisma.observation.count();
      // As an older database: the figures are there, their history is not.
      await prisma.observationRevision.deleteMany();
      await prisma.serviceResultRevision.deleteMany();
      await prisma.datasetVersion.deleteMany();
      await prisma.publication.deleteMany();
      await prepareDatabase(target, prisma);
      expect(await prisma.publication.count()).toBe(1);
      expect(await prisma.observationRevision.count()).toBe(figures);
      expect(await prisma.datasetVersion.count()).toBe(await prisma.dataset.count());
      expect(new Set((await prisma.datasetVersion.findMany()).map((v) => v.version))).toEqual(new Set([1]));
      // And only once.
      await prepareDatabase(target, prisma);
      expect(await prisma.publication.count()).toBe(1);
    } finally {
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
