/**
 * The embed builder at /widgets/ in a real browser (Debian's Chromium) against the real server:
 * a partner picks a widget, a region, the language and the theme; the live preview shows the
 * figures; each snippet is copied from the page (clipboard and on-screen confirmation) and then
 * shown to work — the iframe snippet on a page of another origin, sized to its content; the script
 * snippet rendering the element; the images answering PNG and SVG; the oEmbed URL answering JSON.
 * Every value the builder offers is one the server accepts; behind a proxy the snippets name the
 * address the page was loaded from; the words follow the page's language switch; a server that
 * accepts only persisted operations still gets a working builder.
 * Screenshots go to $VIGIA_BUILDER_SHOTS (default: the system's temp folder, vigia-builder-shots/).
 */
import { mkdirSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELEMENTS } from '../../packages/server/src/embed/params.js';
import { startTestServer } from '../helpers/server.js';
import { axe, startHarness, type Harness } from '../widgets/support.js';

let h: Harness;
const shots = process.env.VIGIA_BUILDER_SHOTS ?? join(tmpdir(), 'vigia-builder-shots');
const SNIPPETS = ['script', 'iframe', 'link', 'oembed', 'png', 'svg'] as const;

beforeAll(async () => {
  h = await startHarness();
  mkdirSync(shots, { recursive: true });
});
afterAll(() => h?.close());

async function gql<T>(query: string): Promise<T> {
  const res = await fetch(h.api.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function openBuilder(url: string, options: { width?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await h.browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.colorScheme ?? 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  return { context, page, errors };
}

/** The text of each snippet once the builder has them for its current choices (the iframe's from /oembed). */
async function snippets(page: Page): Promise<Record<(typeof SNIPPETS)[number], string>> {
  await page.waitForFunction(() => [...document.querySelectorAll('.snippet')].length === 6 && [...document.querySelectorAll('.snippet')].every((s) => (s as HTMLElement).dataset['state'] === 'ready'));
  const out = {} as Record<(typeof SNIPPETS)[number], string>;
  for (const id of SNIPPETS) out[id] = (await page.locator(`#snippet-${id}`).textContent()) ?? '';
  return out;
}

/** Waits until the preview is `tag` with these attributes, loaded, and returns its rendered text. */
async function previewText(page: Page, tag: string, attrs: Record<string, string>): Promise<string> {
  await page.waitForFunction(
    ([t, a]) => {
      const el = document.querySelector('#builder-preview > *');
      return (
        el?.localName === t &&
        Object.entries(a).every(([k, v]) => el.getAttribute(k) === v) &&
        !!el.shadowRoot?.querySelector('article[aria-busy="false"]')
      );
    },
    [tag, attrs] as const,
  );
  return page.evaluate(() => (document.querySelector('#builder-preview > *')!.shadowRoot!.querySelector('article') as HTMLElement).innerText.replace(/\s+/g, ' '));
}

/** The live widget inside an embed frame has its data (its shadow root shows `figure`). */
async function frameWidgetShows(frame: Frame, figure: string): Promise<void> {
  await frame.waitForFunction((f) => {
    const el = document.querySelector('#vigia-embed > *');
    return !!el?.shadowRoot?.querySelector('article[aria-busy="false"]') && (el.shadowRoot.textContent ?? '').includes(f);
  }, figure);
}

describe('the embed builder at /widgets/', () => {
  it('makes an embed: pick widget, region, language and theme; the preview shows the figures; each snippet copied works', { timeout: 120_000 }, async () => {
    const expected = await gql<{ region: { name: string; coordinationSpaceSummary: { total: number }; policeTrained: { displayValue: string } } }>(
      '{ region(code: "cusco") { name coordinationSpaceSummary { total } policeTrained { displayValue } } }',
    );
    const figures = [expected.region.policeTrained.displayValue, String(expected.region.coordinationSpaceSummary.total)];
    const { context, page, errors } = await openBuilder(`${h.api.url}/widgets/`);
    try {
      await page.getByRole('radio', { name: /Ficha de una región/ }).check();
      await page.getByLabel('Región', { exact: true }).selectOption({ label: expected.region.name });
      await page.getByRole('radio', { name: 'English' }).check();
      await page.getByRole('radio', { name: 'Oscuro' }).check();

      // The live preview: the element itself, with the chosen attributes and the API's figures.
      const shown = await previewText(page, 'vigia-region-card', { region: 'cusco', lang: 'en', theme: 'dark' });
      expect(shown).toContain('Cusco');
      expect(shown).toMatch(/police officers trained/i);
      for (const figure of figures) expect(shown).toContain(figure);

      const s = await snippets(page);
      const link = `${h.api.url}/embed/region-card?region=cusco&lang=en&theme=dark`;
      expect(s.link).toBe(link);
      expect(s.oembed).toBe(`${h.api.url}/oembed?url=${encodeURIComponent(link)}&format=json`);
      expect(s.png).toBe(`${h.api.url}/embed/region-card.png?region=cusco&lang=en&theme=dark`);
      expect(s.svg).toBe(`${h.api.url}/embed/region-card.svg?region=cusco&lang=en&theme=dark`);
      expect(s.script.split('\n')[0]).toBe(`<script src="${h.api.url}/widgets/vigia-widgets.js" data-endpoint="${h.api.url}/graphql"></script>`);
      expect(s.script).toContain('<vigia-region-card region="cusco" lang="en" theme="dark">');

      // Copy each: the clipboard holds the snippet as shown, "Copied" appears beside the button,
      // and the status message says what was copied. Half of them by keyboard.
      for (const [i, id] of SNIPPETS.entries()) {
        const button = page.locator(`.snippet[data-snippet="${id}"] button.copy`);
        if (i % 2) {
          await button.focus();
          await page.keyboard.press(i % 4 === 1 ? 'Enter' : 'Space');
        } else {
          await button.click();
        }
        await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(s[id]);
        await expect.poll(() => button.getAttribute('data-copied')).toBe('');
        expect(await page.locator(`.snippet[data-snippet="${id}"] .copied`).isVisible()).toBe(true);
        const title = (await page.locator(`#snippet-${id}-title`).textContent())!;
        await expect.poll(() => page.locator('#copy-status').textContent()).toBe(`Copiado: ${title}.`);
      }

      // (2) The iframe snippet is the server's own: what /oembed answers for this embed page.
      const oembed = await fetch(s.oembed);
      expect(oembed.status).toBe(200);
      expect(oembed.headers.get('content-type')).toMatch(/^application\/json/);
      const answer = (await oembed.json()) as { version: string; type: string; html: string; title: string };
      expect(answer).toMatchObject({ version: '1.0', type: 'rich' });
      expect(s.iframe).toBe(answer.html);
      expect(s.script).toContain(`>${answer.title}</a>`);

      // (4) The images.
      const png = await fetch(s.png);
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect([...new Uint8Array(await png.arrayBuffer()).slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const svg = await fetch(s.svg);
      expect(svg.status).toBe(200);
      expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      const svgText = await svg.text();
      for (const figure of figures) expect(svgText).toContain(figure);

      // The builder itself: accessible, no console errors.
      expect(await axe(page)).toEqual([]);
      expect(errors).toEqual([]);

      // The iframe snippet pasted into a page of another origin: the figures, sized to its content.
      for (const width of [360, 1280]) {
        const partner = await h.browser.newContext({ viewport: { width, height: 800 } });
        try {
          const p = await partner.newPage();
          await p.goto(h.partnerPage(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Partner</title></head>
<body style="margin:0"><main style="max-width:720px;margin:0 auto;padding:16px"><p>Before.</p>${s.iframe}<p id="after">After.</p></main></body></html>`));
          const frame = (await (await p.waitForSelector('iframe[data-vigia-embed]')).contentFrame())!;
          for (const figure of figures) await frameWidgetShows(frame, figure);
          let last = -1;
          await expect
            .poll(
              async () => {
                const iframe = await p.evaluate(() => document.querySelector('iframe[data-vigia-embed]')!.getBoundingClientRect().height);
                const inner = await frame.evaluate(() => ({
                  content: Math.ceil(document.getElementById('vigia-embed')!.getBoundingClientRect().height),
                  overflow: document.documentElement.scrollHeight - document.documentElement.clientHeight,
                }));
                const ok = Math.abs(iframe - inner.content) <= 1 && inner.overflow <= 0 && iframe === last;
                last = iframe;
                return ok;
              },
              { timeout: 20_000, interval: 100 },
            )
            .toBe(true);
        } finally {
          await partner.close();
        }
      }

      // (1) The script snippet pasted into a page of another origin renders the element.
      const partner = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const p = await partner.newPage();
        await p.goto(h.partnerPage(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title></head><body><main>${s.script}</main></body></html>`));
        await p.waitForFunction(() => !!document.querySelector('vigia-region-card')?.shadowRoot?.querySelector('article[aria-busy="false"]'));
        const text = await p.evaluate(() => (document.querySelector('vigia-region-card')!.shadowRoot!.querySelector('article') as HTMLElement).innerText);
        for (const figure of figures) expect(text).toContain(figure);
        expect(text).toContain('Cusco');
      } finally {
        await partner.close();
      }
    } finally {
      await context.close();
    }
  });

  it('offers the six elements and, for each, only values the server accepts: regions and keys from the live API', { timeout: 180_000 }, async () => {
    const api = await gql<{ regions: { slug: string }[]; datasets: { key: string }[]; indicators: { key: string }[] }>('{ regions { slug } datasets { key } indicators { key } }');
    const { context, page, errors } = await openBuilder(`${h.api.url}/widgets/`);
    try {
      const radios = await page.locator('input[name="vigia-builder-element"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      expect(radios).toEqual([...ELEMENTS]);
      const accepted = new Set<string>();
      for (const element of ELEMENTS) {
        await page.locator(`input[name="vigia-builder-element"][value="${element}"]`).check();
        await page.waitForSelector('.builder-data select');
        const selects = await page.locator('.builder-data select').evaluateAll((els) => els.map((e) => e.id));
        for (const id of selects) {
          const values = await page.locator(`#${id} option`).evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
          if (element === 'region-card' && id === 'builder-region') expect(values).toEqual(expect.arrayContaining(api.regions.map((r) => r.slug)));
          if (element === 'indicator') expect(new Set(values)).toEqual(new Set([...api.indicators.map((i) => i.key), ...api.datasets.map((d) => d.key)]));
          for (const value of values) {
            await page.locator(`#${id}`).selectOption(value);
            await page.waitForFunction(
              ([sel, v]) => (document.querySelector(sel) as HTMLSelectElement).value === v && !!document.querySelector('#snippet-link'),
              [`#${id}`, value] as const,
            );
            accepted.add((await page.locator('#snippet-link').textContent())!);
          }
        }
      }
      expect(accepted.size).toBeGreaterThan(60);
      for (const url of accepted) {
        const res = await fetch(url, { method: 'HEAD' });
        expect(res.status, url).toBe(200);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('labels follow the page language switch (es by default), and the builder works by keyboard', async () => {
    const { context, page, errors } = await openBuilder(`${h.api.url}/widgets/`);
    try {
      await expect.poll(() => page.locator('.builder-widgets legend').textContent()).toBe('1. El gráfico');
      expect(await page.locator('#builder-heading').innerText()).toBe('Cree su inserción');
      // The widget speaks the page's language until the partner picks one.
      await previewText(page, 'vigia-region-card', { lang: 'es' });
      await page.getByRole('button', { name: 'English' }).click();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
      await expect.poll(() => page.locator('.builder-widgets legend').textContent()).toBe('1. The graphic');
      expect(await page.locator('#builder-heading').innerText()).toBe('Make your embed');
      expect(await page.getByRole('button', { name: /^Copy/ }).count()).toBeGreaterThan(6);
      await previewText(page, 'vigia-region-card', { lang: 'en' });

      // Keyboard: arrow keys move through the widget radios; the preview and snippets follow.
      await page.locator('input[name="vigia-builder-element"]:checked').focus();
      await page.keyboard.press('ArrowDown');
      await previewText(page, 'vigia-coordination-counter', { lang: 'en' });
      await page.locator('#builder-scope').focus();
      await page.keyboard.press('End');
      expect(await page.locator('#builder-scope').inputValue()).toBe('national');
      const s = await snippets(page);
      expect(s.link).toBe(`${h.api.url}/embed/coordination-counter?national&lang=en&theme=light`);
      await previewText(page, 'vigia-coordination-counter', { national: '' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('behind a proxy, every snippet names the address the page was loaded from', async () => {
    // A reverse proxy on another port that keeps the Host header (as nginx's `proxy_set_header Host $host`).
    const upstream = new URL(h.api.url);
    const proxy: Server = createServer((req, res) => {
      const forward = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.writeHead(502).end());
      req.pipe(forward);
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
    const origin = `http://localhost:${(proxy.address() as AddressInfo).port}`;
    const { context, page } = await openBuilder(`${origin}/widgets/`);
    try {
      const s = await snippets(page);
      for (const id of ['link', 'oembed', 'png', 'svg'] as const) expect(s[id].startsWith(`${origin}/`), id).toBe(true);
      expect(s.script).toContain(`src="${origin}/widgets/vigia-widgets.js" data-endpoint="${origin}/graphql"`);
      expect(s.iframe).toContain(`src="${origin}/embed/`);
      expect(s.script).not.toContain(h.api.url);
      expect(s.iframe).not.toContain(h.api.url);
    } finally {
      await context.close();
      proxy.closeAllConnections();
      await new Promise<void>((done) => proxy.close(() => done()));
    }
  });

  it('screenshots at 360 and 1280 px, es and en, light and dark, with nothing wider than the phone', { timeout: 120_000 }, async () => {
    // Served as a production server would be: at its PUBLIC_URL (the browser's requests there are
    // answered by a test server started with that setting), so the pictures show real addresses.
    const publicUrl = 'https://vigia.example.org';
    const api = await startTestServer({ env: { PUBLIC_URL: publicUrl } });
    try {
      for (const width of [360, 1280]) {
        for (const lang of ['es', 'en'] as const) {
          for (const colorScheme of ['light', 'dark'] as const) {
            const context = await h.browser.newContext({ viewport: { width, height: 900 }, colorScheme });
            await context.route(`${publicUrl}/**`, async (route) => route.fulfill({ response: await route.fetch({ url: route.request().url().replace(publicUrl, api.url) }) }));
            const page = await context.newPage();
            const errors: string[] = [];
            page.on('pageerror', (e) => errors.push(e.message));
            page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
            try {
              await page.goto(`${publicUrl}/widgets/${lang === 'en' ? '?lang=en' : ''}`);
              const s = await snippets(page);
              expect(s.iframe).toContain(`src="${publicUrl}/embed/region-card?`);
              await previewText(page, 'vigia-region-card', { lang });
              const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
              expect(overflow).toBeLessThanOrEqual(0);
              await page.locator('#builder').screenshot({ path: join(shots, `builder-${width}-${lang}-${colorScheme}.png`) });
              expect(errors).toEqual([]);
            } finally {
              await context.close();
            }
          }
        }
      }
    } finally {
      await api.close();
    }
  });
});

describe('a server that accepts only persisted operations (PERSISTED_OPERATIONS_ONLY=true)', () => {
  it('still gives a working builder: it says why the lists are missing, and takes a typed value', async () => {
    const api = await startTestServer({ env: { PERSISTED_OPERATIONS_ONLY: 'true' } });
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${api.url}/widgets/`);
      await expect.poll(() => page.locator('.builder-error').textContent()).toMatch(/PERSISTED_QUERY_ONLY/);
      await page.locator('#builder-region').fill('tacna');
      await page.locator('#builder-region').press('Tab');
      await previewText(page, 'vigia-region-card', { region: 'tacna' });
      const s = await snippets(page);
      expect(s.link).toBe(`${api.url}/embed/region-card?region=tacna&lang=es&theme=light`);
      expect(s.iframe).toContain(`src="${api.url}/embed/region-card?region=tacna&amp;lang=es&amp;theme=light"`);
    } finally {
      await context.close();
      await api.close();
    }
  });
});
