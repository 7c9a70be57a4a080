/**
 * "Cite this data" in a widget's source disclosure: links to the dataset's citation files
 * (APA, BibTeX, CSL-JSON) beside its CSV, in the widget's language, that answer with the
 * citation of the version shown. Real server, real Chromium, a partner page on another origin.
 */
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, startHarness, type Harness, type Tab } from './support.js';

let h: Harness;
const tabs: Tab[] = [];
const DATASET = 'police-officers-trained-2021-2023';

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await Promise.all(tabs.map((t) => t.context.close()));
  await h?.close();
});

async function citeLinks(lang: 'es' | 'en') {
  const tab = await open(h, h.embed(`<vigia-training-chart lang="${lang}" detail></vigia-training-chart>`, { lang }));
  tabs.push(tab);
  const line = tab.page.locator('vigia-training-chart [part~="cite"]');
  const links = line.locator('a');
  return {
    tab,
    text: (await line.textContent())!.replace(/\s+/g, ' ').trim(),
    links: await links.evaluateAll((as) => as.map((a) => ({ label: a.textContent!.trim(), href: (a as HTMLAnchorElement).href }))),
  };
}

describe('"Cite this data"', () => {
  it('offers APA, BibTeX and CSL-JSON beside the CSV, inside the full-source disclosure', async () => {
    const { text, links, tab } = await citeLinks('es');
    expect(text).toBe('Citar estos datos: APA · BibTeX · CSL-JSON');
    expect(links).toEqual([
      { label: 'APA', href: `${h.api.url}/data/${DATASET}.apa.txt` },
      { label: 'BibTeX', href: `${h.api.url}/data/${DATASET}.bib` },
      { label: 'CSL-JSON', href: `${h.api.url}/data/${DATASET}.csl.json` },
    ]);
    // It sits in the disclosure with the full source, not in the always-visible footer line.
    expect(await tab.page.locator('vigia-training-chart [part~="notes"] [part~="cite"]').count()).toBe(1);
    expect(tab.errors).toEqual([]);

    const apa = await fetch(links[0]!.href);
    expect(apa.status).toBe(200);
    expect(apa.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(apa.headers.get('access-control-allow-origin')).toBe('*');
    expect(await apa.text()).toMatch(/\(Versión 1\) \[Conjunto de datos\]\. Vigía\. http:\/\/127\.0\.0\.1:\d+\/data\/police-officers-trained-2021-2023\.csv Datos de: /);
    const bib = await fetch(links[1]!.href);
    expect(bib.headers.get('content-type')).toBe('application/x-bibtex; charset=utf-8');
    const parsed = parseBibtex(await bib.text());
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((e) => e.key)).toEqual(['vigia_police_officers_trained_2021_2023_v1']);
    const csl = await fetch(links[2]!.href);
    expect(csl.headers.get('content-type')).toBe('application/vnd.citationstyles.csl+json; charset=utf-8');
    expect(await csl.json()).toMatchObject([{ type: 'dataset', version: '1', language: 'es' }]);
  });

  it('in English, links to the English citation', async () => {
    const { text, links } = await citeLinks('en');
    expect(text).toBe('Cite this data: APA · BibTeX · CSL-JSON');
    expect(links.map((l) => l.href)).toEqual(['apa.txt', 'bib', 'csl.json'].map((ext) => `${h.api.url}/data/${DATASET}.${ext}?lang=en`));
    const apa = await (await fetch(links[0]!.href)).text();
    expect(apa).toContain('Police officers trained on trafficking in persons by region, 2021–2023 (Version 1) [Data set]');
  });

  it('a citation file of an unknown dataset is a 404', async () => {
    const res = await fetch(`${h.api.url}/data/nope.bib`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'No dataset with key "nope"', code: 'NOT_FOUND' });
  });
});
