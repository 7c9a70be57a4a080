/**
 * Embeds in a real browser (Debian's Chromium): the oEmbed snippet pasted into a partner page on
 * another origin sizes its iframe to the content — at 360 and 1280 px, no inner scrollbar and no
 * blank band — and follows the widget when its height changes (a disclosure opened); the embed also
 * sends AMP's resize message; without JavaScript the page shows the same figures.
 * Screenshots go to $VIGIA_EMBED_SHOTS (default: the system's temp folder, vigia-embed-shots/).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../widgets/support.js';

let h: Harness;
const shots = process.env.VIGIA_EMBED_SHOTS ?? join(tmpdir(), 'vigia-embed-shots');

beforeAll(async () => {
  h = await startHarness();
  mkdirSync(shots, { recursive: true });
});
afterAll(() => h?.close());

/** Each element, an embed, and a figure its live widget shows once it has its data. */
const CASES = [
  { element: 'region-card', query: 'region=puno', figure: '420' },
  { element: 'coordination-counter', query: 'region=cusco', figure: '8' },
  { element: 'services', query: 'lang=en', figure: '42' },
  { element: 'indicator', query: 'key=victims-women-share', figure: '85' },
  { element: 'training-chart', query: '', figure: '1,710' },
  { element: 'region-map', query: 'metric=coordination-spaces', figure: 'Cusco' },
] as const;

async function oembedHtml(embedUrl: string): Promise<string> {
  const res = await fetch(`${h.api.url}/oembed?url=${encodeURIComponent(embedUrl)}&format=json`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { html: string }).html;
}

/** A partner page on another origin: some text, the pasted snippet, more text; it records the messages it gets. */
function partner(snippet: string): string {
  return h.partnerPage(`<!doctype html>
<html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Partner</title>
<style>body{margin:0;font:16px/1.5 Georgia,serif}main{max-width:720px;margin:0 auto;padding:16px}</style>
<script>window.received=[];addEventListener('message',function(e){received.push(e.data)});</script>
</head><body><main><h1>Diario asociado</h1><p>Un párrafo antes del gráfico.</p>
${snippet}
<p id="after">Un párrafo después del gráfico.</p></main></body></html>`);
}

/** The live widget inside the frame has its data (its shadow root shows `figure`). */
async function widgetReady(frame: Frame, figure: string): Promise<void> {
  await frame.waitForFunction((f) => {
    const el = document.querySelector('#vigia-embed > *');
    return !!el && !!customElements.get(el.localName) && !!el.shadowRoot && (el.shadowRoot as unknown as { textContent: string }).textContent.includes(f);
  }, figure);
}

interface Fit {
  iframe: number;
  content: number;
  scrollHeight: number;
  clientHeight: number;
  scrollWidth: number;
  clientWidth: number;
}

/** The iframe's height in the parent, and the content's height and scroll extents inside it. */
/** A screenshot of the whole page: the viewport grown to the page's height first, so frames below the fold are painted. */
async function shot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.screenshot({ path: join(shots, name) });
  await page.setViewportSize(size);
}

async function measure(page: Page, frame: Frame): Promise<Fit> {
  const iframe = await page.evaluate(() => document.querySelector('iframe[data-vigia-embed]')!.getBoundingClientRect().height);
  const inner = await frame.evaluate(() => ({
    content: Math.ceil(document.getElementById('vigia-embed')!.getBoundingClientRect().height),
    scrollHeight: document.documentElement.scrollHeight,
    clientHeight: document.documentElement.clientHeight,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  return { iframe, ...inner };
}

/** Waits until the iframe is exactly as tall as its content (stable for two frames in a row). */
async function fitted(page: Page, frame: Frame): Promise<Fit> {
  let last: Fit | undefined;
  await expect
    .poll(async () => {
      const now = await measure(page, frame);
      const ok = Math.abs(now.iframe - now.content) <= 1 && last !== undefined && now.iframe === last.iframe && now.content === last.content;
      last = now;
      return ok;
    }, { timeout: 20_000, interval: 100 })
    .toBe(true);
  return last!;
}

describe.each([360, 1280])('at %i px', (width) => {
  it.each(CASES)('$element: the pasted snippet is as tall as its content, with no inner scrollbar', async ({ element, query, figure }) => {
    const embedUrl = `${h.api.url}/embed/${element}${query ? `?${query}` : ''}`;
    const context = await h.browser.newContext({ viewport: { width, height: 800 }, colorScheme: 'light' });
    const errors: string[] = [];
    try {
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(partner(await oembedHtml(embedUrl)));
      const handle = await page.waitForSelector('iframe[data-vigia-embed]');
      const frame = (await handle.contentFrame())!;
      await widgetReady(frame, figure);
      const fit = await fitted(page, frame);
      // No inner scrollbar, no blank band.
      expect(fit.scrollHeight).toBeLessThanOrEqual(fit.clientHeight);
      expect(fit.scrollWidth).toBeLessThanOrEqual(fit.clientWidth);
      expect(Math.abs(fit.iframe - fit.content)).toBeLessThanOrEqual(1);
      // The paragraph after the embed follows it directly.
      const gap = await page.evaluate(() => {
        const frameBox = document.querySelector('iframe[data-vigia-embed]')!.getBoundingClientRect();
        return document.getElementById('after')!.getBoundingClientRect().top - frameBox.bottom;
      });
      expect(gap).toBeLessThan(40);
      // AMP's amp-iframe resize request came with the same height.
      const amp = await page.evaluate(() => (window as unknown as { received: { sentinel?: string; type?: string; height?: number }[] }).received.filter((m) => m && m.sentinel === 'amp'));
      expect(amp.at(-1)).toEqual({ sentinel: 'amp', type: 'embed-size', height: fit.content });
      await shot(page, `${element}-${width}.png`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

it('follows the widget when its height changes (a disclosure opened), at 360 and 1280 px', async () => {
  for (const width of [360, 1280]) {
    const context = await h.browser.newContext({ viewport: { width, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(partner(await oembedHtml(`${h.api.url}/embed/region-card?region=puno`)));
      const frame = (await (await page.waitForSelector('iframe[data-vigia-embed]')).contentFrame())!;
      await widgetReady(frame, '420');
      const before = await fitted(page, frame);
      // Open every closed disclosure of the widget (its lists, full sources and notes).
      const opened = await frame.evaluate(() => {
        const el = document.querySelector('#vigia-embed > *')!;
        const closed = [...el.shadowRoot!.querySelectorAll('details:not([open]) > summary')] as HTMLElement[];
        for (const summary of closed) summary.click();
        return closed.length;
      });
      expect(opened).toBeGreaterThan(0);
      await expect.poll(async () => (await measure(page, frame)).content, { timeout: 10_000 }).toBeGreaterThan(before.content);
      const after = await fitted(page, frame);
      expect(after.iframe).toBeGreaterThan(before.iframe);
      expect(after.scrollHeight).toBeLessThanOrEqual(after.clientHeight);
      await shot(page, `region-card-${width}-open.png`);
    } finally {
      await context.close();
    }
  }
});

it('a link in the embedded widget opens in a new tab; the partner page stays', async () => {
  const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const partnerUrl = partner(await oembedHtml(`${h.api.url}/embed/indicator?key=victims-women-share`));
    await page.goto(partnerUrl);
    const frame = (await (await page.waitForSelector('iframe[data-vigia-embed]')).contentFrame())!;
    await widgetReady(frame, '85');
    const popup = context.waitForEvent('page');
    const href = await frame.evaluate(() => {
      const link = document.querySelector('#vigia-embed > *')!.shadowRoot!.querySelector('a[href^="http"]:not([href$=".csv"])') as HTMLAnchorElement;
      link.click();
      return link.href;
    });
    const opened = await popup;
    await expect.poll(() => opened.url(), { timeout: 10_000 }).toBe(href);
    expect(page.url()).toBe(partnerUrl);
    expect(frame.url()).toContain('/embed/indicator');
  } finally {
    await context.close();
  }
});

it('the embed page itself at 360 and 1280 px, and its figures without JavaScript', async () => {
  for (const width of [360, 1280]) {
    const context = await h.browser.newContext({ viewport: { width, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${h.api.url}/embed/training-chart?lang=en`);
      await widgetReady(page.mainFrame(), '1,710');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, `page-training-chart-${width}.png`);
    } finally {
      await context.close();
    }
  }
  const context = await h.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${h.api.url}/embed/region-card?region=puno`);
    const shown = (await page.innerText('main')).replace(/\s+/g, ' ');
    for (const figure of ['Puno frente a la trata de personas', 'Provinciales 3', 'Efectivos policiales capacitados, 2021–2023 420', 'Fuente: Ministerio del Interior']) expect(shown).toContain(figure);
    await shot(page, 'region-card-360-nojs.png');
  } finally {
    await context.close();
  }
});
