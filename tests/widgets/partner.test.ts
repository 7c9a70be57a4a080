/**
 * The partner case: a plain page on another origin with one script tag. Persisted GET requests
 * (stable per widget, shared on a page), loading / error / retry states, accessibility (axe-core, light and dark), theming, the
 * no-JavaScript fallback and the gallery served by the real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAGS, axe, open, sent, settled, startHarness, text, type Harness } from './support.js';

let h: Harness;

const ALL = `
  <section><h2>Región</h2><vigia-region-card region="puno" heading-level="3"></vigia-region-card></section>
  <section><h2>Otra</h2><vigia-region-card region="puno" heading-level="3" lang="en"></vigia-region-card></section>
  <section><h2>Contador</h2><vigia-coordination-counter region="cusco" level="provincial" heading-level="3"></vigia-coordination-counter></section>
  <section><h2>Nacional</h2><vigia-coordination-counter national heading-level="3"></vigia-coordination-counter></section>
  <section><h2>Servicios</h2><vigia-services heading-level="3"></vigia-services></section>
  <section><h2>Cifra</h2><vigia-indicator key="victims-women-share" heading-level="3"></vigia-indicator></section>
  <section><h2>Pendiente</h2><vigia-indicator key="trafficking-cases-by-region-2021-2023" heading-level="3"></vigia-indicator></section>
  <section><h2>Gráfico</h2><vigia-training-chart heading-level="3"></vigia-training-chart></section>
  <section><h2>Mapa</h2><vigia-region-map heading-level="3"></vigia-region-map></section>
  <section><h2>No encontrado</h2><vigia-region-card region="atlantis" heading-level="3"></vigia-region-card></section>`;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('a partner page on another origin', () => {
  it('shows every element with one persisted GET per widget request, stable across pages, then answers repeats from memory', async () => {
    const { page, graphql, errors } = await open(h, h.embed(ALL));
    expect(new URL(page.url()).origin).not.toBe(h.api.url);
    for (const tag of TAGS) expect((await text(page, tag)).length).toBeGreaterThan(20);
    // Ten widgets, each with its own operation or variables: ten short GET URLs naming a
    // persisted document by hash, never its text, each sent once.
    expect(graphql).toHaveLength(10);
    for (const request of graphql) {
      expect(request.method).toBe('GET');
      expect(request.status).toBe(200);
      expect(sent(request.url)).toEqual({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), query: null, variables: expect.any(Object) });
      expect(request.url.length).toBeLessThan(300);
    }
    expect(new Set(graphql.map((r) => r.url)).size).toBe(10);
    expect(graphql.map((r) => sent(r.url).variables)).toContainEqual({ code: 'puno', lang: 'EN' });

    // Another card for a region already on the page: no new request.
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<vigia-region-card region="puno"></vigia-region-card>'));
    await settled(page);
    expect(await text(page, 'vigia-region-card', 3)).toContain('420');
    expect(graphql).toHaveLength(10);
    expect(errors).toEqual([]);

    // The same widget on another page, beside other widgets, sends the very same URL: a CDN
    // caches it once for every partner page.
    const other = await open(h, h.embed('<vigia-services></vigia-services><vigia-region-card region="puno" heading-level="4"></vigia-region-card>'));
    expect(other.graphql).toHaveLength(2);
    for (const request of other.graphql) expect(graphql.map((r) => r.url)).toContain(request.url);
  });

  it('sends identical requests once: widgets that need the same data share one answer', async () => {
    const { page, graphql, errors } = await open(
      h,
      h.embed(`
        <vigia-region-map></vigia-region-map><vigia-region-map metric="high-incidence"></vigia-region-map>
        <vigia-region-map metric="coordination-spaces" view="table"></vigia-region-map>
        <vigia-services></vigia-services><vigia-services kind="sector"></vigia-services>
        <vigia-coordination-counter region="cusco"></vigia-coordination-counter>
        <vigia-coordination-counter region="cusco" level="district"></vigia-coordination-counter>`),
    );
    expect(await text(page, 'vigia-region-map', 2)).toContain('Puno 7');
    expect(await text(page, 'vigia-services', 1)).toContain('42');
    expect(await text(page, 'vigia-coordination-counter', 1)).toContain('En Cusco');
    expect(graphql).toHaveLength(3);
    expect(errors).toEqual([]);
  });

  it('sends each widget to its own endpoint, and honours the endpoint attribute over data-endpoint', async () => {
    const url = h.embed(
      `<vigia-indicator key="victims-women-share" endpoint="${h.api.graphqlUrl}"></vigia-indicator>
       <vigia-region-card region="tacna" endpoint="${h.api.graphqlUrl}"></vigia-region-card>`,
      { scriptAttrs: 'data-endpoint="http://127.0.0.1:9/graphql"' },
    );
    const { page, graphql, errors } = await open(h, url);
    expect(await text(page, 'vigia-indicator')).toContain('85.3%');
    expect(await text(page, 'vigia-region-card')).toContain('Tacna');
    expect(graphql).toHaveLength(2);
    for (const request of graphql) expect(request.url.startsWith(`${h.api.graphqlUrl}?documentId=`)).toBe(true);
    expect(errors).toEqual([]);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe-core violations, in Spanish and English (${colorScheme})`, { timeout: 60_000 }, async () => {
      const { page, errors } = await open(h, h.embed(ALL), { colorScheme });
      expect(await axe(page)).toEqual([]);
      const en = await open(h, h.embed(ALL.replaceAll('heading-level="3"', 'heading-level="3" lang="en"'), { lang: 'en' }), { colorScheme });
      expect(await axe(en.page)).toEqual([]);
      expect([...errors, ...en.errors]).toEqual([]);
    });
  }

  it('follows the reader’s colour scheme with theme="auto"', async () => {
    const background = async (colorScheme: 'light' | 'dark') => {
      const { page } = await open(h, h.embed('<vigia-indicator key="victims-women-share" theme="auto"></vigia-indicator>'), { colorScheme });
      return page.evaluate(() => getComputedStyle(document.querySelector('vigia-indicator')!.shadowRoot!.querySelector('article')!).backgroundColor);
    };
    expect(await background('light')).toBe('rgb(255, 255, 255)');
    expect(await background('dark')).toBe('rgb(23, 25, 29)');
  });
});

describe('states', () => {
  it('keeps its space with a skeleton while loading, and stops animating for reduced motion', async () => {
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const context = await h.browser.newContext({ reducedMotion });
      const page = await context.newPage();
      let release!: () => void;
      const held = new Promise<void>((done) => (release = done));
      await page.route('**/graphql?**', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(h.embed('<vigia-region-card region="puno"></vigia-region-card>'));
      await page.waitForFunction(() => document.querySelector('vigia-region-card')?.shadowRoot?.querySelector('[part=skeleton]'));
      const loading = await page.evaluate(() => {
        const host = document.querySelector('vigia-region-card')!;
        const root = host.shadowRoot!;
        return {
          busy: root.querySelector('article')!.getAttribute('aria-busy'),
          status: root.querySelector('[role=status]')!.textContent,
          height: host.getBoundingClientRect().height,
          animation: getComputedStyle(root.querySelector('.sk')!).animationName,
        };
      });
      expect(loading.busy).toBe('true');
      expect(loading.status).toBe('Cargando datos de Vigía…');
      expect(loading.height).toBeGreaterThanOrEqual(192); // 12rem reserved
      expect(loading.animation).toBe(reducedMotion === 'reduce' ? 'none' : 'pulse');
      release();
      await settled(page);
      expect(await text(page, 'vigia-region-card')).toContain('Puno');
      await context.close();
    }
  });

  it('says what went wrong when the API cannot be reached, and retries on request', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/graphql?**', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    await page.goto(h.embed('<vigia-services></vigia-services><vigia-region-card region="cusco" lang="en"></vigia-region-card>'));
    await settled(page);
    expect(await text(page, 'vigia-services')).toBe(
      'No se pudieron cargar los datos de Vigía sobre los servicios de la Política Nacional frente a la Trata de Personas. El servicio de datos de Vigía no está disponible en este momento (error 503). Reintentar',
    );
    expect(await text(page, 'vigia-region-card')).toBe(
      'Vigía’s data on Cusco could not be loaded. The Vigía data service is unavailable right now (error 503). Try again',
    );
    expect(await axe(page)).toEqual([]);

    await page.unroute('**/graphql?**');
    // Keyboard: the first retry button on the page is reached with Tab and works with Enter.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part'))).toBe('retry');
    await page.keyboard.press('Enter');
    await settled(page);
    expect(await text(page, 'vigia-services')).toContain('42');
    // The other widget keeps its error until its own retry.
    expect(await text(page, 'vigia-region-card')).toContain('Try again');
    await page.locator('vigia-region-card').locator('button').click();
    await settled(page);
    expect(await text(page, 'vigia-region-card')).toMatch(/^Cusco: .*370 police officers trained/);
    expect(errors.every((e) => e.includes('503'))).toBe(true);
    await context.close();
  });

  it('shows the light-DOM fallback and reserves the cloaked space without JavaScript; hides the fallback once defined', async () => {
    const body = `<vigia-region-card region="puno"><p id="fallback">Puno: datos de Vigía.</p></vigia-region-card>`;
    const head = '<style>vigia-region-card:not(:defined){display:block;min-height:16rem}</style>';
    const url = h.embed(body, { head });
    const off = await open(h, url, { javaScriptEnabled: false });
    expect(await off.page.locator('#fallback').isVisible()).toBe(true);
    expect((await off.page.locator('vigia-region-card').boundingBox())!.height).toBeGreaterThanOrEqual(256);
    const on = await open(h, url);
    expect(await on.page.locator('#fallback').isVisible()).toBe(false);
    expect(await text(on.page, 'vigia-region-card')).toContain('Puno');
  });
});

describe('theming', () => {
  it('takes --vigia-* custom properties and ::part() rules from the page', async () => {
    const head = `<style>
      .brand { --vigia-color-accent: rgb(122, 31, 61); --vigia-radius: 0px; --vigia-font: Georgia, serif; }
      .brand::part(title) { text-transform: uppercase; }
      body { font-family: "Courier New", monospace; }
    </style>`;
    const { page } = await open(
      h,
      h.embed('<vigia-indicator class="brand" theme="light" key="victims-women-share"></vigia-indicator><vigia-indicator key="victims-women-share"></vigia-indicator>', { head }),
    );
    const styles = await page.evaluate(() =>
      [...document.querySelectorAll('vigia-indicator')].map((el) => {
        const root = el.shadowRoot!;
        const article = getComputedStyle(root.querySelector('article')!);
        return {
          link: getComputedStyle(root.querySelector('summary')!).color,
          radius: article.borderRadius,
          font: article.fontFamily,
          title: getComputedStyle(root.querySelector('[part=title]')!).textTransform,
        };
      }),
    );
    expect(styles[0]).toEqual({ link: 'rgb(122, 31, 61)', radius: '0px', font: 'Georgia, serif', title: 'uppercase' });
    // Unthemed: the host page's font is inherited.
    expect(styles[1]!.font).toBe('"Courier New", monospace');
    expect(styles[1]!.title).toBe('none');
  });
});

describe('the gallery at /widgets/', () => {
  it('shows every element with snippets naming this server, accessibly and without console errors', { timeout: 60_000 }, async () => {
    const { page, errors, graphql } = await open(h, `${h.api.url}/widgets/`);
    for (const tag of TAGS) expect(await page.locator(tag).count()).toBeGreaterThan(0);
    const snippet = await page.locator('#c-script').textContent();
    expect(snippet).toBe(`<script src="${h.api.url}/widgets/vigia-widgets.js" data-endpoint="${h.api.url}/graphql"></script>`);
    // No data-endpoint on the gallery's own script tag: same-origin /graphql, persisted
    // operations, each request once. Besides them, the embed builder's one request for its lists
    // of regions and keys (tests/embed/builder.test.ts).
    const widgets = graphql.filter((r) => new URL(r.url).searchParams.get('operationName') !== 'VigiaEmbedCatalogue');
    expect(graphql.length - widgets.length).toBe(1);
    for (const request of widgets) expect(request.url).toMatch(new RegExp(`^${h.api.url}/graphql\\?documentId=sha256:[0-9a-f]{64}&`));
    expect(new Set(widgets.map((r) => r.url)).size).toBe(widgets.length);
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
