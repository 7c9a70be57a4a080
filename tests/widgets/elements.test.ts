/**
 * Each widget, on a partner page (another origin, script tag only), against the real server:
 * the figures of the source document with their sources, both languages, not-found, pending
 * and bad-attribute states, and hostile attribute values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, startHarness, text, type Harness, type Tab } from './support.js';

let h: Harness;
const tabs: Tab[] = [];

async function show(body: string, lang = 'es'): Promise<Tab> {
  const tab = await open(h, h.embed(body, { lang }));
  tabs.push(tab);
  return tab;
}

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('<vigia-region-card>', () => {
  it('shows Puno: spaces by level (La Rinconada as a populated centre), officers trained, high incidence, sources', async () => {
    const { page } = await show('<vigia-region-card region="puno" detail></vigia-region-card>');
    const t = await text(page, 'vigia-region-card');
    expect(t).toMatch(/^Puno frente a la trata de personas/);
    expect(t).toContain('Región de alta incidencia de trata de personas');
    expect(t).toContain('7 espacios de coordinación contra la trata');
    expect(t).toContain('Regionales: 1');
    expect(t).toContain('Provinciales: 3');
    expect(t).toContain('Distritales: 2');
    expect(t).toContain('De centro poblado: 1');
    // The named spaces, behind "Ver los 7 espacios" (open with `detail`).
    expect(t).toMatch(/Distritales \(2\) San Miguel \(San Román\) y Desaguadero \(Chucuito\)/);
    expect(t).toMatch(/De centro poblado \(1\) La Rinconada/);
    expect(t).toContain('San Román – Juliaca');
    expect(t).toMatch(/420 efectivos policiales capacitados, 2021–2023/);
    expect(t).toContain('Fuente: Ministerio del Interior');
    expect(t).toContain('lámina 8');
    expect(t).toContain('lámina 9');

    const links = await page.evaluate(() =>
      [...document.querySelector('vigia-region-card')!.shadowRoot!.querySelectorAll('a')].map((a) => a.href),
    );
    const csv = links.find((l) => l.endsWith('/data/police-officers-trained-2021-2023.csv'));
    expect(csv?.startsWith(h.api.url)).toBe(true);
    const response = await fetch(csv!);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(await response.text()).toContain('police-trained-puno');
  });

  it('takes the ubigeo code and lang="en"', async () => {
    const { page } = await show('<vigia-region-card region="08" lang="en" detail></vigia-region-card>');
    const t = await text(page, 'vigia-region-card');
    expect(t).toMatch(/^Cusco: the response to trafficking in persons/);
    expect(t).toContain('High-incidence region');
    expect(t).toContain('8 coordination spaces against trafficking');
    expect(t).toContain('Provincial: 5');
    expect(t).toContain('Catta (Quispicanchi)');
    expect(t).toContain('370 police officers trained, 2021–2023');
    expect(t).toContain('Source: Ministerio del Interior');
    expect(t).toContain('Data (CSV)');
    const lang = await page.evaluate(() => document.querySelector('vigia-region-card')!.shadowRoot!.querySelector('article')!.lang);
    expect(lang).toBe('en');
  });

  it('says what the source does not give instead of showing zeros', async () => {
    const { page } = await show(
      '<vigia-region-card region="moquegua"></vigia-region-card><vigia-region-card region="LIMA" detail></vigia-region-card>',
    );
    const moquegua = await text(page, 'vigia-region-card', 0);
    expect(moquegua).toContain('La fuente no la señala como región de alta incidencia');
    expect(moquegua).toContain('Provinciales: 2');
    expect(moquegua).toMatch(/^Moquegua .*250 efectivos policiales capacitados/);
    const lima = await text(page, 'vigia-region-card', 1);
    expect(lima).toContain('Lima');
    expect(lima).toContain('La fuente no detalla espacios de coordinación para esta región.');
    expect(lima).toContain('La fuente no da efectivos policiales capacitados para esta región.');
    expect(lima).not.toMatch(/\b0\b/);
  });

  it('tells a reader when the region is unknown or missing', async () => {
    const { page } = await show('<vigia-region-card region="atlantis"></vigia-region-card><vigia-region-card></vigia-region-card>');
    expect(await text(page, 'vigia-region-card', 0)).toBe('No encontramos la región «atlantis» en Vigía.');
    expect(await text(page, 'vigia-region-card', 1)).toContain('Falta indicar la región');
  });

  it('fetches again when the region attribute changes', async () => {
    const { page } = await show('<vigia-region-card region="tacna"></vigia-region-card>');
    expect(await text(page, 'vigia-region-card')).toMatch(/^Tacna .*320 efectivos policiales capacitados/);
    await page.evaluate(() => {
      const card = document.querySelector('vigia-region-card')!;
      card.setAttribute('region', 'arequipa');
      card.toggleAttribute('detail', true);
    });
    await page.waitForFunction(() =>
      document.querySelector('vigia-region-card')!.shadowRoot!.querySelector('article')!.textContent!.includes('Arequipa'),
    );
    const t = await text(page, 'vigia-region-card');
    expect(t).toMatch(/^Arequipa .*350 efectivos policiales capacitados/);
    expect(t).toContain('Cayma (Camaná)');
  });
});

describe('<vigia-coordination-counter>', () => {
  it('counts the five focus regions, one level of one region, and the national totals', async () => {
    const { page } = await show(`
      <vigia-coordination-counter></vigia-coordination-counter>
      <vigia-coordination-counter region="cusco" level="provincial"></vigia-coordination-counter>
      <vigia-coordination-counter region="21" level="POPULATED-center"></vigia-coordination-counter>
      <vigia-coordination-counter national lang="en" detail></vigia-coordination-counter>`);
    const focus = await text(page, 'vigia-coordination-counter', 0);
    expect(focus).toContain('En Arequipa, Cusco, Moquegua, Puno y Tacna (las regiones del informe)');
    expect(focus).toContain('23 espacios de coordinación contra la trata de personas');
    expect(focus).toContain('Regionales: 5');
    expect(focus).toContain('Locales (provinciales, distritales y de centro poblado): 18');
    expect(focus).toMatch(/Regionales: 5 Provinciales: 11 Distritales: 6 De centro poblado: 1/);
    // No list repeating the number: "23" once.
    expect(focus.match(/\b23\b/g)).toHaveLength(1);

    const cusco = await text(page, 'vigia-coordination-counter', 1);
    expect(cusco).toContain('En Cusco');
    expect(cusco).toContain('5 espacios de coordinación provinciales contra la trata de personas, de 8 en total');
    const current = await page.evaluate(
      () => document.querySelectorAll('vigia-coordination-counter')[1]!.shadowRoot!.querySelector('[aria-current="true"]')!.textContent,
    );
    expect(current!.replace(/\s+/g, ' ').trim()).toBe('Provinciales: 5');

    const puno = await text(page, 'vigia-coordination-counter', 2);
    expect(puno).toContain('1 espacio de coordinación de centro poblado contra la trata de personas');

    const national = await text(page, 'vigia-coordination-counter', 3);
    expect(national).toContain('Nationwide');
    expect(national).toContain('115 coordination spaces');
    expect(national).toContain('Regional: 25');
    expect(national).toMatch(/Provincial: 55 District: 35 Local \(provincial, district and populated centre\): 90/);
    // The source gives no populated-centre figure: no zero drawn, and the note says why.
    expect(national).not.toContain('Populated centre: 0');
    expect(national).toContain('gives no populated-centre figure');
    expect(national).toContain('slide 7');
    const csv = await page.evaluate(() =>
      [...document.querySelectorAll('vigia-coordination-counter')].map((el) => el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part~=csv]')?.href ?? null),
    );
    expect(csv).toEqual([
      `${h.api.url}/data/coordination-spaces-five-regions.csv`,
      null,
      null,
      `${h.api.url}/data/coordination-spaces-national-2023.csv`,
    ]);
  });

  it('explains a bad level and an unknown region', async () => {
    const { page } = await show(
      '<vigia-coordination-counter level="county"></vigia-coordination-counter><vigia-coordination-counter region="nowhere"></vigia-coordination-counter>',
    );
    expect(await text(page, 'vigia-coordination-counter', 0)).toContain('El nivel «county» no existe');
    expect(await text(page, 'vigia-coordination-counter', 1)).toBe('No encontramos la región «nowhere» en Vigía.');
    const buttons = await page.evaluate(() => document.querySelector('vigia-coordination-counter')!.shadowRoot!.querySelectorAll('button').length);
    expect(buttons).toBe(0);
  });
});

describe('<vigia-services>', () => {
  it('lists the 42 services by entity, sectors and autonomous bodies, INEI as an operational activity', async () => {
    const { page } = await show('<vigia-services detail></vigia-services><vigia-services kind="autonomous_body" lang="en" detail></vigia-services>');
    const t = await text(page, 'vigia-services', 0);
    expect(t).toMatch(/^Política Nacional frente a la Trata de Personas/);
    expect(t).toContain('42 servicios a cargo de 15 entidades');
    expect(t).toContain('Decreto Supremo N° 009-2021-IN');
    expect(t).toContain('Ministerio del Interior (MININTER): 11 servicios');
    expect(t).toContain('Superintendencia Nacional de Migraciones (MIGRACIONES)');
    expect(t).toContain('Ministerio Público – Fiscalía de la Nación (MPFN): 7 servicios');
    expect(t).toContain('(INEI): 1 actividad operativa');
    expect(t).toContain('Servicio 20');
    expect(t).toContain('2,605 efectivos PNP capacitados en 2023 (157.5% de ejecución)');
    expect(t).toContain('825 asistencias técnicas en 2023 (118.5% de ejecución)');
    // The results as figures with their execution rate.
    expect(t).toContain('825 asistencias técnicas en 2023 · 118.5% de ejecución · Servicio 4 (MININTER)');
    expect(t).toContain('2,605 efectivos PNP capacitados en 2023 · 157.5% de ejecución · Servicio 20 (MININTER)');
    const counts = await page.evaluate(() =>
      [...document.querySelector('vigia-services')!.shadowRoot!.querySelectorAll('ul[part=list]')].map((u) => u.children.length),
    );
    expect(counts.slice(0, 2)).toEqual([11, 4]);
    // A bar chart sorted by services, sectors and autonomous bodies apart, INEI's activity as such.
    const bars = await page.evaluate(() =>
      [...document.querySelector('vigia-services')!.shadowRoot!.querySelectorAll('ol[part=chart]')].map((ol) =>
        [...ol.querySelectorAll('li')].map((li) => `${li.querySelector('.lbl')!.textContent!.trim()} ${li.querySelector('.num')!.textContent!.trim()}`),
      ),
    );
    expect(bars[0]).toEqual(['MININTER 11', 'MIMP 6', 'MTPE 4', 'RREE 3', 'MINSA 2', 'MTC 2', 'MINJUSDH 1', 'MINEDU 1', 'MINEM 1', 'MIDAGRI 1', 'MINCUL 1']);
    expect(bars[1]).toEqual(['MPFN 7', 'PJ 1', 'RENIEC 1', 'INEI 1 actividad operativa']);

    const en = await text(page, 'vigia-services', 1);
    expect(en).toContain('National Policy against Trafficking in Persons');
    expect(en).toContain('Autonomous bodies');
    expect(en).not.toContain('Sectors');
    expect(en).toContain('Poder Judicial (PJ): 1 service');
    expect(en).toContain('1 operational activity');
  });
});

describe('<vigia-indicator>', () => {
  it('shows a figure with its period and source, in both languages', async () => {
    const { page } = await show(
      '<vigia-indicator key="victims-women-share" detail></vigia-indicator><vigia-indicator indicator="women-victims-minors-share" lang="en"></vigia-indicator>',
    );
    const es = await text(page, 'vigia-indicator', 0);
    expect(es).toMatch(/^Víctimas de trata de personas que fueron mujeres Periodo: 2021–2022 85.3%/);
    expect(es).toContain('Periodo: 2021–2022');
    expect(es).toContain('Fuente: Ministerio del Interior, feb. 2024, lámina 3');
    expect(es).toContain('que cita: INEI');
    const en = await text(page, 'vigia-indicator', 1);
    expect(en).toMatch(/^Women trafficking victims under 18 Period: 2021–2022 36.6%/);
    expect(en).toContain('Period: 2021–2022');
  });

  it('shows a pending dataset as pending, never as zero, and says when a key is unknown', async () => {
    const { page } = await show(`
      <vigia-indicator key="trafficking-cases-by-region-2021-2023"></vigia-indicator>
      <vigia-indicator key="nna-victims-attended-upe-2018-2023" lang="en"></vigia-indicator>
      <vigia-indicator key="no-such-key"></vigia-indicator>`);
    const cases = await text(page, 'vigia-indicator', 0);
    expect(cases).toContain('Datos pendientes');
    expect(cases).toContain('La fuente muestra estas cifras solo como un gráfico');
    expect(cases).not.toMatch(/\b0\b/);
    expect(cases).toContain('Datos (CSV)');
    const upe = await text(page, 'vigia-indicator', 1);
    expect(upe).toContain('Data pending');
    expect(upe).toContain('Jan 2018 – Jan 2023');
    expect(await text(page, 'vigia-indicator', 2)).toBe('No encontramos el indicador «no-such-key» en Vigía.');
  });
});

describe('<vigia-training-chart>', () => {
  it('draws officers trained by region as sortable HTML bars with the numbers as text, the total and the courses', async () => {
    const { page } = await show('<vigia-training-chart detail></vigia-training-chart>');
    const chart = () =>
      page.evaluate(() => {
        const root = document.querySelector('vigia-training-chart')!.shadowRoot!;
        const list = root.querySelector('ol[part=chart]')!;
        return {
          label: list.getAttribute('aria-label'),
          rows: [...list.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim()),
          bars: [...list.querySelectorAll('[part=bar]')].map((b) => b.getBoundingClientRect().width),
        };
      });
    const sorted = await chart();
    expect(sorted.label).toContain('Arequipa 350, Cusco 370, Puno 420, Tacna 320 y Moquegua 250');
    // Largest first by default; bars are proportional.
    expect(sorted.rows).toEqual(['Puno 420', 'Cusco 370', 'Arequipa 350', 'Tacna 320', 'Moquegua 250']);
    expect(sorted.bars[4]! / sorted.bars[0]!).toBeCloseTo(250 / 420, 2);
    // The reader can put them in the source's order.
    await page.locator('vigia-training-chart').getByRole('button', { name: 'Como la fuente' }).click();
    expect((await chart()).rows).toEqual(['Arequipa 350', 'Cusco 370', 'Puno 420', 'Tacna 320', 'Moquegua 250']);
    const t = await text(page, 'vigia-training-chart');
    expect(t).toContain('Efectivos policiales capacitados en las cinco regiones: 1,710');
    expect(t).toContain('«Cursillo para la Aplicación de la Guía Operativa');
    expect(t).toContain('(virtual)');
    expect(t).toContain('lámina 9');
  });
});

describe('<vigia-region-map>', () => {
  it('shows the five regions as tiles with their figure, a legend and a table', async () => {
    const { page } = await show(`
      <vigia-region-map></vigia-region-map>
      <vigia-region-map metric="high-incidence" lang="en"></vigia-region-map>
      <vigia-region-map metric="coordination-spaces" view="table"></vigia-region-map>
      <vigia-region-map metric="colour"></vigia-region-map>`);
    const tiles = await page.evaluate(() =>
      [...document.querySelector('vigia-region-map')!.shadowRoot!.querySelectorAll('[part=tile]')].map((t) =>
        `${t.querySelector('.vh')!.textContent}${t.querySelector('.v')!.textContent}`.replace(/\s+/g, ' ').trim(),
      ),
    );
    expect(tiles).toEqual(['Arequipa: 350', 'Cusco: 370', 'Moquegua: 250', 'Puno: 420', 'Tacna: 320']);
    const police = await text(page, 'vigia-region-map', 0);
    expect(police).toMatch(/^Efectivos policiales capacitados en trata de personas, por región Las cinco regiones del informe, 2021–2023/);
    expect(police).toContain('Leyenda');
    expect(police).toContain('320 a 350');
    expect(police).toContain('Datos (CSV)');

    const high = await text(page, 'vigia-region-map', 1);
    expect(high).toMatch(/Arequipa: (ARE |Arequipa )?Yes/);
    expect(high).toMatch(/Moquegua: (MOQ |Moquegua )?No/);

    const table = await page.evaluate(() =>
      [...document.querySelectorAll('vigia-region-map')[2]!.shadowRoot!.querySelectorAll('tbody tr')].map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
    );
    expect(table).toEqual(['Arequipa 2', 'Cusco 8', 'Moquegua 3', 'Puno 7', 'Tacna 3']);
    expect(await text(page, 'vigia-region-map', 3)).toContain('El valor «colour» del atributo metric no es válido.');
  });
});

describe('hostile attributes', () => {
  it('renders attribute values as text and never runs them', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const attr = evil.replace(/"/g, '&quot;');
    const { page } = await show(`
      <vigia-region-card region="${attr}"></vigia-region-card>
      <vigia-indicator key="${attr}"></vigia-indicator>
      <vigia-coordination-counter level="${attr}"></vigia-coordination-counter>
      <vigia-region-card region="puno" endpoint="javascript:window.__pwned=3"></vigia-region-card>`);
    expect(await text(page, 'vigia-region-card', 0)).toBe(`No encontramos la región «${evil}» en Vigía.`);
    expect(await text(page, 'vigia-indicator')).toContain(evil);
    expect(await text(page, 'vigia-coordination-counter')).toContain(evil);
    expect(await text(page, 'vigia-region-card', 1)).toBe('La dirección del servicio de datos (atributo endpoint) no es válida.');
    const found = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      injected: [...document.querySelectorAll('*')].filter((e) => e.shadowRoot?.querySelector('img, script')).length,
    }));
    expect(found).toEqual({ pwned: undefined, injected: 0 });
  });
});

it('logged no console errors or warnings on any page above', () => {
  expect(tabs.length).toBeGreaterThan(10);
  expect(tabs.flatMap((t) => t.errors)).toEqual([]);
});
