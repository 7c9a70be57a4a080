/**
 * `GET /feeds/changes.atom`: the public changes of the figures as an Atom 1.0 feed (RFC 4287),
 * newest first, one entry per publication (a save, an import, the seed): what changed, old and
 * new values as the public sees them (small victim counts stay "< 5"), the public note, and a
 * link to each changed dataset's CSV. Never who made a change; keys, sources and spaces are
 * not figures and are not listed. Built from the snapshot, no SQL.
 */
import type { ObservationRevision, Publication, ServiceResultRevision } from '@vigia/schema';
import { publishedValue } from '../core/suppression.js';
import { esc } from '../core/escape.js';
import type { Snapshot } from '../read-model/snapshot.js';

export type FeedLang = 'es' | 'en';

/** Entries in the feed: the newest publications. */
export const FEED_ENTRIES = 100;
/** Figures named in one entry; the rest are counted. */
const LISTED = 25;

const WORDS = {
  es: {
    feed: 'Vigía: cambios en los datos',
    subtitle: 'Cada publicación de cifras en Vigía (trata de personas de niñas, niños y adolescentes en Arequipa, Cusco, Puno, Tacna y Moquegua): qué cambió, con su nota pública y el CSV de cada conjunto de datos.',
    version: (title: string, n: number) => `${title}: versión ${n}`,
    several: (n: number) => `${n} conjuntos de datos actualizados`,
    service: (n: number, year: number) => `Servicio ${n} de la Política Nacional: resultado de ${year}`,
    services: (n: number) => `${n} resultados de servicios actualizados`,
    first: 'Primera publicación de los datos del informe',
    published: 'publicada',
    withdrawn: 'retirada',
    note: 'Nota',
    more: (n: number) => `y ${n} cifras más`,
    csv: (title: string) => `${title} (CSV)`,
    achieved: 'logrado',
    rate: 'ejecución',
  },
  en: {
    feed: 'Vigía: changes to the data',
    subtitle: 'Every publication of figures in Vigía (trafficking of children and adolescents in Arequipa, Cusco, Puno, Tacna and Moquegua): what changed, with its public note and the CSV of each dataset.',
    version: (title: string, n: number) => `${title}: version ${n}`,
    several: (n: number) => `${n} datasets updated`,
    service: (n: number, year: number) => `Service ${n} of the National Policy: ${year} result`,
    services: (n: number) => `${n} service results updated`,
    first: "First publication of the briefing's data",
    published: 'published',
    withdrawn: 'withdrawn',
    note: 'Note',
    more: (n: number) => `and ${n} more figures`,
    csv: (title: string) => `${title} (CSV)`,
    achieved: 'achieved',
    rate: 'execution',
  },
};

/** Text for XML: escaped, and without the characters XML 1.0 cannot carry. */
const xml = (value: unknown) => esc(String(value).replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ''));

/** The figure's value as the public sees it. */
function shown(data: Snapshot, r: ObservationRevision): string {
  const countsVictims = data.datasetById.get(r.datasetId)?.countsVictims ?? true;
  const value = publishedValue({ value: r.value, scope: r.scope, breakdownDimension: r.breakdownDimension, countsVictims }, null).display;
  return r.unit === '%' ? `${value} %` : value;
}

/** The revision of the same figure just before this one (by key), if any. */
function previousOf(data: Snapshot, r: ObservationRevision): ObservationRevision | undefined {
  const list = data.revisionsOfKey.get(r.key) ?? [];
  const i = list.indexOf(r);
  return i > 0 ? list[i - 1] : undefined;
}

function figureLine(data: Snapshot, r: ObservationRevision, lang: FeedLang): string {
  const w = WORDS[lang];
  const label = lang === 'en' ? r.labelEn : r.label;
  const before = previousOf(data, r);
  if (r.withdrawn) return `${label}: ${w.withdrawn} (${shown(data, r)})`;
  if (!before || before.withdrawn) return `${label}: ${shown(data, r)} (${w.published})`;
  const [was, now] = [shown(data, before), shown(data, r)];
  return `${label}: ${was === now ? now : `${was} → ${now}`}`;
}

function resultLine(data: Snapshot, r: ServiceResultRevision, lang: FeedLang): string {
  const w = WORDS[lang];
  const list = data.revisionsOfResult.get(r.serviceResultId) ?? [];
  const before = list[list.indexOf(r) - 1];
  const service = data.serviceById.get(r.serviceId);
  const state = (x: ServiceResultRevision) => `${w.achieved} ${x.achieved} ${lang === 'en' ? x.unitEn : x.unit}${x.executionRate === null ? '' : `, ${w.rate} ${x.executionRate} %`}`;
  const head = `${WORDS[lang].service(service?.number ?? 0, r.year)}`;
  return before ? `${head}: ${state(before)} → ${state(r)}` : `${head}: ${state(r)} (${w.published})`;
}

interface Entry {
  publication: Publication;
  title: string;
  lines: string[];
  links: { href: string; type: string; title: string }[];
  categories: { term: string; label: string }[];
}

function entryOf(data: Snapshot, p: Publication, base: string, lang: FeedLang): Entry {
  const w = WORDS[lang];
  const figures = data.revisionsOfPublication.get(p.id) ?? [];
  const results = data.resultRevisionsOfPublication.get(p.id) ?? [];
  const versions = [...(data.versionsOfPublication.get(p.id) ?? [])].sort(
    (a, b) => (data.datasetById.get(a.datasetId)?.position ?? 0) - (data.datasetById.get(b.datasetId)?.position ?? 0),
  );
  const datasets = versions.flatMap((v) => {
    const d = data.datasetById.get(v.datasetId);
    return d ? [{ d, version: v.version }] : [];
  });
  const titleOf = (d: (typeof datasets)[number]['d']) => (lang === 'en' ? d.titleEn : d.title);
  let title: string;
  if (p.action === 'seed' && datasets.every((x) => x.version === 1)) title = w.first;
  else if (datasets.length === 1) title = w.version(titleOf(datasets[0]!.d), datasets[0]!.version);
  else if (datasets.length > 1) title = w.several(datasets.length);
  else if (results.length === 1) title = w.service(data.serviceById.get(results[0]!.serviceId)?.number ?? 0, results[0]!.year);
  else title = w.services(results.length);

  const lines = [...figures.map((r) => figureLine(data, r, lang)), ...results.map((r) => resultLine(data, r, lang))];
  const listed = lines.length > LISTED ? [...lines.slice(0, LISTED), w.more(lines.length - LISTED)] : lines;
  const links = datasets.map(({ d }) => ({ href: `${base}/data/${encodeURIComponent(d.key)}.csv`, type: 'text/csv', title: w.csv(titleOf(d)) }));
  if (results.length) {
    // Service results have no CSV: the public API's answer for them instead.
    const query = '{ services { number name results { year achieved unit executionRate revisions { publishedAt achieved executionRate note } } } }';
    links.push({ href: `${base}/graphql?query=${encodeURIComponent(query)}`, type: 'application/json', title: lang === 'en' ? 'Service results (GraphQL)' : 'Resultados de los servicios (GraphQL)' });
  }
  return { publication: p, title, lines: listed, links, categories: datasets.map(({ d }) => ({ term: d.key, label: titleOf(d) })) };
}

/** The feed's entries (newest first): the newest publications that changed anything public. */
export function feedEntries(data: Snapshot, base: string, lang: FeedLang): Entry[] {
  const entries: Entry[] = [];
  for (let i = data.publications.length - 1; i >= 0 && entries.length < FEED_ENTRIES; i--) {
    const p = data.publications[i]!;
    const entry = entryOf(data, p, base, lang);
    if (entry.lines.length || entry.categories.length) entries.push(entry);
  }
  return entries;
}

/** An entry's permanent id: a tag URI (RFC 4151) on Vigía's host and the publication's date. */
const tagOf = (base: string, p: Publication) => `tag:${new URL(base).hostname},${p.at.toISOString().slice(0, 10)}:vigia:publication:${p.id}`;

/** The Atom document. `base` is Vigía's public URL (no trailing slash). */
export function changesFeed(data: Snapshot, base: string, lang: FeedLang = 'es'): string {
  const w = WORDS[lang];
  const self = `${base}/feeds/changes.atom${lang === 'en' ? '?lang=en' : ''}`;
  const entries = feedEntries(data, base, lang);
  const updated = (entries[0]?.publication.at ?? new Date(0)).toISOString();
  const body = entries.map((e) => {
    const at = e.publication.at.toISOString();
    const note = e.publication.note;
    const html =
      `<ul>${e.lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` +
      (note ? `<p>${esc(w.note)}: ${esc(note)}</p>` : '') +
      (e.links.length ? `<p>${e.links.map((l) => `<a href="${esc(l.href)}">${esc(l.title)}</a>`).join(' · ')}</p>` : '');
    // One alternate link (RFC 4287 allows one per type); further datasets' CSVs are related.
    const links = e.links.map((l, i) => `    <link rel="${i === 0 ? 'alternate' : 'related'}" type="${l.type}" href="${xml(l.href)}" title="${xml(l.title)}"/>`);
    return [
      '  <entry>',
      `    <id>${xml(tagOf(base, e.publication))}</id>`,
      `    <title type="text">${xml(e.title)}</title>`,
      `    <published>${at}</published>`,
      `    <updated>${at}</updated>`,
      ...links,
      ...e.categories.map((c) => `    <category term="${xml(c.term)}" label="${xml(c.label)}"/>`),
      `    <summary type="text">${xml([e.lines.join('; '), note ? `${w.note}: ${note}` : ''].filter(Boolean).join('. '))}</summary>`,
      `    <content type="html">${xml(html)}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
    `  <id>${xml(`${base}/feeds/changes.atom`)}</id>`,
    `  <title type="text">${xml(w.feed)}</title>`,
    `  <subtitle type="text">${xml(w.subtitle)}</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(self)}"/>`,
    `  <link rel="related" type="application/ld+json" href="${xml(`${base}/catalog.jsonld`)}"/>`,
    `  <author><name>Vigía</name><uri>${xml(`${base}/`)}</uri></author>`,
    '  <generator>Vigía</generator>',
    ...body,
    '</feed>',
    '',
  ].join('\n');
}
