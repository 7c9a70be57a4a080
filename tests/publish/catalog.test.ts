/**
 * GET /catalog.jsonld: a W3C DCAT catalogue (DCAT-AP 3 properties) in JSON-LD, expanded by a
 * JSON-LD processor (jsonld) whose document loader refuses every fetch — the context is inline —
 * with every dataset's titles and descriptions in Spanish and English, publisher, issued and
 * modified, temporal and spatial coverage, keywords, version and a CSV distribution that answers
 * 200 text/csv. A licence only when DATA_LICENSE_URL is set.
 */
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../packages/server/src/publish/catalog.js';
import { loadSnapshot } from '../../packages/server/src/read-model/snapshot.js';
import { startWriteServer, type WriteServer } from '../write/support.js';

let server: WriteServer;
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** Expands without the network: any attempt to load a document fails the test. */
const offline = { documentLoader: async (url: string) => Promise.reject(new Error(`the catalogue made the processor fetch ${url}`)) };
type Node = Record<string, any>;

let raw: Record<string, unknown>;
let expanded: Node[];
let etag: string | null;

beforeAll(async () => {
  server = await startWriteServer();
  const res = await fetch(`${server.url}/catalog.jsonld`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
  expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
  etag = res.headers.get('etag');
  raw = await res.json();
  expanded = (await jsonld.expand(raw as never, offline as never)) as unknown as Node[];
}, 60_000);
afterAll(() => server?.stop());

const values = (node: Node, property: string) => (node[property] ?? []) as Node[];
const datasetsOf = (nodes: Node[]) => values(nodes[0]!, `${DCAT}dataset`);

describe('the DCAT catalogue', () => {
  it('expands offline to one dcat:Catalog with every dataset', async () => {
    expect(expanded).toHaveLength(1);
    expect(expanded[0]!['@type']).toEqual([`${DCAT}Catalog`]);
    const keys = (await server.prisma.dataset.findMany({ orderBy: { position: 'asc' } })).map((d) => d.key);
    const datasets = datasetsOf(expanded);
    expect(datasets.map((d) => values(d, `${DCT}identifier`)[0]!['@value'])).toEqual(keys);
    for (const d of datasets) expect(d['@type']).toEqual([`${DCAT}Dataset`]);
  });

  it('describes every dataset as DCAT-AP asks', () => {
    for (const d of datasetsOf(expanded)) {
      const key = values(d, `${DCT}identifier`)[0]!['@value'];
      for (const property of [`${DCT}title`, `${DCT}description`]) {
        expect(values(d, property).map((v) => v['@language']).sort(), `${key} ${property}`).toEqual(['en', 'es']);
        for (const v of values(d, property)) expect(v['@value'].length).toBeGreaterThan(3);
      }
      expect(values(d, `${DCT}publisher`)[0]!['@id']).toBe(`${server.url}/#vigia`);
      expect(values(d, `${DCT}creator`).map((c) => values(c, `${FOAF}name`)[0]!['@value'])).toEqual([
        'Ministerio del Interior — Dirección General de Seguridad Democrática',
      ]);
      for (const property of [`${DCT}issued`, `${DCT}modified`]) {
        const [v] = values(d, property);
        expect(v!['@type'], `${key} ${property}`).toBe(`${XSD}dateTime`);
        expect(Number.isNaN(Date.parse(v!['@value']))).toBe(false);
      }
      const [temporal] = values(d, `${DCT}temporal`);
      expect(temporal!['@type']).toEqual([`${DCT}PeriodOfTime`]);
      expect(values(temporal!, `${DCAT}startDate`)[0]).toMatchObject({ '@type': `${XSD}date` });
      expect(values(temporal!, `${DCAT}endDate`)[0]!['@value']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(values(d, `${DCT}spatial`)[0]!['@id']).toBe('http://publications.europa.eu/resource/authority/country/PER');
      expect(values(d, `${DCAT}keyword`).map((k) => k['@language'])).toEqual(expect.arrayContaining(['es', 'en']));
      expect(values(d, `${DCAT}version`)[0]!['@value']).toBe('1');
      const [source] = values(d, `${DCT}source`);
      expect(values(source!, `${DCT}title`)[0]!['@value']).toBe(
        'Problemática de la trata de personas de niñas, niños y adolescentes en las regiones de Arequipa, Cusco, Puno, Tacna y Moquegua',
      );
      expect(values(source!, `${DCT}issued`)[0]).toEqual({ '@value': '2024-02', '@type': `${XSD}gYearMonth` });
      const [distribution] = values(d, `${DCAT}distribution`);
      expect(distribution!['@type']).toEqual([`${DCAT}Distribution`]);
      expect(values(distribution!, `${DCAT}downloadURL`)).toEqual([{ '@id': `${server.url}/data/${key}.csv` }]);
      expect(values(distribution!, `${DCAT}mediaType`)).toEqual([{ '@id': 'https://www.iana.org/assignments/media-types/text/csv' }]);
      // No licence is invented.
      expect(distribution![`${DCT}license`]).toBeUndefined();
    }
  });

  it('names the regions a dataset covers', () => {
    const police = datasetsOf(expanded).find((d) => values(d, `${DCT}identifier`)[0]!['@value'] === 'police-officers-trained-2021-2023')!;
    const places = values(police, `${DCT}spatial`).slice(1).map((p) => values(p, 'http://www.w3.org/2004/02/skos/core#prefLabel')[0]!['@value']);
    expect(places).toEqual(['Arequipa', 'Cusco', 'Moquegua', 'Puno', 'Tacna']);
  });

  it('links distributions that answer 200 text/csv', async () => {
    for (const d of datasetsOf(expanded)) {
      const url = values(values(d, `${DCAT}distribution`)[0]!, `${DCAT}downloadURL`)[0]!['@id'];
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toMatch(/^text\/csv\b/);
      expect((await res.text()).split('\n')[0]).toMatch(/^dataset,key,/);
    }
  });

  it('follows the data: a change raises the version and modified date; the ETag changes with it', async () => {
    const r = await server.as('EDITOR', `mutation { upsertIndicator(input: { key: "police-trained-cusco", value: 371, note: "TEST FIXTURE" }) { changed } }`);
    expect(r.errors).toBeUndefined();
    const res = await fetch(`${server.url}/catalog.jsonld`, { headers: { 'if-none-match': etag! } });
    expect(res.status).toBe(200);
    const after = (await jsonld.expand(await res.json(), offline as never)) as unknown as Node[];
    const police = datasetsOf(after).find((d) => values(d, `${DCT}identifier`)[0]!['@value'] === 'police-officers-trained-2021-2023')!;
    expect(values(police, `${DCAT}version`)[0]!['@value']).toBe('2');
    expect(Date.parse(values(police, `${DCT}modified`)[0]!['@value'])).toBeGreaterThan(Date.parse(values(police, `${DCT}issued`)[0]!['@value']));
    const unchanged = await fetch(`${server.url}/catalog.jsonld`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(unchanged.status).toBe(304);
  });

  it('names a licence only when the operator configures one', async () => {
    const data = await loadSnapshot(server.prisma, server.databaseUrl.startsWith('postgres') ? 'postgresql' : 'sqlite');
    const licensed = (await jsonld.expand(catalog(data, { base: 'https://vigia.example.org', licenseUrl: 'https://creativecommons.org/licenses/by/4.0/' }) as never, offline as never)) as unknown as Node[];
    for (const d of datasetsOf(licensed)) {
      expect(values(values(d, `${DCAT}distribution`)[0]!, `${DCT}license`)).toEqual([{ '@id': 'https://creativecommons.org/licenses/by/4.0/' }]);
    }
    expect(JSON.stringify(expanded)).not.toContain(`${DCT}license`);
  });
});
