/**
 * Small victim counts reach a partner page suppressed ("< 5"), never as the number. The
 * figure below is a TEST FIXTURE entered into this test's own database through the write
 * path, as an editor would; the source gives no such figure.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrismaClient, resolveDatabaseTarget } from '@vigia/schema';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { gql } from '../helpers/graphql.js';
import { open, startHarness, text, type Harness } from './support.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const prisma = createPrismaClient(resolveDatabaseTarget(h.api.databaseUrl));
  try {
    const { key } = await createKey(prisma, { name: 'Fixture editor', role: 'EDITOR' }, localOperator());
    const saved = await gql(
      h.api.graphqlUrl,
      'mutation ($input: UpsertIndicatorInput!) { upsertIndicator(input: $input) { indicator { key } } }',
      {
        input: {
          key: 'test-fixture-upe-district',
          datasetKey: 'nna-victims-attended-upe-2018-2023',
          label: 'Cifra de prueba (fixture)',
          labelEn: 'Test fixture figure',
          value: 3,
          periodStart: '2022-01-01',
          periodEnd: '2022-12-31',
          scope: 'DISTRICT',
          regionCode: 'puno',
          area: 'Desaguadero',
        },
      },
      { authorization: `Bearer ${key}` },
    );
    expect(saved.errors).toBeUndefined();
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
