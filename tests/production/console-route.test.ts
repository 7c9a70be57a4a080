/**
 * /console/: the stewards' console's files, served from a build directory (a temp dir here, so
 * the test does not depend on packages/console being built) under a strict Content-Security-Policy
 * — checked as headers, and in Chromium: the console's own module script runs and reaches
 * /graphql, while inline script, eval, other origins and framing are refused.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

let dir: string;
let server: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigia-console-'));
  server = await startTestServer({ consoleDir: join(dir, 'dist') });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init });

/** The policy's directives, by name. */
function directives(csp: string | null): Record<string, string> {
  return Object.fromEntries((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values.join(' ')]));
}

const ASSET = 'index-Bx7k2LmQ.js';

/** What Vite writes: index.html naming a hashed module under assets/. */
function build() {
  mkdirSync(join(dir, 'dist/assets'), { recursive: true });
  writeFileSync(
    join(dir, 'dist/index.html'),
    `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Consola</title>
<script type="module" src="/console/assets/${ASSET}"></script>
<script>window.inlineRan = true;</script></head>
<body><main><h1>Consola de Vigía</h1><p id="out">…</p></main></body></html>`,
  );
  // The module asks the API who it is (connect-src 'self'), and tries what the policy forbids.
  writeFileSync(
    join(dir, 'dist/assets', ASSET),
    `const out = document.getElementById('out');
const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { name } }' }) });
const json = await res.json();
let elsewhere = 'allowed';
try { await fetch('https://example.org/'); } catch { elsewhere = 'blocked'; }
let evaluated = 'allowed';
try { new Function('return 1')(); } catch { evaluated = 'blocked'; }
out.textContent = JSON.stringify({ me: json.data.me, elsewhere, evaluated, inline: Boolean(window.inlineRan) });`,
  );
}

describe('/console/ before the console is built', () => {
  it('answers a clear 404 page (es and en) that says how to build it, under the same policy', async () => {
    const res = await get('/console/');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(directives(res.headers.get('content-security-policy'))['default-src']).toBe("'self'");
    const html = await res.text();
    expect(html).toContain('La consola de Vigía no está instalada');
    expect(html).toContain('The Vigía console is not built');
    expect(html).toContain('pnpm --filter @vigia/console build');
    // Deep links too; and the root's index does not announce it.
    expect((await get('/console/datasets')).status).toBe(404);
    expect((await (await get('/')).json()).console).toBeNull();
  });

  it('redirects /console to /console/', async () => {
    const res = await get('/console');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/console/');
  });
});

describe('/console/ once built (the build appears while the server runs)', () => {
  beforeAll(build);

  it('serves index.html with a strict Content-Security-Policy and the other protective headers', async () => {
    const res = await get('/console/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
    // Nothing may run inline or be evaluated: no 'unsafe-*' anywhere, no other origin.
    expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe|https?:|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    // A new build shows at the next load.
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('etag')).toBeTruthy();
    expect((await (await get('/')).json()).console).toBe('/console/');
  });

  it('caches hashed assets for a year, serves the app for its own paths, and 404s a missing file', async () => {
    const asset = await get(`/console/assets/${ASSET}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-security-policy')).toBeTruthy();

    const deep = await get('/console/keys?tab=revoked');
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<h1>Consola de Vigía</h1>');

    const missing = await get('/console/assets/index-missing1.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    // Never the app's page in place of a missing script.
    expect(await missing.text()).not.toContain('<html');
  });

  it('is read-only: other methods get 405', async () => {
    const res = await get('/console/', { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      });
    });
    afterAll(() => browser?.close());

    it("runs the console's own module and its API calls; refuses inline script, eval and other origins", async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(`${server.url}/console/`);
      await page.waitForFunction(() => document.getElementById('out')?.textContent?.startsWith('{'));
      const result = JSON.parse((await page.textContent('#out'))!);
      expect(result).toEqual({ me: null, elsewhere: 'blocked', evaluated: 'blocked', inline: false });
      expect(violations.some((v) => /inline script/i.test(v))).toBe(true);
      await page.close();
    });

    it('cannot be framed by another page', async () => {
      const page = await browser.newPage();
      const refusals: string[] = [];
      page.on('console', (message) => {
        if (/frame-ancestors/.test(message.text())) refusals.push(message.text());
      });
      await page.setContent(`<iframe src="${server.url}/console/"></iframe>`);
      const frame = await (await page.waitForSelector('iframe')).contentFrame();
      await page.waitForLoadState('load');
      await expect.poll(() => refusals.length).toBeGreaterThan(0);
      // The frame shows the browser's refusal, never the console.
      expect(await frame?.evaluate(() => document.querySelector('h1')?.textContent ?? null).catch(() => null)).not.toBe('Consola de Vigía');
      await page.close();
    });
  });
});
