/**
 * How the widget files reach partners (http/widget-files.ts, the release step of the widgets'
 * build): a release under /widgets/v/<hash>/ cached for good, the stable names partners paste
 * cached five minutes and revalidated with a 304, the script within budget as sent, embed pages on
 * the immutable URL, a browser that never downloads unchanged code again, and a rebuild that
 * publishes a new release without taking the previous one away.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { settled, startHarness, text, type Harness } from './support.js';

const widgetsRoot = fileURLToPath(new URL('../../packages/widgets/', import.meta.url));
const dist = (path: string) => join(widgetsRoot, 'dist', path);
const BUDGET = 25_000;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=300';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET over node:http: the bytes exactly as sent (fetch would decompress them and pick its own Accept-Encoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((done, fail) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    })
      .on('error', fail)
      .end();
  });
}

const decode = (a: Answer) => (a.headers['content-encoding'] === 'br' ? brotliDecompressSync(a.body) : a.headers['content-encoding'] === 'gzip' ? gunzipSync(a.body) : a.body);
const releaseOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'release.json'), 'utf8')) as { version: string; script: string };

describe('the built widgets over HTTP', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('serves the release under its content hash as immutable, and it is the very script of the stable name', async () => {
    const { version, script } = releaseOf(dist(''));
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    expect(script).toBe(`v/${version}/vigia-widgets.js`);
    const stable = readFileSync(dist('vigia-widgets.js'));
    expect(readFileSync(dist(script)).equals(stable)).toBe(true);
    for (const encoding of ['br', 'gzip', 'identity']) {
      const answer = await get(`${api.url}/widgets/${script}`, { 'accept-encoding': encoding });
      expect(answer.status, encoding).toBe(200);
      expect(answer.headers['cache-control']).toBe(IMMUTABLE);
      expect(answer.headers['access-control-allow-origin']).toBe('*');
      expect(answer.headers['content-type']).toMatch(/^text\/javascript/);
      expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
      expect(answer.headers['content-encoding']).toBe(encoding === 'identity' ? undefined : encoding);
      expect(decode(answer).equals(stable), encoding).toBe(true);
    }
    // Its source map beside it, immutable too (the script names it relatively).
    const map = await get(`${api.url}/widgets/v/${version}/vigia-widgets.js.map`);
    expect(map.status).toBe(200);
    expect(map.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('serves the stable names for five minutes, then answers a revalidation with 304 and no body', async () => {
    for (const name of ['vigia-widgets.js', '', 'custom-elements.json', 'persisted-operations.json', 'release.json']) {
      for (const encoding of ['br', 'gzip', 'identity']) {
        const first = await get(`${api.url}/widgets/${name}`, { 'accept-encoding': encoding });
        expect(first.status, `${name} ${encoding}`).toBe(200);
        expect(first.headers['cache-control'], name).toBe(SHORT);
        const etag = first.headers.etag as string;
        // A strong ETag, one per representation.
        expect(etag, name).toMatch(/^"[\w-]+"$/);
        const again = await get(`${api.url}/widgets/${name}`, { 'accept-encoding': encoding, 'if-none-match': etag });
        expect(again.status, `${name} ${encoding}`).toBe(304);
        expect(again.body.length).toBe(0);
        expect(again.headers.etag).toBe(etag);
        expect(again.headers['cache-control']).toBe(SHORT);
        expect(again.headers['access-control-allow-origin']).toBe('*');
      }
    }
    const etags = await Promise.all(['br', 'gzip', 'identity'].map(async (e) => (await get(`${api.url}/widgets/vigia-widgets.js`, { 'accept-encoding': e })).headers.etag));
    expect(new Set(etags).size).toBe(3);
    // Another file's ETag is no match.
    const other = (await get(`${api.url}/widgets/custom-elements.json`)).headers.etag as string;
    expect((await get(`${api.url}/widgets/vigia-widgets.js`, { 'if-none-match': other })).status).toBe(200);
  });

  it('sends the script within the 25 kB budget as sent, brotli and gzip alike', async () => {
    const stable = readFileSync(dist('vigia-widgets.js'));
    for (const path of ['vigia-widgets.js', releaseOf(dist('')).script]) {
      for (const encoding of ['br', 'gzip']) {
        const answer = await get(`${api.url}/widgets/${path}`, { 'accept-encoding': `${encoding}` });
        expect(answer.headers['content-encoding']).toBe(encoding);
        expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
        expect(answer.body.length, `${path} ${encoding}: ${answer.body.length} B`).toBeLessThanOrEqual(BUDGET);
        expect(decode(answer).equals(stable)).toBe(true);
      }
    }
    // What a browser on plain http gets (no br there): gzip.
    const chrome = await get(`${api.url}/widgets/vigia-widgets.js`, { 'accept-encoding': 'gzip, deflate' });
    expect(chrome.headers['content-encoding']).toBe('gzip');
  });

  it('answers a file that no release has with a 404 that no cache keeps', async () => {
    const missing = await get(`${api.url}/widgets/v/0123456789abcdef/vigia-widgets.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).not.toBe(IMMUTABLE);
    expect(missing.headers['cache-control'] ?? '').not.toMatch(/max-age=[1-9]/);
    expect((await get(`${api.url}/widgets/../package.json`)).status).toBe(404);
  });

  it('gives embed pages the immutable URL of the current release', async () => {
    const html = (await get(`${api.url}/embed/indicator?key=victims-women-share`)).body.toString();
    expect(html).toContain(`<script src="${api.url}/widgets/${releaseOf(dist('')).script}" data-endpoint="${api.url}/graphql" defer></script>`);
  });
});

describe('in a browser', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Every load of a widget script by the page: its URL and whether it came from the network. */
  async function scriptLoads(url: string) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const loads: { url: string; fromNetwork: boolean }[] = [];
    const cached = new Set<string>();
    cdp.on('Network.requestServedFromCache', (e) => cached.add(e.requestId));
    cdp.on('Network.responseReceived', (e) => {
      if (!/\/widgets\/.*vigia-widgets\.js$/.test(e.response.url)) return;
      const fromCache = e.response.fromDiskCache || cached.has(e.requestId) || (e.response as { fromMemoryCache?: boolean }).fromMemoryCache;
      loads.push({ url: e.response.url, fromNetwork: !fromCache });
    });
    await page.goto(url);
    await settled(page);
    const shown = await text(page, 'vigia-indicator');
    await page.close();
    return { loads, shown };
  }
  let context: Awaited<ReturnType<Harness['browser']['newContext']>>;

  it('renders a partner page from the public /widgets/vigia-widgets.js, and a second page takes the script from the cache', async () => {
    context = await h.browser.newContext();
    const body = '<vigia-indicator key="victims-women-share"></vigia-indicator>';
    const first = await scriptLoads(h.embed(body));
    expect(first.shown).toContain('85.3');
    expect(first.loads).toEqual([{ url: `${h.api.url}/widgets/vigia-widgets.js`, fromNetwork: true }]);
    const second = await scriptLoads(h.embed(`<p>Otra nota</p>${body}`));
    expect(second.shown).toContain('85.3');
    expect(second.loads).toEqual([{ url: `${h.api.url}/widgets/vigia-widgets.js`, fromNetwork: false }]);

    // An embed page loads the immutable release, once.
    const release = releaseOf(dist('')).script;
    const embed = await scriptLoads(`${h.api.url}/embed/indicator?key=victims-women-share`);
    expect(embed.loads).toEqual([{ url: `${h.api.url}/widgets/${release}`, fromNetwork: true }]);
    const embedAgain = await scriptLoads(`${h.api.url}/embed/indicator?key=victims-women-share&lang=en`);
    expect(embedAgain.shown).toContain('85.3');
    expect(embedAgain.loads).toEqual([{ url: `${h.api.url}/widgets/${release}`, fromNetwork: false }]);
    await context.close();
  });
});

// The database plays no part in the build: this runs in the SQLite project only.
describe.skipIf(process.env.VIGIA_TEST_DATABASE === 'postgresql')('a rebuild', () => {
  // A copy of the widgets package (its node_modules linked) that the test may change and rebuild.
  let work: string;
  let pkg: string;
  let built: string;
  let api: TestServer;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'vigia-rebuild-'));
    pkg = join(work, 'packages', 'widgets');
    built = join(pkg, 'dist');
    // The repository's layout around the copy: the root's files and the other packages linked (the
    // build reads the seed data for the gallery), the widgets copied.
    const repo = join(widgetsRoot, '../..');
    mkdirSync(pkg, { recursive: true });
    cpSync(join(repo, 'tsconfig.base.json'), join(work, 'tsconfig.base.json'));
    symlinkSync(join(repo, 'node_modules'), join(work, 'node_modules'));
    for (const other of readdirSync(join(repo, 'packages'))) {
      if (other !== 'widgets') symlinkSync(join(repo, 'packages', other), join(work, 'packages', other));
    }
    for (const entry of readdirSync(widgetsRoot)) {
      if (entry === 'dist' || entry === 'node_modules') continue;
      cpSync(join(widgetsRoot, entry), join(pkg, entry), { recursive: true });
    }
    symlinkSync(join(widgetsRoot, 'node_modules'), join(pkg, 'node_modules'));
    await build();
    api = await startTestServer({ widgetsDir: built });
  }, 180_000);
  afterAll(async () => {
    await api?.close();
    // (rm removes the links, never what they point at.)
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function build() {
    const env = { ...process.env };
    delete env.NODE_ENV; // as `pnpm install` runs it
    await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: pkg, env });
  }

  it('publishes changed code under a new hash that the stable script and embed pages point to, keeping earlier releases', { timeout: 180_000 }, async () => {
    const first = releaseOf(built);
    const stable = `${api.url}/widgets/vigia-widgets.js`;
    const firstEtag = (await get(stable, { 'accept-encoding': 'br' })).headers.etag as string;

    // Unchanged sources: the same release, the same ETag — a browser's revalidation gets a 304.
    await build();
    expect(releaseOf(built)).toEqual(first);
    expect((await get(stable, { 'accept-encoding': 'br', 'if-none-match': firstEtag })).status).toBe(304);

    // Earlier releases, the oldest first (a day apart), to see which ones a new release keeps.
    const earlier = ['0000000000000001', '0000000000000002', '0000000000000003', '0000000000000004', '0000000000000005'];
    earlier.forEach((name, i) => {
      mkdirSync(join(built, 'v', name));
      writeFileSync(join(built, 'v', name, 'vigia-widgets.js'), '');
      const when = new Date(Date.now() - (10 - i) * 86_400_000);
      utimesSync(join(built, 'v', name), when, when);
    });

    // Changed code: a new export in the bundle.
    writeFileSync(join(pkg, 'src/index.ts'), `${readFileSync(join(pkg, 'src/index.ts'), 'utf8')}\nexport const REBUILD_MARK = 'rebuilt by serving.test.ts';\n`);
    await build();
    const second = releaseOf(built);
    expect(second.version).not.toBe(first.version);
    expect(second.script).toBe(`v/${second.version}/vigia-widgets.js`);

    // The stable name now sends the new code: the old ETag no longer matches.
    const now = await get(stable, { 'accept-encoding': 'br', 'if-none-match': firstEtag });
    expect(now.status).toBe(200);
    expect(now.headers.etag).not.toBe(firstEtag);
    expect(decode(now).toString()).toContain('rebuilt by serving.test.ts');
    const release = await get(`${api.url}/widgets/${second.script}`, { 'accept-encoding': 'br' });
    expect(release.headers['cache-control']).toBe(IMMUTABLE);
    expect(decode(release).equals(decode(now))).toBe(true);

    // Embed pages name the new release at once.
    const html = (await get(`${api.url}/embed/region-card?region=puno`)).body.toString();
    expect(html).toContain(`src="${api.url}/widgets/${second.script}"`);

    // A page loaded before the release still finds its files, unchanged.
    const old = await get(`${api.url}/widgets/${first.script}`, { 'accept-encoding': 'br' });
    expect(old.status).toBe(200);
    expect(old.headers['cache-control']).toBe(IMMUTABLE);
    expect(decode(old).toString()).not.toContain('rebuilt by serving.test.ts');

    // Five releases kept: the two real ones and the three newest earlier ones.
    const kept = readdirSync(join(built, 'v')).sort();
    expect(kept).toEqual([...earlier.slice(2), first.version, second.version].sort());
    expect(existsSync(join(built, 'v', earlier[0]!))).toBe(false);
  });
});
