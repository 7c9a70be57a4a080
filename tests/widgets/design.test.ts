/**
 * The newsroom design (issue #11), on a newspaper-like partner page of another origin at 360 and
 * 1280 px: every widget's data, no horizontal overflow, text ≥ 12 px, the compact default's
 * height, layout shift with a slow API for a reader already scrolled to the widget, the theme
 * following the page, failure and retry, keyboard, and axe-core in both themes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TAGS, axe, settled, startHarness, text, type Harness } from './support.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

/** One of each, as a newspaper would embed them. */
const SIX: Record<(typeof TAGS)[number], string> = {
  'vigia-region-card': '<vigia-region-card region="puno"></vigia-region-card>',
  'vigia-coordination-counter': '<vigia-coordination-counter></vigia-coordination-counter>',
  'vigia-services': '<vigia-services></vigia-services>',
  'vigia-indicator': '<vigia-indicator key="victims-women-share"></vigia-indicator>',
  'vigia-training-chart': '<vigia-training-chart></vigia-training-chart>',
  'vigia-region-map': '<vigia-region-map></vigia-region-map>',
};

const LOREM = '<p>Texto del artículo que rodea al gráfico, como en una nota de un diario regional. '.repeat(3) + '</p>';

/** A regional newspaper's article: a 700 px serif column, its own colours and link colour. */
function newspaper(body: string, { css = '', lang = 'es' } = {}): string {
  return h.embed(`<article class="col">${body}</article>`, {
    lang,
    head: `<meta name="viewport" content="width=device-width, initial-scale=1"><style>
      :root { color-scheme: light; }
      body { margin: 0; background: #fbfaf7; color: #222; font: 19px/1.6 Georgia, serif; }
      a { color: rgb(155, 28, 49); }
      .col { max-width: 700px; margin: 0 auto; padding: 0 16px; }
      .col > [class], .col > * { margin: 24px 0; }
      ${css}
    </style>`,
  });
}

async function tab(width: number, url: string, options: { colorScheme?: 'light' | 'dark'; wait?: boolean } = {}) {
  const context = await h.browser.newContext({
    viewport: { width, height: width < 600 ? 740 : 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  if (options.wait !== false) await settled(page);
  return { page, context, errors };
}

/** Height, overflow and the smallest text size of each widget on the page. */
function measure(page: Page) {
  return page.evaluate(() => {
    const hosts = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('vigia-')) as HTMLElement[];
    return {
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      widgets: hosts.map((host) => {
        const box = host.getBoundingClientRect();
        let minFont = Infinity;
        let overflow = 0;
        const walk = (root: ParentNode) => {
          for (const el of root.querySelectorAll<HTMLElement>('*')) {
            const r = el.getBoundingClientRect();
            if (r.width && r.height && !el.closest('.vh')) overflow = Math.max(overflow, r.right - box.right, box.left - r.left);
            const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
            if (own && r.width && r.height && !el.closest('.vh')) minFont = Math.min(minFont, parseFloat(getComputedStyle(el).fontSize));
          }
        };
        walk(host.shadowRoot!);
        return { tag: host.localName, height: Math.round(box.height), overflow: Math.round(overflow), minFont };
      }),
    };
  });
}

describe('the six widgets in a newspaper column', () => {
  for (const width of [360, 1280]) {
    it(`show their data at ${width} px: no horizontal overflow, text of 12 px or more, compact heights`, { timeout: 60_000 }, async () => {
      const { page, context, errors } = await tab(width, newspaper(Object.values(SIX).join(LOREM)));
      expect(new URL(page.url()).origin).not.toBe(h.api.url);
      expect(await text(page, 'vigia-region-card')).toMatch(/^Puno frente a la trata de personas .*7 espacios de coordinación.*420 efectivos policiales capacitados, 2021–2023/);
      expect(await text(page, 'vigia-coordination-counter')).toContain('23 espacios de coordinación contra la trata de personas');
      expect(await text(page, 'vigia-services')).toMatch(/MININTER 11 .*MPFN 7 .*INEI 1 actividad operativa/);
      expect(await text(page, 'vigia-indicator')).toContain('85.3%');
      expect(await text(page, 'vigia-training-chart')).toMatch(/Puno 420 Cusco 370 Arequipa 350 Tacna 320 Moquegua 250/);
      expect(await text(page, 'vigia-region-map')).toMatch(/Arequipa: .*350/);
      const m = await measure(page);
      expect(m.pageOverflow).toBeLessThanOrEqual(0);
      const screen = width < 600 ? 740 : 900;
      for (const w of m.widgets) {
        expect(w.overflow, `${w.tag} overflows by ${w.overflow}px`).toBeLessThanOrEqual(1);
        expect(w.minFont, `${w.tag} has text at ${w.minFont}px`).toBeGreaterThanOrEqual(12);
        // Compact by default: no taller than about one and a half screens.
        expect(w.height, `${w.tag} is ${w.height}px tall`).toBeLessThanOrEqual(screen * 1.5);
      }
      console.info(`heights at ${width}px: ${m.widgets.map((w) => `${w.tag} ${w.height}`).join(', ')}; min font ${Math.min(...m.widgets.map((w) => w.minFont))}px`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('opens everything with `detail`: the named spaces, full sources and notes', async () => {
    const { page, context } = await tab(1280, newspaper('<vigia-region-card region="puno" detail></vigia-region-card><vigia-region-card region="puno"></vigia-region-card>'));
    const open = await text(page, 'vigia-region-card', 0);
    expect(open).toContain('De centro poblado (1) La Rinconada');
    expect(open).toContain('lámina 8: Espacios de coordinación regional y local');
    const closed = await text(page, 'vigia-region-card', 1);
    expect(closed).not.toContain('La Rinconada');
    expect(closed).toContain('Ver los 7 espacios');
    // One short source line before "more".
    expect(closed).toContain('Fuente: Ministerio del Interior, feb. 2024, láminas 2, 8 y 9 · Datos (CSV)');
    await context.close();
  });
});

describe('steady while loading', () => {
  for (const width of [360, 1280]) {
    it(`keeps layout shift under 0.05 at ${width} px for a reader scrolled to each widget when slow data arrives`, { timeout: 120_000 }, async () => {
      const context = await h.browser.newContext({ viewport: { width, height: width < 600 ? 740 : 900 } });
      const shifts: Record<string, number> = {};
      for (const tag of TAGS) {
        const page = await context.newPage();
        let release!: () => void;
        const held = new Promise<void>((done) => (release = done));
        await page.route('**/graphql?**', async (route) => {
          await held;
          await route.continue();
        });
        await page.goto(newspaper(`${LOREM}${LOREM}<div id="w">${SIX[tag]}</div>${LOREM}${LOREM}${LOREM}`));
        await page.waitForFunction((t) => document.querySelector(t)?.shadowRoot?.querySelector('[part=skeleton]'), tag);
        // The reader has scrolled to the widget while its data is late.
        await page.evaluate(() => document.getElementById('w')!.scrollIntoView({ block: 'start' }));
        await page.evaluate(() => {
          (window as unknown as { cls: number }).cls = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
              if (!e.hadRecentInput) (window as unknown as { cls: number }).cls += e.value;
            }
          }).observe({ type: 'layout-shift', buffered: false });
        });
        release();
        await settled(page);
        // Two frames, so the last shift is reported.
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        shifts[tag] = await page.evaluate(() => (window as unknown as { cls: number }).cls);
        await page.close();
      }
      console.info(`layout shift at ${width}px: ${JSON.stringify(shifts)}`);
      for (const tag of TAGS) expect(shifts[tag], tag).toBeLessThan(0.05);
      await context.close();
    });
  }

  it('shows a skeleton shaped like the graphic while loading, without animation for reduced motion', async () => {
    const context = await h.browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.route('**/graphql?**', () => {}); // never answers
    await page.goto(newspaper('<vigia-training-chart></vigia-training-chart><vigia-region-map></vigia-region-map>'));
    await page.waitForFunction(() => document.querySelector('vigia-region-map')?.shadowRoot?.querySelector('[part=skeleton]'));
    const shapes = await page.evaluate(() => ({
      bars: document.querySelector('vigia-training-chart')!.shadowRoot!.querySelectorAll('[part=skeleton] .bar.sk').length,
      tiles: document.querySelector('vigia-region-map')!.shadowRoot!.querySelectorAll('[part=skeleton] .tile.sk').length,
      animation: getComputedStyle(document.querySelector('vigia-region-map')!.shadowRoot!.querySelector('.sk')!).animationName,
      status: document.querySelector('vigia-region-map')!.shadowRoot!.querySelector('[role=status]')!.textContent,
    }));
    expect(shapes).toEqual({ bars: 5, tiles: 25, animation: 'none', status: 'Cargando datos de Vigía…' });
    await context.close();
  });
});

describe('themed by the page', () => {
  const look = (page: Page, n = 0) =>
    page.evaluate((i) => {
      const host = document.querySelectorAll('vigia-region-card')[i]!;
      const card = host.shadowRoot!.querySelector('article')!;
      const link = host.shadowRoot!.querySelector('summary')!;
      return {
        scheme: card.classList.contains('dark') ? 'dark' : 'light',
        background: getComputedStyle(card).backgroundColor,
        color: getComputedStyle(card).color,
        link: getComputedStyle(link).color,
      };
    }, n);

  it('on a light-only newspaper, a reader in dark mode gets the page’s colours, text and links', async () => {
    const { page, context } = await tab(360, newspaper(SIX['vigia-region-card']), { colorScheme: 'dark' });
    expect(await look(page)).toEqual({ scheme: 'light', background: 'rgba(0, 0, 0, 0)', color: 'rgb(34, 34, 34)', link: 'rgb(155, 28, 49)' });
    await context.close();
  });

  it('on a dark page it turns dark, and follows the page when the page switches', async () => {
    const css = `html.dark body { background: #111418; color: #eeeeee; } html.dark a { color: rgb(242, 167, 179); }`;
    const { page, context } = await tab(1280, newspaper(SIX['vigia-region-card'], { css }));
    expect((await look(page)).scheme).toBe('light');
    await page.evaluate(() => document.documentElement.classList.add('dark'));
    await page.waitForFunction(() => document.querySelector('vigia-region-card')!.shadowRoot!.querySelector('article.dark'));
    expect(await look(page)).toEqual({ scheme: 'dark', background: 'rgba(0, 0, 0, 0)', color: 'rgb(238, 238, 238)', link: 'rgb(242, 167, 179)' });
    await context.close();
  });

  it('on a dark page that keeps the browser’s default link blue, links stay readable (the widget’s own link colour)', async () => {
    const css = `body { background: #111418; color: #eeeeee; } a { color: revert; }`;
    const { page, context } = await tab(1280, newspaper(SIX['vigia-region-card'], { css }));
    await page.waitForFunction(() => document.querySelector('vigia-region-card')!.shadowRoot!.querySelector('article.dark summary'));
    const seen = await look(page);
    expect(seen.scheme).toBe('dark');
    const channels = (c: string) => c.match(/[\d.]+/g)!.slice(0, 3).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const lin = (v: number) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    const ratio = (lum(channels(seen.link)) + 0.05) / (lum([17, 20, 24]) + 0.05);
    expect(ratio).toBeGreaterThanOrEqual(4.5);
    await context.close();
  });

  it('follows a page that allows both schemes (color-scheme: light dark) and the reader’s setting; theme= forces one', async () => {
    const url = h.embed(`${SIX['vigia-region-card']}<vigia-region-card region="puno" theme="dark"></vigia-region-card><vigia-region-card region="puno" theme="auto"></vigia-region-card>`, {
      head: '<style>:root { color-scheme: light dark; }</style>',
    });
    const { page, context } = await tab(1280, url, { colorScheme: 'dark' });
    expect((await look(page, 0)).scheme).toBe('dark');
    expect(await look(page, 1)).toMatchObject({ scheme: 'dark', background: 'rgb(23, 25, 29)', color: 'rgb(233, 235, 238)' });
    expect((await look(page, 2)).scheme).toBe('dark');
    await context.close();
    const light = await tab(1280, url, { colorScheme: 'light' });
    expect((await look(light.page, 0)).scheme).toBe('light');
    expect((await look(light.page, 1)).scheme).toBe('dark');
    expect(await look(light.page, 2)).toMatchObject({ scheme: 'light', background: 'rgb(255, 255, 255)' });
    await light.context.close();
  });

  it('draws figures that keep 3:1 against the background in both schemes (map classes, level bars)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const url = h.embed(`<vigia-region-map></vigia-region-map><vigia-region-map metric="coordination-spaces"></vigia-region-map>${SIX['vigia-region-card']}`, {
        head: '<style>:root { color-scheme: light dark; }</style>',
      });
      const { page, context } = await tab(1280, url, { colorScheme });
      const ratios = await page.evaluate(() => {
        const lum = (c: string) => {
          // rgb(…) or, for color-mix() fills, color(srgb r g b) with channels from 0 to 1.
          const k = c.startsWith('color(') ? 1 : 255;
          const [r, g, b] = c.match(/[\d.]+/g)!.slice(0, 3).map(Number).map((v) => {
            const s = v / k;
            return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
        };
        // The page's canvas: white, or Chromium's dark canvas.
        const bg = getComputedStyle(document.documentElement).colorScheme && matchMedia('(prefers-color-scheme: dark)').matches ? 'rgb(18, 18, 18)' : 'rgb(255, 255, 255)';
        const out: number[] = [];
        for (const host of document.querySelectorAll('vigia-region-map, vigia-region-card')) {
          for (const el of host.shadowRoot!.querySelectorAll<HTMLElement>('.tile.in, .stack > span, .legend .sw:not(.out)')) {
            const fill = getComputedStyle(el).backgroundColor;
            const [a, b] = [lum(fill), lum(bg)].sort((x, y) => y - x);
            out.push((a! + 0.05) / (b! + 0.05));
          }
        }
        return out;
      });
      expect(ratios.length).toBeGreaterThan(15);
      expect(Math.min(...ratios), colorScheme).toBeGreaterThanOrEqual(3);
      await context.close();
    }
  });

  it('shows only the classes that exist in the data, and every department of Peru', async () => {
    const { page, context } = await tab(1280, newspaper('<vigia-region-map metric="coordination-spaces"></vigia-region-map><vigia-region-map></vigia-region-map>'));
    const maps = await page.evaluate(() =>
      [...document.querySelectorAll('vigia-region-map')].map((el) => {
        const root = el.shadowRoot!;
        const shades = new Set([...root.querySelectorAll('.tile.in')].map((t) => getComputedStyle(t).backgroundColor));
        return {
          tiles: root.querySelectorAll('.tile').length,
          legend: [...root.querySelectorAll('[part=legend] li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim()),
          shades: shades.size,
        };
      }),
    );
    expect(maps[0]).toEqual({ tiles: 25, legend: ['2 a 3', '7 a 8', 'Fuera del informe'], shades: 2 });
    expect(maps[1]).toEqual({ tiles: 25, legend: ['250', '320 a 350', '370 a 420', 'Fuera del informe'], shades: 3 });
    await context.close();
  });
});

describe('failure', () => {
  it('says what could not be loaded and why, without blaming the reader, and retries from the keyboard', async () => {
    const context = await h.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.route('**/graphql?**', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    await page.goto(newspaper('<vigia-region-card region="puno"></vigia-region-card><vigia-region-map lang="en"></vigia-region-map>'));
    await settled(page);
    const es = await text(page, 'vigia-region-card');
    expect(es).toBe('No se pudieron cargar los datos de Vigía sobre Puno. El servicio de datos de Vigía no está disponible en este momento (error 503). Reintentar');
    expect(es).not.toMatch(/conexión/);
    expect(await text(page, 'vigia-region-map')).toBe(
      'Vigía’s data on the briefing’s regions could not be loaded. The Vigía data service is unavailable right now (error 503). Try again',
    );
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axe(page)).toEqual([]);
    }
    await page.unroute('**/graphql?**');
    await page.keyboard.press('Tab'); // the page's first link is inside the article? no: the first focusable is the retry button
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part'))).toBe('retry');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('vigia-region-card')!.shadowRoot!.querySelector('[part=graphic]'));
    expect(await text(page, 'vigia-region-card')).toContain('420');
    await context.close();
  });
});

describe('keyboard and axe', () => {
  it('reaches every disclosure and the chart’s sort buttons with Tab, and works them with Enter and Space', async () => {
    const { page, context } = await tab(360, newspaper('<vigia-training-chart></vigia-training-chart>'));
    const focused = () => page.evaluate(() => {
      const el = document.activeElement?.shadowRoot?.activeElement;
      return el ? `${el.localName}:${el.textContent!.replace(/\s+/g, ' ').trim()}` : null;
    });
    const bars = () => page.evaluate(() => [...document.querySelector('vigia-training-chart')!.shadowRoot!.querySelectorAll('.rows .lbl')].map((l) => l.textContent!.trim()));
    expect(await bars()).toEqual(['Puno', 'Cusco', 'Arequipa', 'Tacna', 'Moquegua']);
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      if (f) seen.push(f);
      if (f === 'button:Como la fuente') {
        await page.keyboard.press('Space');
        await page.waitForFunction(() => document.querySelector('vigia-training-chart')!.shadowRoot!.querySelector('[aria-pressed=true]')!.textContent === 'Como la fuente');
      }
      if (f?.startsWith('summary:Ver los 2 cursos')) await page.keyboard.press('Enter');
    }
    expect(seen.slice(0, 3)).toEqual(['button:De mayor a menor', 'button:Como la fuente', 'summary:Ver los 2 cursos']);
    expect(await bars()).toEqual(['Arequipa', 'Cusco', 'Puno', 'Tacna', 'Moquegua']);
    expect(await text(page, 'vigia-training-chart')).toContain('«Cursillo para la Aplicación de la Guía Operativa');
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe-core violations on the newspaper page, compact and detailed, es and en (${colorScheme})`, { timeout: 90_000 }, async () => {
      const css = colorScheme === 'dark' ? ':root { color-scheme: dark; } body { background: #16181b; color: #e6e3dc; } a { color: #f2a7b3; }' : '';
      const all = Object.values(SIX).join(LOREM);
      const detailed = all.replace(/><\/vigia/g, ' detail lang="en"></vigia');
      const { page, context, errors } = await tab(1280, newspaper(all + detailed, { css }), { colorScheme });
      expect(await axe(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
