/**
 * Embed pages describe their data for search engines: a schema.org `Dataset` in a
 * `<script type="application/ld+json">` (the datasets behind the figures, with version, dates,
 * coverage, the briefing they are based on and the CSV as DataDownload), which the page's
 * Content-Security-Policy lets through as data without any violation in Chromium; and the
 * figures' fallback offers "Cite" for them, as the widgets do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, startHarness, type Harness, type Tab } from '../widgets/support.js';

let h: Harness;
const tabs: Tab[] = [];
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await Promise.all(tabs.map((t) => t.context.close()));
  await h?.close();
});

/** The JSON-LD blocks of a page. */
function jsonLdOf(html: string): any[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

describe('schema.org Dataset in the gallery', () => {
  it('lists every dataset, each with a CSV that answers from the server serving the page', async () => {
    const page = `${h.api.url}/widgets/`;
    const [catalog, ...more] = jsonLdOf(await (await fetch(page)).text());
    expect(more).toEqual([]);
    expect(catalog).toMatchObject({ '@context': 'https://schema.org', '@type': 'DataCatalog', name: 'Vigía' });
    const keys = (await (await fetch(`${h.api.url}/graphql?query=${encodeURIComponent('{ datasets { key } }')}`)).json()).data.datasets.map((d: { key: string }) => d.key);
    expect(catalog.dataset.map((d: { identifier: string }) => d.identifier)).toEqual(keys);
    for (const d of catalog.dataset) {
      expect(d['@type']).toBe('Dataset');
      expect(d.name.length).toBeGreaterThan(10);
      expect(d.description.length).toBeGreaterThan(50);
      expect(d.isBasedOn.name).toMatch(/^Problemática de la trata de personas/);
      // Relative to the page, as a JSON-LD processor resolves it.
      const csv = await fetch(new URL(d.distribution[0].contentUrl, page));
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      await csv.arrayBuffer();
    }
    expect(new URL(catalog.url, page).href).toBe(`${h.api.url}/catalog.jsonld`);
  });
});

describe('schema.org Dataset on embed pages', () => {
  it('describes the datasets behind the figures, with a CSV that answers', async () => {
    const html = await (await fetch(`${h.api.url}/embed/training-chart?lang=en`)).text();
    const [doc, ...more] = jsonLdOf(html);
    expect(more).toEqual([]);
    expect(doc['@context']).toBe('https://schema.org');
    const [dataset] = doc['@graph'];
    expect(dataset).toMatchObject({
      '@type': 'Dataset',
      identifier: 'police-officers-trained-2021-2023',
      name: 'Police officers trained on trafficking in persons by region, 2021–2023',
      inLanguage: 'en',
      version: '1',
      temporalCoverage: '2021-01-01/2023-12-31',
      publisher: { '@type': 'Organization', name: 'Vigía' },
      creator: [{ '@type': 'Organization', name: 'Ministerio del Interior — Dirección General de Seguridad Democrática' }],
      isBasedOn: [
        {
          '@type': 'Report',
          name: 'Problemática de la trata de personas de niñas, niños y adolescentes en las regiones de Arequipa, Cusco, Puno, Tacna y Moquegua',
          datePublished: '2024-02',
        },
      ],
      distribution: [{ '@type': 'DataDownload', encodingFormat: 'text/csv', contentUrl: `${h.api.url}/data/police-officers-trained-2021-2023.csv` }],
    });
    expect(dataset.description.length).toBeGreaterThan(50);
    expect(dataset.spatialCoverage.map((p: { name: string }) => p.name)).toEqual(['Perú', 'Arequipa', 'Cusco', 'Moquegua', 'Puno', 'Tacna']);
    expect(Date.parse(dataset.dateModified)).toBeGreaterThanOrEqual(Date.parse(dataset.datePublished));
    const csv = await fetch(dataset.distribution[0].contentUrl);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  });

  it('describes the figures themselves where no dataset is behind them (the services)', async () => {
    const html = await (await fetch(`${h.api.url}/embed/services`)).text();
    const [doc] = jsonLdOf(html);
    expect(doc).toMatchObject({ '@context': 'https://schema.org', '@type': 'Dataset', url: `${h.api.url}/embed/services`, inLanguage: 'es' });
    expect(doc.name).toContain('Política Nacional');
    expect(doc.isBasedOn.name).toContain('Ministerio del Interior');
    expect(html).not.toContain('Citar estos datos');
  });

  it('offers "Cite" in the fallback, and passes the CSP without a violation in Chromium', async () => {
    const url = `${h.api.url}/embed/region-card?region=puno`;
    const html = await (await fetch(url)).text();
    expect(html).toContain(
      `<p class="src cite">Citar estos datos: <a href="${h.api.url}/data/police-officers-trained-2021-2023.apa.txt">APA</a> · <a href="${h.api.url}/data/police-officers-trained-2021-2023.bib">BibTeX</a> · <a href="${h.api.url}/data/police-officers-trained-2021-2023.csl.json">CSL-JSON</a></p>`,
    );
    const tab = await open(h, url, { wait: false });
    tabs.push(tab);
    const missing: string[] = [];
    tab.page.on('response', (r) => r.status() === 404 && missing.push(new URL(r.url()).pathname));
    await tab.page.reload();
    await tab.page.waitForFunction(() => !!document.querySelector('vigia-region-card')?.shadowRoot?.querySelector('[part~="cite"]'));
    const blocks = await tab.page.evaluate(() => [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent!)['@graph'][0].identifier));
    expect(blocks).toEqual(['police-officers-trained-2021-2023']);
    expect(tab.errors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
    // The browser asks the API origin for a favicon, which Vigía does not have; nothing else is missing.
    expect(missing.filter((p) => p !== '/favicon.ico')).toEqual([]);
  });
});
