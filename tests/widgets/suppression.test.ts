/**
 * Small victim counts reach a partner page suppressed ("< 5"), never as the number. The
 * observation below is a TEST FIXTURE written straight into this test's own database; the
 * source gives no such figure.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrismaClient, resolveDatabaseTarget } from '@vigia/schema';
import { open, startHarness, text, type Harness } from './support.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const prisma = createPrismaClient(resolveDatabaseTarget(h.api.databaseUrl));
  try {
    const dataset = await prisma.dataset.findUniqueOrThrow({ where: { key: 'nna-victims-attended-upe-2018-2023' } });
    const puno = await prisma.region.findUniqueOrThrow({ where: { slug: 'puno' } });
    await prisma.observation.create({
      data: {
        key: 'test-fixture-upe-district',
        datasetId: dataset.id,
        label: 'Cifra de prueba (fixture)',
        labelEn: 'Test fixture figure',
        value: 3,
        unit: dataset.unit,
        periodStart: new Date('2022-01-01T00:00:00Z'),
        periodEnd: new Date('2022-12-31T00:00:00Z'),
        scope: 'DISTRICT',
        area: 'Desaguadero',
        regionId: puno.id,
        sourceId: dataset.sourceId,
        position: 0,
      },
    });
  } finally {
    await prisma.$disconnect();
  }
});
afterAll(() => h?.close());

it('shows a suppressed count as "< 5" and never the stored number', async () => {
  const tab = await open(h, h.embed('<vigia-indicator key="test-fixture-upe-district"></vigia-indicator><vigia-indicator key="nna-victims-attended-upe-2018-2023"></vigia-indicator>'));
  const single = await text(tab.page, 'vigia-indicator', 0);
  const list = await text(tab.page, 'vigia-indicator', 1);
  expect(single).toContain('< 5');
  expect(list).toContain('< 5');
  // The source note cites "lámina 3" (slide 3); no other 3 may appear.
  for (const shown of [single, list]) expect(shown.replaceAll('lámina 3', '')).not.toMatch(/\b3\b/);
  expect(tab.errors).toEqual([]);
  await tab.context.close();
});
