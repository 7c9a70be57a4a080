/**
 * Embeds over real HTTP (issue #12): each element's embed page with its figures in the HTML, its
 * oEmbed answer, its SVG and PNG; parameters checked; hostile values escaped; caching; and small
 * victim counts suppressed in pages and images alike. Figures expected here are the briefing's
 * (source document, slides 2–9); the suppressed figure is a TEST FIXTURE written in this test's own
 * database through the write path, as an editor would (the source gives no such figure).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, resolveDatabaseTarget } from '@vigia/schema';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { rasterize } from '../../packages/server/src/embed/png.js';
import { gql } from '../helpers/graphql.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let api: TestServer;
let editorKey: string;

beforeAll(async () => {
  api = await startTestServer({ env: { HTTP_CACHE_MAX_AGE_SECONDS: '60' } });
  const prisma = createPrismaClient(resolveDatabaseTarget(api.databaseUrl));
  try {
    const { key } = await createKey(prisma, { name: 'Fixture editor', role: 'EDITOR' }, localOperator());
    editorKey = key;
    const saved = await gql(
      api.graphqlUrl,
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
afterAll(() => api?.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(api.url + path, { headers });
/** The text a reader without JavaScript sees inside the element (tags dropped, entities decoded). */
const fallbackText = (html: string) =>
  (/<main id="vigia-embed">([\s\S]*)<\/main>/.exec(html)?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const svgText = (svg: string) => fallbackText(`<main id="vigia-embed">${svg.replace(/<title[\s\S]*?<\/desc>/, '')}</main>`);
const meta = (html: string, property: string) => new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)">`).exec(html)?.[1];
const SOURCE = 'Problemática de la trata de personas de niñas, niños y adolescentes';

/** Each element, one embed URL, and figures of the source that must be in its page and images. */
const CASES = [
  { element: 'region-card', query: 'region=puno', tag: 'vigia-region-card', figures: ['Puno frente a la trata de personas', '7', 'espacios de coordinación', 'Provinciales 3', '420', 'alta incidencia'] },
  { element: 'coordination-counter', query: 'level=provincial', tag: 'vigia-coordination-counter', figures: ['11', 'provinciales', 'de 23 en total', 'Arequipa, Cusco, Moquegua, Puno y Tacna'] },
  { element: 'services', query: '', tag: 'vigia-services', figures: ['42', 'servicios a cargo de 15 entidades', 'Ministerio del Interior (MININTER)', '11 servicios'] },
  { element: 'indicator', query: 'key=victims-women-share&lang=en', tag: 'vigia-indicator', figures: ['Trafficking victims who were women', '85.3%', '2021–2022', 'Source:'] },
  { element: 'training-chart', query: '', tag: 'vigia-training-chart', figures: ['1,710', 'Puno 420', 'Cusco 370', 'Arequipa 350', 'Tacna 320', 'Moquegua 250'] },
  { element: 'region-map', query: 'metric=coordination-spaces', tag: 'vigia-region-map', figures: ['Espacios de coordinación contra la trata, por región', 'Cusco 8', 'Puno 7', 'Tacna 3'] },
] as const;

describe.each(CASES)('$element', ({ element, query, tag, figures }) => {
  const qs = query ? `?${query}` : '';

  it('embed page: the widget, the figures in the HTML, discovery and social tags', async () => {
    const res = await get(`/embed/${element}${qs}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<${tag}[ >]`));
    // The widgets' current release, under its immutable URL (tests/widgets/serving.test.ts).
    const release = JSON.parse(readFileSync(new URL('../../packages/widgets/dist/release.json', import.meta.url), 'utf8')) as { script: string };
    expect(html).toContain(`<script src="${api.url}/widgets/${release.script}" data-endpoint="${api.url}/graphql" defer></script>`);
    const text = fallbackText(html);
    for (const figure of figures) expect(text).toContain(figure);
    expect(text).toContain(SOURCE);
    const canonical = `${api.url}/embed/${element}${qs}`;
    expect(html).toContain(`<link rel="canonical" href="${canonical.replace(/&/g, '&amp;')}">`);
    expect(html).toContain(`<link rel="alternate" type="application/json+oembed" href="${`${api.url}/oembed?url=${encodeURIComponent(canonical)}&format=json`.replace(/&/g, '&amp;')}"`);
    expect(meta(html, 'og:image')).toBe(`${api.url}/embed/${element}.png${qs}`.replace(/&/g, '&amp;'));
    expect(meta(html, 'og:title')).toBeTruthy();
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(Number(meta(html, 'og:image:height'))).toBeGreaterThanOrEqual(630);
  });

  it('oEmbed: a rich answer whose html is the sized iframe, maxwidth honoured', async () => {
    const url = `${api.url}/embed/${element}${qs}`;
    const res = await get(`/oembed?url=${encodeURIComponent(url)}&format=json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const o = await res.json();
    expect(o).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'Vigía', provider_url: `${api.url}/`, width: 640 });
    expect(o.title).toBeTruthy();
    expect(o.height).toBeGreaterThan(200);
    expect(o.html).toContain(`<iframe src="${url.replace(/&/g, '&amp;')}"`);
    expect(o.html).toContain('data-vigia-embed');
    expect(o.html).toContain('vigia:embed-size');
    expect(o.thumbnail_url).toBe(`${api.url}/embed/${element}.png${qs}`);
    expect(o.thumbnail_width).toBe(1200);
    const narrow = await (await get(`/oembed?url=${encodeURIComponent(url)}&maxwidth=400&maxheight=300`)).json();
    expect(narrow.width).toBe(400);
    expect(narrow.height).toBeLessThanOrEqual(300);
    expect(narrow.html).toContain('max-width:400px');
    if (narrow.thumbnail_url) {
      expect(narrow.thumbnail_width).toBeLessThanOrEqual(400);
      expect(narrow.thumbnail_height).toBeLessThanOrEqual(300);
    }
  });

  it('SVG and PNG: the same graphic with its figures and source, at the asked width', async () => {
    const svgRes = await get(`/embed/${element}.svg${qs}`);
    expect(svgRes.status).toBe(200);
    expect(svgRes.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await svgRes.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1200" height="\d+"/);
    const text = svgText(svg);
    for (const figure of figures) expect(text.replace(/ (\d)/g, ' $1')).toContain(figure.split(' ').at(-1));
    expect(text).toContain('Vigía');

    const png = await get(`/embed/${element}.png${qs}${qs ? '&' : '?'}width=600`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect(bytes.readUInt32BE(16)).toBe(600);
    const svg600 = await (await get(`/embed/${element}.svg${qs}${qs ? '&' : '?'}width=600`)).text();
    expect(bytes.readUInt32BE(20)).toBe(Number(/height="(\d+)"/.exec(svg600)![1]));
    // The PNG is the drawing of that SVG, figures included (resvg is deterministic) …
    expect(bytes.equals(await rasterize(svg600, 600))).toBe(true);
    expect(svgText(svg600)).toContain(figures.at(-1)!.split(' ').at(-1));
    // … and its text is drawn: a PNG with text is far larger than a blank one of the same size.
    expect(bytes.length).toBeGreaterThan(15_000);
  });
});

it('a dataset the source shows only as a chart image reads "data pending", never numbers', async () => {
  for (const [lang, word] of [['es', 'Datos pendientes'], ['en', 'Data pending']] as const) {
    const html = await (await get(`/embed/indicator?key=trafficking-cases-by-region-2021-2023&lang=${lang}`)).text();
    const text = fallbackText(html);
    expect(text).toContain(word);
    const svg = svgText(await (await get(`/embed/indicator.svg?key=trafficking-cases-by-region-2021-2023&lang=${lang}`)).text());
    expect(svg).toContain(word);
    // The only digits are the period, the source's date and slide, and the credit's port.
    for (const shown of [text, svg]) {
      const digits = shown.replace(/2021[–-]2023|(feb\. |Feb )2024|(lámina|slide) 2|127\.0\.0\.1:\d+|Vigía/g, '').match(/\d+/g);
      expect(digits).toBeNull();
    }
  }
});

it('PNG text is drawn with the TTF shipped in an npm package (system fonts are never read)', async () => {
  const svg = await (await get('/embed/region-card.svg?region=puno&width=600')).text();
  const withText = await rasterize(svg, 600);
  const withoutText = await rasterize(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ''), 600);
  expect(withText.equals(withoutText)).toBe(false);
  expect(withText.length - withoutText.length).toBeGreaterThan(10_000);
});

it('a region the source does not detail says so, with no count invented', async () => {
  const html = await (await get('/embed/region-card?region=lima')).text();
  const text = fallbackText(html);
  expect(text).toContain('Lima frente a la trata de personas');
  expect(text).toContain('La fuente no detalla espacios de coordinación para esta región.');
  expect(text).toContain('La fuente no da efectivos policiales capacitados para esta región.');
  expect(text).not.toMatch(/\d/);
  const svg = svgText(await (await get('/embed/region-card.svg?region=lima')).text());
  expect(svg.replace(/127\.0\.0\.1:\d+/, '')).not.toMatch(/\d/);
});

it('suppressed values stay suppressed in pages and images ("< 5", never the stored 3)', async () => {
  for (const path of ['/embed/indicator?key=test-fixture-upe-district', '/embed/indicator?key=nna-victims-attended-upe-2018-2023', '/embed/training-chart?dataset=nna-victims-attended-upe-2018-2023']) {
    const html = await (await get(path)).text();
    const svg = await (await get(path.replace('?', '.svg?'))).text();
    for (const shown of [fallbackText(html), svgText(svg), svg.match(/<desc[^>]*>([\s\S]*?)<\/desc>/)![1]!.replace(/&lt;/g, '<')]) {
      expect(shown).toContain('< 5');
      expect(shown.replace(/lámina 3|127\.0\.0\.1:\d+/g, '')).not.toMatch(/\b3\b/);
    }
    // The PNG is exactly the drawing of that SVG (resvg is deterministic): what it shows is what the SVG says.
    const png = await get(path.replace('?', '.png?'));
    expect(png.status).toBe(200);
    expect(Buffer.from(await png.arrayBuffer()).equals(await rasterize(svg, 1200))).toBe(true);
  }
});

it('a write shows in embeds at once (figures are kept per data version)', async () => {
  const path = '/embed/indicator?key=test-fixture-after-write&lang=en';
  expect((await get(path)).status).toBe(404);
  const saved = await gql(
    api.graphqlUrl,
    'mutation ($input: UpsertIndicatorInput!) { upsertIndicator(input: $input) { indicator { key } } }',
    {
      input: {
        key: 'test-fixture-after-write',
        datasetKey: 'trafficking-victims-profile-2021-2022',
        label: 'Cifra de prueba escrita después (fixture)',
        labelEn: 'Test fixture written later',
        value: 12.5,
        periodStart: '2022-01-01',
        periodEnd: '2022-12-31',
        scope: 'NATIONAL',
      },
    },
    { authorization: `Bearer ${editorKey}` },
  );
  expect(saved.errors).toBeUndefined();
  const res = await get(path);
  expect(res.status).toBe(200);
  const text = fallbackText(await res.text());
  expect(text).toContain('Test fixture written later');
  expect(text).toContain('12.5%');
  expect(svgText(await (await get(path.replace('?', '.svg?'))).text())).toContain('12.5%');
});

it('unknown element or region: a 404 page that says so, every value escaped', async () => {
  const element = await get('/embed/pie-chart');
  expect(element.status).toBe(404);
  expect(fallbackText(await element.text())).toContain('Vigía no tiene un elemento «pie-chart» para insertar.');

  const hostile = '<script>alert(1)</script>"\'';
  const region = await get(`/embed/region-card?region=${encodeURIComponent(hostile)}&lang=en`);
  expect(region.status).toBe(404);
  const html = await region.text();
  expect(html).not.toContain('<script>alert');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;');
  expect(fallbackText(html)).toContain(`Vigía has no region “${hostile}”.`);

  const tagInPath = await get('/embed/%3Cimg%20src%3Dx%3E');
  expect(tagInPath.status).toBe(404);
  expect(await tagInPath.text()).not.toContain('<img');

  expect((await get('/embed/indicator.png?key=no-such-key')).status).toBe(404);
  expect((await get('/embed/region-card.svg?region=atlantis')).status).toBe(404);
});

it('bad parameters: a clear 400', async () => {
  for (const [path, says] of [
    ['/embed/region-card.png?region=puno&width=3&lang=en', 'width must be a whole number of pixels from 320 to 2400'],
    ['/embed/region-card.png?region=puno&width=wide&lang=en', 'width must be'],
    ['/embed/region-card?region=puno&lang=fr', 'lang debe ser uno de: es, en'],
    ['/embed/region-card?lang=en', 'the attribute region is required'],
    ['/embed/coordination-counter?level=county&lang=en', 'level must be one of regional, provincial, district, populated_center'],
    ['/embed/region-map?metric=cases&lang=en', 'metric must be one of'],
    ['/embed/region-card?region=puno&region=cusco&lang=en', 'given 2 times'],
    ['/embed/coordination-counter?national=maybe&lang=en', 'yes/no attribute'],
  ] as const) {
    const res = await get(path);
    expect(res.status, path).toBe(400);
    expect(await res.text(), path).toContain(says);
  }
  // Attributes the widget does not have (utm_… and the like) are ignored, and left out of the canonical URL.
  const html = await (await get('/embed/region-card?region=PUNO&utm_source=x')).text();
  expect(html).toContain(`<link rel="canonical" href="${api.url}/embed/region-card?region=PUNO">`);
});

it('headers: any page may frame it, a strict CSP, cached like the GraphQL GETs with an ETag', async () => {
  const res = await get('/embed/region-card?region=puno');
  expect(res.headers.get('x-frame-options')).toBeNull();
  const csp = res.headers.get('content-security-policy')!;
  expect(csp).toContain('frame-ancestors *');
  expect(csp).toContain("default-src 'none'");
  expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(res.headers.get('cache-control')).toBe('public, max-age=60');
  const etag = res.headers.get('etag')!;
  expect(etag).toMatch(/^"[\w-]+"$/);
  const again = await get('/embed/region-card?region=puno', { 'if-none-match': etag });
  expect(again.status).toBe(304);

  for (const path of ['/embed/region-card.png?region=puno', '/embed/region-card.svg?region=puno', `/oembed?url=${encodeURIComponent(`${api.url}/embed/region-card?region=puno`)}`]) {
    const r = await get(path);
    expect(r.headers.get('cache-control'), path).toBe('public, max-age=60');
    expect(r.headers.get('access-control-allow-origin'), path).toBe('*');
    expect((await get(path, { 'if-none-match': r.headers.get('etag')! })).status, path).toBe(304);
  }
  // Without TRUST_PROXY, X-Forwarded-Proto is not believed.
  const forwarded = await (await get('/embed/region-card?region=puno', { 'x-forwarded-proto': 'https' })).text();
  expect(forwarded).toContain(`<link rel="canonical" href="${api.url}/embed/region-card?region=puno">`);
  const post = await fetch(`${api.url}/embed/region-card?region=puno`, { method: 'POST' });
  expect(post.status).toBe(405);
});

it('oEmbed: unknown URLs 404, XML as the spec writes it, other formats 501', async () => {
  const ours = `${api.url}/embed/region-card?region=puno`;
  for (const url of ['https://example.org/embed/region-card?region=puno', `${api.url}/graphql`, `${api.url}/embed/pie-chart`, `${api.url}/embed/region-card?region=atlantis`, `${api.url}/embed/region-card.png?region=puno`]) {
    const res = await get(`/oembed?url=${encodeURIComponent(url)}`);
    expect(res.status, url).toBe(404);
  }
  expect((await get('/oembed')).status).toBe(400);
  expect((await get(`/oembed?url=${encodeURIComponent(ours)}&maxwidth=-1`)).status).toBe(400);
  expect((await get(`/oembed?url=${encodeURIComponent(ours)}&format=yaml`)).status).toBe(501);

  const xml = await get(`/oembed?url=${encodeURIComponent(ours)}&format=xml`);
  expect(xml.status).toBe(200);
  expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
  const body = await xml.text();
  expect(body).toMatch(/^<\?xml version="1.0" encoding="utf-8" standalone="yes"\?>\n<oembed>/);
  expect(body).toContain('<version>1.0</version><type>rich</type><provider_name>Vigía</provider_name>');
  expect(body).toContain('<html>&lt;iframe src=');
});
