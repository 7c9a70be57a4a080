/**
 * GET /feeds/changes.atom: an Atom 1.0 feed of the public changes, newest first, one entry per
 * publication, each naming what changed and linking to the dataset's CSV. Checked as XML by a
 * strict parser, read by a feed reader's parser (feedparser), and against RFC 4287's required
 * elements; never who made a change, nothing that is not a figure (an API key), small victim
 * counts still suppressed; cached with an ETag. Values written here are TEST FIXTURES.
 */
import { Readable } from 'node:stream';
import FeedParser from 'feedparser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { FEED_ENTRIES } from '../../packages/server/src/publish/feed.js';
import { startWriteServer, type WriteServer } from '../write/support.js';

let server: WriteServer;
const POLICE = 'police-officers-trained-2021-2023';
const UPE = 'nna-victims-attended-upe-2018-2023';

const ok = async (role: Parameters<WriteServer['as']>[0], query: string) => {
  const r = await server.as(role, query);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
};
const feed = async (query = '', headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}/feeds/changes.atom${query}`, { headers });
  return { res, body: await res.text() };
};

beforeAll(async () => {
  server = await startWriteServer();
  await ok('EDITOR', `mutation { upsertIndicator(input: { key: "police-trained-puno", value: 421, note: "TEST FIXTURE: corrección" }) { changed } }`);
  await ok('EDITOR', `mutation { upsertIndicator(input: { key: "test-fixture-small", datasetKey: "${UPE}", label: "TEST FIXTURE distrito", labelEn: "TEST FIXTURE district", value: 3, scope: DISTRICT, regionCode: "puno", area: "Ananea" }) { changed } }`);
  await ok('EDITOR', `mutation { upsertServiceResult(input: { serviceNumber: 20, year: 2023, achieved: 2606 }) { changed } }`);
  // Not a change of the figures: never in the feed.
  await createKey(server.prisma, { name: 'Clave nueva de prueba', role: 'VIEWER' }, localOperator());
}, 60_000);
afterAll(() => server?.stop());

/** What a feed reader gets out of it. */
async function read(body: string): Promise<{ meta: FeedParser.Meta; items: FeedParser.Item[] }> {
  const parser = new FeedParser({ strict: true });
  const items: FeedParser.Item[] = [];
  let meta: FeedParser.Meta | undefined;
  await new Promise<void>((done, fail) => {
    parser.on('error', fail);
    parser.on('meta', (m: FeedParser.Meta) => (meta = m));
    parser.on('readable', () => {
      for (let item; (item = parser.read()); ) items.push(item);
    });
    parser.on('end', done);
    Readable.from([body]).pipe(parser);
  });
  return { meta: meta!, items };
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link', 'category'].includes(name) });

describe('the change feed', () => {
  it('is well-formed Atom 1.0 with every element RFC 4287 requires', async () => {
    const { res, body } = await feed();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(XMLValidator.validate(body)).toBe(true);
    const doc = xml.parse(body).feed;
    expect(doc['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    // atom:feed: exactly one id, title, updated; an author (or one per entry); a self link.
    for (const element of ['id', 'title', 'updated', 'author']) expect(doc[element], element).toBeDefined();
    expect(doc.link.some((l: any) => l['@rel'] === 'self' && l['@href'] === `${server.url}/feeds/changes.atom`)).toBe(true);
    const ids = new Set<string>();
    for (const entry of doc.entry) {
      // atom:entry: one id (an IRI, unique), title, updated; content or an alternate link.
      expect(String(entry.id)).toMatch(/^tag:127\.0\.0\.1,\d{4}-\d{2}-\d{2}:vigia:publication:\d+$/);
      expect(ids.has(entry.id)).toBe(false);
      ids.add(entry.id);
      expect(entry.title['#text']).toBeTruthy();
      expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
      expect(entry.content['@type']).toBe('html');
      const alternates = entry.link.filter((l: any) => l['@rel'] === 'alternate');
      expect(alternates).toHaveLength(1);
    }
    // Newest first; the feed's updated is its newest entry's.
    const times = doc.entry.map((e: any) => Date.parse(e.updated));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(Date.parse(doc.updated)).toBe(times[0]);
  });

  it('reads in a feed reader: one entry per public change, naming what changed, linking to the CSV', async () => {
    const { body } = await feed();
    const { meta, items } = await read(body);
    expect(meta.title).toBe('Vigía: cambios en los datos');
    // The seed, a correction, a new figure, a service result; not the API key.
    expect(items.map((i) => i.title)).toEqual([
      'Servicio 20 de la Política Nacional: resultado de 2023',
      'NNA víctimas de trata de personas atendidas por las UPE, periodo 2018 - enero 2023: versión 2',
      'Efectivos policiales capacitados en trata de personas por región, periodo 2021-2023: versión 2',
      'Primera publicación de los datos del informe',
    ]);
    const correction = items[2]!;
    expect(correction.description).toContain('Efectivos policiales capacitados en Puno: 420 → 421');
    expect(correction.description).toContain('Nota: TEST FIXTURE: corrección');
    expect(correction.link).toBe(`${server.url}/data/${POLICE}.csv`);
    expect(correction.categories).toEqual([POLICE]);
    const csv = await fetch(correction.link!);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    await csv.arrayBuffer();
    expect(items[1]!.link).toBe(`${server.url}/data/${UPE}.csv`);
    expect(items[0]!.description).toContain(
      'Servicio 20 de la Política Nacional: resultado de 2023: logrado 2605 efectivos PNP capacitados, ejecución 157.5 % → logrado 2606 efectivos PNP capacitados, ejecución 157.5 %',
    );
    expect(items[0]!.link).toMatch(new RegExp(`^${server.url}/graphql\\?query=`));
  });

  it('keeps small victim counts suppressed and never says who made a change', async () => {
    const { body } = await feed();
    expect(body).toContain('TEST FIXTURE distrito: &lt; 5 (publicada)');
    expect(body).not.toMatch(/TEST FIXTURE distrito: 3\b/);
    for (const key of Object.values(server.keys)) expect(body).not.toContain(key.name);
    expect(body).not.toContain('Clave nueva de prueba');
    expect(body).not.toContain('local operator');
  });

  it('speaks English with ?lang=en', async () => {
    const { items, meta } = await read((await feed('?lang=en')).body);
    expect(meta.title).toBe('Vigía: changes to the data');
    expect(items[2]!.description).toContain('Police officers trained in Puno: 420 → 421');
    expect(items[3]!.title).toBe("First publication of the briefing's data");
  });

  it('is cached with an ETag and revalidates with 304', async () => {
    const first = await feed();
    const etag = first.res.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(first.res.headers.get('access-control-allow-origin')).toBe('*');
    const again = await feed('', { 'if-none-match': etag! });
    expect(again.res.status).toBe(304);
    expect(again.body).toBe('');
  });

  it(`holds the newest ${FEED_ENTRIES} changes`, async () => {
    // More publications than the feed holds (written directly: the API would take minutes).
    const dataset = await server.prisma.dataset.findUniqueOrThrow({ where: { key: 'coordination-spaces-national-2023' } });
    for (let i = 0; i < FEED_ENTRIES + 5; i++) {
      const publication = await server.prisma.publication.create({ data: { action: 'test', note: `TEST FIXTURE ${i}` } });
      await server.prisma.datasetVersion.create({ data: { publicationId: publication.id, datasetId: dataset.id, version: 100 + i } });
    }
    // A write through the API makes the server reload what it answers from.
    await ok('EDITOR', `mutation { upsertIndicator(input: { key: "police-trained-puno", value: 422 }) { changed } }`);
    const { items } = await read((await feed()).body);
    expect(items).toHaveLength(FEED_ENTRIES);
    expect(items[0]!.description).toContain('Efectivos policiales capacitados en Puno: 421 → 422');
    expect(items[1]!.description).toContain(`TEST FIXTURE ${FEED_ENTRIES + 4}`);
    expect(items.at(-1)!.description).toContain('TEST FIXTURE 6');
  }, 60_000);
});
