/**
 * Every figure of the February 2024 briefing, asked through the public API over real
 * HTTP. The expected values are written here from the source text itself
 * (shared/seed/000_35f86ff63fcf5180.txt), not from the seed file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data } from '../helpers/graphql.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let q: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>;

beforeAll(async () => {
  server = await startTestServer();
  q = (query, variables) => data(server.graphqlUrl, query, variables);
});
afterAll(() => server?.close());

const SOURCE = 'title publisher publishedOn section slide quote citedWork';
const BRIEFING_TITLE =
  'Problemática de la trata de personas de niñas, niños y adolescentes en las regiones de Arequipa, Cusco, Puno, Tacna y Moquegua';

function expectBriefing(source: any, slide: number) {
  expect(source.title).toBe(BRIEFING_TITLE);
  expect(source.publisher).toMatch(/Ministerio del Interior/);
  expect(source.publishedOn).toBe('2024-02');
  expect(source.slide).toBe(slide);
  expect(source.section.length).toBeGreaterThan(5);
}

describe('regions', () => {
  it('serves all 25 regions with INEI ubigeo codes, in code order', async () => {
    const { regions } = await q(`{ regions { code slug name isFocus highIncidence } }`);
    expect(regions).toHaveLength(25);
    expect(regions.map((r: any) => r.code)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1).padStart(2, '0')));
    const byCode = Object.fromEntries(regions.map((r: any) => [r.code, r]));
    expect(byCode['04'].name).toBe('Arequipa');
    expect(byCode['07'].name).toBe('Callao');
    expect(byCode['08'].name).toBe('Cusco');
    expect(byCode['15'].name).toBe('Lima');
    expect(byCode['18'].name).toBe('Moquegua');
    expect(byCode['21'].name).toBe('Puno');
    expect(byCode['23'].name).toBe('Tacna');
  });

  it('flags the five focus regions and the four of high incidence', async () => {
    const { focus } = await q(`{ focus: regions(focus: true) { slug highIncidence highIncidenceSource { ${SOURCE} } } }`);
    expect(focus.map((r: any) => r.slug)).toEqual(['arequipa', 'cusco', 'moquegua', 'puno', 'tacna']);
    const high = focus.filter((r: any) => r.highIncidence).map((r: any) => r.slug);
    expect(high).toEqual(['arequipa', 'cusco', 'puno', 'tacna']);
    for (const region of focus.filter((r: any) => r.highIncidence)) {
      expectBriefing(region.highIncidenceSource, 2);
      expect(region.highIncidenceSource.quote).toMatch(/Arequipa, Cusco, Puno y Tacna, son regiones de alta incidencia/);
    }
    expect(focus.find((r: any) => r.slug === 'moquegua').highIncidenceSource).toBeNull();
    const { others } = await q(`{ others: regions(focus: false) { isFocus highIncidence } }`);
    expect(others).toHaveLength(20);
    expect(others.every((r: any) => !r.isFocus && !r.highIncidence)).toBe(true);
  });

  it('finds a region by ubigeo code or slug, case-insensitively', async () => {
    const result = await q(`{
      a: region(code: "21") { name } b: region(code: "puno") { name } c: region(code: "PUNO") { name }
      d: region(code: " Puno ") { name } e: region(code: "San Martín") { code } f: region(code: "4") { name }
    }`);
    expect([result.a.name, result.b.name, result.c.name, result.d.name]).toEqual(['Puno', 'Puno', 'Puno', 'Puno']);
    expect(result.e.code).toBe('22');
    expect(result.f.name).toBe('Arequipa');
  });
});

describe('coordination spaces (slide 8)', () => {
  const SUMMARY = 'regional provincial district populatedCenter local total';

  it('counts 5 regional and 18 local spaces in the five regions: 11 provincial, 6 district, 1 populated centre', async () => {
    const { coordinationSpaceSummary: s } = await q(`{ coordinationSpaceSummary { ${SUMMARY} basis source { slide } } }`);
    expect(s).toEqual({ regional: 5, provincial: 11, district: 6, populatedCenter: 1, local: 18, total: 23, basis: 'LISTED', source: { slide: 8 } });
  });

  it('agrees with the totals the source itself states for the five regions', async () => {
    const { dataset } = await q(`{ dataset(key: "coordination-spaces-five-regions") { observations { value breakdown { value } } } }`);
    const reported = Object.fromEntries(dataset.observations.map((o: any) => [o.breakdown.value, o.value]));
    const { coordinationSpaceSummary: s } = await q(`{ coordinationSpaceSummary { ${SUMMARY} } }`);
    expect(reported).toEqual({ regional: 5, local: 18, provincial: 11, district: 6, 'populated-center': 1 });
    expect([s.regional, s.local, s.provincial, s.district, s.populatedCenter]).toEqual([5, 18, 11, 6, 1]);
  });

  it.each([
    ['arequipa', { regional: 1, provincial: 0, district: 1, populatedCenter: 0, local: 1, total: 2 }],
    ['cusco', { regional: 1, provincial: 5, district: 2, populatedCenter: 0, local: 7, total: 8 }],
    ['puno', { regional: 1, provincial: 3, district: 2, populatedCenter: 1, local: 6, total: 7 }],
    ['tacna', { regional: 1, provincial: 1, district: 1, populatedCenter: 0, local: 2, total: 3 }],
    ['moquegua', { regional: 1, provincial: 2, district: 0, populatedCenter: 0, local: 2, total: 3 }],
  ])('counts %s as the source lists it', async (slug, expected) => {
    const result = await q(`query ($c: String!) {
      root: coordinationSpaceSummary(regionCode: $c) { ${SUMMARY} }
      region(code: $c) { coordinationSpaceSummary { ${SUMMARY} } coordinationSpaces(first: 50) { totalCount } }
    }`, { c: slug });
    expect(result.root).toEqual(expected);
    expect(result.region.coordinationSpaceSummary).toEqual(expected);
    expect(result.region.coordinationSpaces.totalCount).toBe(expected.total);
  });

  it('lists each place as the source writes it', async () => {
    const { coordinationSpaces } = await q(`{ coordinationSpaces(first: 100) { totalCount edges { node {
      key level province district locality sourceText note noteEn: note(lang: EN) region { slug } source { ${SOURCE} } } } } }`);
    expect(coordinationSpaces.totalCount).toBe(23);
    const nodes = coordinationSpaces.edges.map((e: any) => e.node);
    const place = (n: any) => `${n.region.slug}|${n.level}|${n.province ?? ''}|${n.district ?? ''}|${n.locality ?? ''}`;
    expect(nodes.map(place)).toEqual([
      'arequipa|REGIONAL|||',
      'arequipa|DISTRICT|Camaná|Cayma|',
      'cusco|REGIONAL|||',
      'cusco|PROVINCIAL|Cusco||',
      'cusco|PROVINCIAL|La Convención||',
      'cusco|PROVINCIAL|Paruro||',
      'cusco|PROVINCIAL|Quispicanchi||',
      'cusco|PROVINCIAL|Urcos||',
      'cusco|DISTRICT|Quispicanchi|Catta|',
      'cusco|DISTRICT|Canchis|Pitumarca|',
      'puno|REGIONAL|||',
      'puno|PROVINCIAL|Puno||',
      'puno|PROVINCIAL|San Román||Juliaca',
      'puno|PROVINCIAL|San Antonio de Putina||',
      'puno|DISTRICT|San Román|San Miguel|',
      'puno|DISTRICT|Chucuito|Desaguadero|',
      'puno|POPULATED_CENTER|||La Rinconada',
      'tacna|REGIONAL|||',
      'tacna|PROVINCIAL|Candarave||',
      'tacna|DISTRICT||Pocollay|',
      'moquegua|REGIONAL|||',
      'moquegua|PROVINCIAL|Ilo||',
      'moquegua|PROVINCIAL|Sánchez Cerro||',
    ]);
    for (const n of nodes) expectBriefing(n.source, 8);
    const byKey = Object.fromEntries(nodes.map((n: any) => [n.key, n]));
    expect(byKey['arequipa-cayma'].note).toMatch(/Camaná/);
    expect(byKey['arequipa-cayma'].sourceText).toBe('01 distrital en Cayma (provincia de Camaná)');
    expect(byKey['cusco-catta'].note).toMatch(/Catta/);
    expect(byKey['cusco-urcos'].note).toMatch(/capital de la provincia de Quispicanchi/);
    expect(byKey['cusco-urcos'].noteEn).toMatch(/capital of Quispicanchi/);
    expect(byKey['puno-la-rinconada'].sourceText).toBe('01 en el centro poblado La Rinconada');
  });

  it('reports the national totals as the source does: 25 regional, 90 local (55 provincial, 35 district)', async () => {
    const { nationalCoordinationTotals: n } = await q(`{ nationalCoordinationTotals {
      regional provincial district populatedCenter local total basis note(lang: EN) source { ${SOURCE} } } }`);
    expect(n).toMatchObject({ regional: 25, local: 90, provincial: 55, district: 35, populatedCenter: 0, total: 115, basis: 'REPORTED' });
    expect(n.note).toMatch(/no populated-centre figure/);
    expectBriefing(n.source, 7);
  });
});

describe('the national policy (slides 4–7)', () => {
  it('gives the decree, date, horizon, public problem and counts', async () => {
    const { policy } = await q(`{ policy {
      name nameEn: name(lang: EN) decree approvedOn horizonYear publicProblem serviceCount entityCount operationalActivityCount
      source { ${SOURCE} } } }`);
    expect(policy).toMatchObject({
      name: 'Política Nacional frente a la Trata de Personas y sus formas de explotación al 2030',
      decree: 'Decreto Supremo N° 009-2021-IN',
      approvedOn: '2021-07-27',
      horizonYear: 2030,
      publicProblem: 'Persistencia de la victimización por trata de personas',
      serviceCount: 42,
      entityCount: 15,
      operationalActivityCount: 1,
    });
    expect(policy.nameEn).toMatch(/^National Policy against Trafficking in Persons/);
    expectBriefing(policy.source, 4);
  });

  it('has its three priority objectives', async () => {
    const { policy } = await q(`{ policy { objectives { number title focus en: title(lang: EN) } } }`);
    expect(policy.objectives.map((o: any) => o.number)).toEqual([1, 2, 3]);
    expect(policy.objectives[0].title).toMatch(/^Ampliar la vigilancia preventiva/);
    expect(policy.objectives[1].title).toMatch(/persecución, sanción penal y fiscalización/);
    expect(policy.objectives[2].title).toMatch(/reintegración de las víctimas/);
    expect(policy.objectives.map((o: any) => o.focus)).toEqual(['preventiva', 'persecución, sanción penal y fiscalización', 'reintegración']);
    expect(policy.objectives[2].en).toMatch(/reintegration/);
  });

  it('has 42 services across 15 entities: 11 sectors and 4 autonomous bodies', async () => {
    const { entities, sectors, autonomous } = await q(`{
      entities { acronym kind serviceCount operationalActivityCount units { name acronym } source { slide } }
      sectors: entities(kind: SECTOR) { acronym serviceCount }
      autonomous: entities(kind: AUTONOMOUS_BODY) { acronym serviceCount }
    }`);
    expect(entities).toHaveLength(15);
    expect(sectors).toHaveLength(11);
    expect(autonomous).toHaveLength(4);
    const count = Object.fromEntries(entities.map((e: any) => [e.acronym, e.serviceCount]));
    expect(count).toEqual({
      MININTER: 11, MIMP: 6, MINSA: 2, RREE: 3, MINJUSDH: 1, MTPE: 4, MTC: 2, MINEDU: 1, MINEM: 1, MIDAGRI: 1, MINCUL: 1,
      PJ: 1, MPFN: 7, RENIEC: 1, INEI: 0,
    });
    expect(sectors.reduce((s: number, e: any) => s + e.serviceCount, 0)).toBe(33);
    expect(autonomous.reduce((s: number, e: any) => s + e.serviceCount, 0)).toBe(9);
    expect(entities.reduce((s: number, e: any) => s + e.serviceCount, 0)).toBe(42);
    const inei = entities.find((e: any) => e.acronym === 'INEI');
    expect(inei).toMatchObject({ kind: 'AUTONOMOUS_BODY', serviceCount: 0, operationalActivityCount: 1 });
    const units = (acronym: string) => entities.find((e: any) => e.acronym === acronym).units.map((u: any) => u.acronym ?? u.name);
    expect(units('MININTER')).toEqual(['Sede Central', 'MIGRACIONES', 'DIRCTPTIM']);
    expect(units('MTPE')).toEqual(['SUNAFIL']);
    expect(units('MTC')).toEqual(['SUTRAN']);
    expect(units('MIDAGRI')).toEqual(['SERFOR']);
    expect(entities.every((e: any) => e.source.slide === 6)).toBe(true);
  });

  it('details service 4 (825 technical assistance sessions, 118.5 %) and service 20 (2 605 officers, 157.5 %) in 2023', async () => {
    const { services } = await q(`{ services { number name entity { acronym } results { year achieved unit executionRate source { ${SOURCE} } } } }`);
    expect(services.map((s: any) => s.number)).toEqual([4, 20]);
    const [s4, s20] = services;
    expect(s4.name).toMatch(/^Asistencia técnica para la creación y fortalecimiento de las capacidades/);
    expect(s4.results).toHaveLength(1);
    expect(s4.results[0]).toMatchObject({ year: 2023, achieved: 825, unit: 'asistencias técnicas', executionRate: 118.5 });
    expect(s20.name).toMatch(/^Fortalecimiento de capacidades del personal policial/);
    expect(s20.results[0]).toMatchObject({ year: 2023, achieved: 2605, unit: 'efectivos PNP capacitados', executionRate: 157.5 });
    for (const s of services) {
      expect(s.entity.acronym).toBe('MININTER');
      expectBriefing(s.results[0].source, 7);
    }
  });
});

describe('statistics', () => {
  const INDICATOR = `key value unit periodStart periodEnd scope region { slug } breakdown { dimension value } base(lang: EN) source { ${SOURCE} }`;

  it('gives the INEI figures: 85.3 % of victims were women, 36.6 % of them under 18, in 2021–2022', async () => {
    const { women, minors } = await q(`{ women: indicator(key: "victims-women-share") { ${INDICATOR} label(lang: EN) }
      minors: indicator(key: "women-victims-minors-share") { ${INDICATOR} } }`);
    expect(women).toMatchObject({ value: 85.3, unit: '%', periodStart: '2021-01-01', periodEnd: '2022-12-31', scope: 'NATIONAL', region: null });
    expect(women.breakdown).toEqual({ dimension: 'sex', value: 'female' });
    expect(minors).toMatchObject({ value: 36.6, unit: '%', periodStart: '2021-01-01', periodEnd: '2022-12-31' });
    expect(minors.breakdown).toEqual({ dimension: 'age', value: 'under-18' });
    expect(minors.base).toBe('women trafficking victims');
    for (const figure of [women, minors]) {
      expectBriefing(figure.source, 3);
      expect(figure.source.citedWork).toMatch(/INEI.*Estadísticas de Trata de Personas 2018 – 2022/);
      expect(figure.source.quote).toMatch(/85,3%.*36,6%/);
    }
  });

  it('gives the police officers trained by region in 2021–2023: 350, 370, 420, 320, 250; 1 710 in all', async () => {
    const { regions, total } = await q(`{
      regions(focus: true) { slug policeTrained { ${INDICATOR} } }
      total: indicator(key: "police-trained-total") { ${INDICATOR} }
    }`);
    const trained = Object.fromEntries(regions.map((r: any) => [r.slug, r.policeTrained.value]));
    expect(trained).toEqual({ arequipa: 350, cusco: 370, puno: 420, tacna: 320, moquegua: 250 });
    expect(total).toMatchObject({ value: 1710, scope: 'FOCUS_REGIONS', region: null, periodStart: '2021-01-01', periodEnd: '2023-12-31' });
    expect(Object.values(trained).reduce((a: number, b: any) => a + b, 0)).toBe(total.value);
    for (const r of regions) {
      expect(r.policeTrained).toMatchObject({ unit: 'efectivos policiales', scope: 'REGION', region: { slug: r.slug } });
      expectBriefing(r.policeTrained.source, 9);
    }
    const { lima } = await q(`{ lima: region(code: "lima") { policeTrained { value } indicators { key } } }`);
    expect(lima).toEqual({ policeTrained: null, indicators: [] });
  });

  it('lists the region\'s figures under indicators(regionCode)', async () => {
    const { indicators } = await q(`{ indicators(regionCode: "23") { key value } }`);
    expect(indicators).toEqual([{ key: 'police-trained-tacna', value: 320 }]);
  });

  it('reports the two chart-only datasets as pending, with no numbers', async () => {
    const { datasets } = await q(`{ datasets { key status observationCount pendingReason(lang: EN) periodStart periodEnd observations { value } source { slide } } }`);
    const pending = datasets.filter((d: any) => d.status === 'PENDING');
    expect(pending.map((d: any) => d.key)).toEqual(['trafficking-cases-by-region-2021-2023', 'nna-victims-attended-upe-2018-2023']);
    for (const d of pending) {
      expect(d.observationCount).toBe(0);
      expect(d.observations).toEqual([]);
      expect(d.pendingReason).toMatch(/only as a chart/);
    }
    expect(pending[0]).toMatchObject({ periodStart: '2021-01-01', periodEnd: '2023-12-31', source: { slide: 2 } });
    expect(pending[1]).toMatchObject({ periodStart: '2018-01-01', periodEnd: '2023-01-31', source: { slide: 3 } });
    const published = datasets.filter((d: any) => d.status === 'PUBLISHED');
    expect(published.every((d: any) => d.pendingReason === null && d.observationCount > 0)).toBe(true);
  });

  it('gives the associated illegal and informal activities as data', async () => {
    const { associatedActivities } = await q(`{ associatedActivities { key name en: name(lang: EN) source { slide } } }`);
    expect(associatedActivities.map((a: any) => a.name)).toEqual([
      'Minería informal', 'Prostitución forzada', 'Trabajo infantil', 'Bares y prostíbulos clandestinos', 'Migración irregular',
    ]);
    expect(associatedActivities.every((a: any) => a.source.slide === 2)).toBe(true);
  });

  it('names the two police courses', async () => {
    const { trainingCourses } = await q(`{ trainingCourses { name audience modality source { slide } } }`);
    expect(trainingCourses).toHaveLength(2);
    expect(trainingCourses[0]).toMatchObject({ modality: 'virtual', audience: 'Personal policial de comisarías' });
    expect(trainingCourses[0].name).toMatch(/^Trata de Personas, Personas Desaparecidas y Delitos informáticos/);
    expect(trainingCourses[1].name).toMatch(/^Cursillo para la Aplicación de la Guía Operativa/);
    expect(trainingCourses[1].modality).toBeNull();
  });

  it('gives every indicator a source and English labels on request', async () => {
    const { indicators } = await q(`{ indicators { key label en: label(lang: EN) source { title section } } }`);
    expect(indicators.length).toBe(17);
    for (const i of indicators) {
      expect(i.source.title).toBe(BRIEFING_TITLE);
      expect(i.en).not.toBe(i.label);
    }
  });
});
