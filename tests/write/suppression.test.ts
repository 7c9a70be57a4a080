/**
 * Small victim counts are about identifiable children: below the threshold (default 5), a
 * victim count for an area smaller than a region or in a breakdown cell is published as
 * "< 5", never as the number — on every public path (GraphQL, CSV, export). Editors and
 * admins see the stored value. All figures here are TEST FIXTURES, not from the source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportData } from '../../packages/server/src/exchange/export.js';
import { startWriteServer, type WriteServer } from './support.js';

let server: WriteServer;
const DATASET = 'nna-victims-attended-upe-2018-2023';

// TEST FIXTURES (invented values): the only sub-regional and breakdown victim counts in the database.
const FIXTURES = [
  { key: 'test-fixture-upe-district-small', value: 3, scope: 'DISTRICT', regionCode: 'puno', area: 'Ananea', suppressed: true },
  { key: 'test-fixture-upe-district-large', value: 7, scope: 'DISTRICT', regionCode: 'puno', area: 'Juliaca', suppressed: false },
  { key: 'test-fixture-upe-region-small', value: 4, scope: 'REGION', regionCode: 'tacna', suppressed: false },
  { key: 'test-fixture-upe-region-girls', value: 2, scope: 'REGION', regionCode: 'tacna', breakdownDimension: 'sex', breakdownValue: 'female', suppressed: true },
  { key: 'test-fixture-upe-province-zero', value: 0, scope: 'PROVINCE', regionCode: 'cusco', area: 'Quispicanchi', suppressed: true },
];
const SMALL = FIXTURES.filter((f) => f.suppressed);

beforeAll(async () => {
  server = await startWriteServer();
  for (const { suppressed: _s, ...f } of FIXTURES) {
    const r = await server.as('EDITOR', `mutation ($input: UpsertIndicatorInput!) { upsertIndicator(input: $input) { indicator { key } } }`, {
      input: { ...f, datasetKey: DATASET, label: `TEST FIXTURE ${f.key}`, labelEn: `TEST FIXTURE ${f.key}` },
    });
    expect(r.errors).toBeUndefined();
  }
});
afterAll(() => server?.stop());

const FIELDS = 'id key value suppressed displayValue scope area';
const PUBLIC_PATHS = `query ($ids: [ID!]!) {
  indicators { ${FIELDS} }
  one: indicator(key: "test-fixture-upe-district-small") { ${FIELDS} }
  dataset(key: "${DATASET}") { status countsVictims observations { ${FIELDS} } }
  puno: region(code: "puno") { indicators { ${FIELDS} } }
  tacna: region(code: "tacna") { indicators { ${FIELDS} } }
  cusco: region(code: "cusco") { indicators { ${FIELDS} } }
  nodes(ids: $ids) { ... on Indicator { ${FIELDS} } }
}`;

async function ids(): Promise<string[]> {
  const { data } = await server.as('ADMIN', `{ dataset(key: "${DATASET}") { observations { id } } }`);
  return data.dataset.observations.map((o: any) => o.id);
}

/** Every Indicator object anywhere in a response. */
function indicatorsIn(data: unknown): any[] {
  const found: any[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if ('displayValue' in v) found.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk(data);
  return found;
}

describe.each([null, 'VIEWER'] as const)('for %s callers', (role) => {
  it('every GraphQL path gives "< 5" and null, never the number', async () => {
    const res = await server.as(role, PUBLIC_PATHS, { ids: await ids() });
    expect(res.errors).toBeUndefined();
    expect(res.data.dataset).toMatchObject({ status: 'PUBLISHED', countsVictims: true });
    const seen = indicatorsIn(res.data).filter((i) => i.key.startsWith('test-fixture-'));
    // indicators + one + dataset + puno/tacna/cusco + nodes
    expect(seen.length).toBe(5 + 1 + 5 + 5 + 5);
    for (const i of seen) {
      const fixture = FIXTURES.find((f) => f.key === i.key)!;
      if (fixture.suppressed) expect(i, i.key).toMatchObject({ value: null, suppressed: true, displayValue: '< 5' });
      else expect(i, i.key).toMatchObject({ value: fixture.value, suppressed: false, displayValue: String(fixture.value) });
    }
  });

  it('the CSV gives "< 5" in the value column', async () => {
    const headers: Record<string, string> = role ? { authorization: `Bearer ${server.keys[role].key}` } : {};
    const res = await fetch(`${server.url}/data/${DATASET}.csv`, { headers });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\n');
    const header = lines[0]!.split(',');
    for (const f of FIXTURES) {
      const cells = lines.find((l) => l.includes(`,${f.key},`))!.split(',');
      expect(cells[header.indexOf('value')], f.key).toBe(f.suppressed ? '< 5' : String(f.value));
      expect(cells[header.indexOf('suppressed')], f.key).toBe(String(f.suppressed));
    }
  });
});

describe.each(['EDITOR', 'ADMIN'] as const)('for %s callers', (role) => {
  it('GraphQL gives the stored value, still flagged as not public', async () => {
    const res = await server.as(role, PUBLIC_PATHS, { ids: await ids() });
    for (const i of indicatorsIn(res.data).filter((x) => x.key.startsWith('test-fixture-'))) {
      const fixture = FIXTURES.find((f) => f.key === i.key)!;
      expect(i).toMatchObject({ value: fixture.value, suppressed: fixture.suppressed, displayValue: String(fixture.value) });
    }
  });

  it('the CSV gives the stored value, and no shared cache may keep it', async () => {
    const res = await fetch(`${server.url}/data/${DATASET}.csv`, { headers: { authorization: `Bearer ${server.keys[role].key}` } });
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const text = await res.text();
    for (const f of SMALL) expect(text).toContain(`,${f.key},TEST FIXTURE ${f.key},TEST FIXTURE ${f.key},${f.value},`);
    expect(text).not.toContain('< 5');
  });
});

describe('exports', () => {
  it('without an editor key, CSV and JSON exports withhold small counts like the API', async () => {
    const csv = await exportData(server.prisma, 'indicators', 'csv', null);
    for (const f of SMALL) expect(csv).toContain(`,${f.key},TEST FIXTURE ${f.key},TEST FIXTURE ${f.key},< 5,`);
    const json = JSON.parse(await exportData(server.prisma, DATASET, 'json', null));
    for (const f of SMALL) expect(json.rows.find((r: any) => r.key === f.key)).toMatchObject({ value: null, suppressed: true });
    const full = JSON.parse(await exportData(server.prisma, DATASET, 'json', { keyId: 'x', name: 'x', role: 'EDITOR' }));
    for (const f of SMALL) expect(full.rows.find((r: any) => r.key === f.key)).toMatchObject({ value: f.value, suppressed: true });
  });

  it('nothing outside victim datasets is withheld, however small (1 populated-centre space)', async () => {
    const { data } = await server.as(null, '{ indicator(key: "focus-spaces-populated-center") { value suppressed displayValue } }');
    expect(data.indicator).toEqual({ value: 1, suppressed: false, displayValue: '1' });
  });
});

describe('the threshold', () => {
  it('comes from VIGIA_SUPPRESSION_THRESHOLD', async () => {
    process.env.VIGIA_SUPPRESSION_THRESHOLD = '10';
    try {
      const { data } = await server.as(null, '{ indicator(key: "test-fixture-upe-district-large") { value suppressed displayValue } }');
      expect(data.indicator).toEqual({ value: null, suppressed: true, displayValue: '< 10' });
      const csv = await (await fetch(`${server.url}/data/${DATASET}.csv`)).text();
      expect(csv).toMatch(/,test-fixture-upe-district-large,[^\n]*,< 10,/);
    } finally {
      delete process.env.VIGIA_SUPPRESSION_THRESHOLD;
    }
  });
});
