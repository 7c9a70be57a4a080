/**
 * Widgets with `live` in Chromium: a change made on the server shows on the partner page without
 * a reload, in place — no skeleton, no layout shift, the same height — through one EventSource per
 * endpoint for the whole page; a widget whose data did not change does not re-fetch; embed pages
 * pass `live` to their widget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, resolveDatabaseTarget, type PrismaClient } from '@vigia/schema';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { gql } from '../helpers/graphql.js';
import { open, startHarness, type Harness, type Tab } from '../widgets/support.js';

const figure = (tab: Tab, selector: string) =>
  tab.page.evaluate((s) => document.querySelector(s)?.shadowRoot?.querySelector('[part~="figure"]')?.textContent?.trim() ?? null, selector);

/** Watches the page: layout shifts, and any skeleton a widget shows, from now on. */
async function watch(tab: Tab) {
  await tab.page.evaluate(() => {
    const w = window as unknown as { shifts: number; skeletons: number; marker: string };
    w.shifts = 0;
    w.skeletons = 0;
    w.marker = 'same page';
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.shifts += (entry as unknown as { value: number }).value;
    }).observe({ type: 'layout-shift' });
    for (const el of document.querySelectorAll('[live]')) {
      new MutationObserver(() => {
        if (el.shadowRoot!.querySelector('[part="skeleton"]')) w.skeletons += 1;
      }).observe(el.shadowRoot!, { subtree: true, childList: true });
    }
  });
}

describe('widgets with live', () => {
  let h: Harness;
  let prisma: PrismaClient;
  let editor: string;
  const write = async (key: string, value: number) => {
    const result = await gql(h.api.graphqlUrl, `mutation { upsertIndicator(input: { key: "${key}", value: ${value} }) { indicator { value } } }`, {}, { authorization: `Bearer ${editor}` });
    expect(result.errors).toBeUndefined();
  };

  beforeAll(async () => {
    h = await startHarness();
    prisma = createPrismaClient(resolveDatabaseTarget(h.api.databaseUrl));
    editor = (await createKey(prisma, { name: 'Live widget tests (editor)', role: 'EDITOR' }, localOperator())).key;
  }, 120_000);
  afterAll(async () => {
    await prisma?.$disconnect();
    await h?.close();
  });

  it('shows the new figure in place, without a reload, a skeleton or a layout shift; one stream for the page', async () => {
    const url = h.embed(`
      <p>Una nota de un medio aliado, con cifras de Vigía.</p>
      <vigia-indicator id="cusco" key="police-trained-cusco" live></vigia-indicator>
      <vigia-indicator id="puno" key="police-trained-puno" live></vigia-indicator>
      <vigia-indicator id="still" key="police-trained-cusco"></vigia-indicator>
      <vigia-services id="services" live></vigia-services>
      <p id="after">El texto que sigue no debe moverse.</p>`);
    const tab = await open(h, url, { colorScheme: 'light' });
    try {
      expect(await figure(tab, '#cusco')).toBe('370');
      const streams = tab.graphql.filter((r) => new URL(r.url).searchParams.get('documentId') && r.method === 'GET' && !new URL(r.url).searchParams.get('variables'));
      // One EventSource for the page, by the persisted hash.
      expect(streams).toHaveLength(1);
      await watch(tab);
      const box = async () =>
        tab.page.evaluate(() => ({
          card: document.querySelector('#cusco')!.getBoundingClientRect().height,
          after: document.querySelector('#after')!.getBoundingClientRect().top,
        }));
      const before = await box();
      const requestsBefore = tab.graphql.length;

      await write('police-trained-cusco', 377);
      await tab.page.waitForFunction(() => document.querySelector('#cusco')?.shadowRoot?.querySelector('[part~="figure"]')?.textContent?.trim() === '377', null, { timeout: 5000 });
      // The widget without live keeps what it showed.
      expect(await figure(tab, '#still')).toBe('370');

      const after = await box();
      expect(after).toEqual(before);
      const seen = await tab.page.evaluate(() => {
        const w = window as unknown as { shifts: number; skeletons: number; marker: string };
        return { shifts: w.shifts, skeletons: w.skeletons, marker: w.marker };
      });
      expect(seen.marker).toBe('same page');
      expect(seen.skeletons).toBe(0);
      expect(seen.shifts).toBe(0);
      // Re-fetched: the live indicators — the change named their dataset, police-trained-puno's too —
      // once each; not the services, whose data did not change.
      const refetched = tab.graphql.slice(requestsBefore).map((r) => JSON.parse(new URL(r.url).searchParams.get('variables') ?? '{}').key ?? 'other');
      expect(refetched.sort()).toEqual(['police-trained-cusco', 'police-trained-puno']);
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });

  it('an embed page with live follows the data too', async () => {
    const tab = await open(h, `${h.api.url}/embed/indicator?key=police-trained-tacna&live`);
    const missing: string[] = [];
    tab.page.on('response', (r) => r.status() === 404 && missing.push(new URL(r.url()).pathname));
    try {
      const html = await tab.page.content();
      expect(html).toMatch(/<vigia-indicator[^>]* live/);
      expect(await figure(tab, 'vigia-indicator')).toBe('320');
      await write('police-trained-tacna', 322);
      await tab.page.waitForFunction(() => document.querySelector('vigia-indicator')?.shadowRoot?.querySelector('[part~="figure"]')?.textContent?.trim() === '322', null, { timeout: 5000 });
      // The browser's own favicon request is the page's only miss.
      expect(tab.errors.filter((e) => !/404/.test(e))).toEqual([]);
      expect(missing.filter((p) => p !== '/favicon.ico')).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });
});
