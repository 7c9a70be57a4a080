/**
 * How to cite a dataset of Vigía at a version: one CSL-JSON item (the Citation Style
 * Language's data model) built from the snapshot — the dataset, its version and date, the
 * documents its figures come from and their publishers, Vigía's URL for it — then formatted by
 * citation-js: APA 7 through the CSL processor (citeproc-js, with the APA style and the
 * en-US / es-ES locales), BibTeX through its BibTeX plugin, CSL-JSON as the item itself.
 */
/// <reference path="./citation-js.d.ts" />
import { readFileSync } from 'node:fs';
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-bibtex';
import type { Dataset, Document } from '@vigia/schema';
import { datasetVersionAt, figuresOf, publishedAt } from '../read-model/history.js';
import type { Snapshot } from '../read-model/snapshot.js';

export type CitationStyle = 'APA' | 'BIBTEX' | 'CSL_JSON';
export type CitationLang = 'es' | 'en';

// citation-js ships en-US only; the Spanish terms are the CSL project's es-ES locale (csl/README.md).
plugins.config.get('@csl').locales.add('es-ES', readFileSync(new URL('./csl/locales-es-ES.xml', import.meta.url), 'utf8'));
const CSL_LOCALE: Record<CitationLang, string> = { es: 'es-ES', en: 'en-US' };

const WORDS = {
  es: { genre: 'Conjunto de datos', version: (n: number) => `Versión ${n} en Vigía`, from: 'Datos de', months: 'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre' },
  en: { genre: 'Data set', version: (n: number) => `Version ${n} in Vigía`, from: 'Data from', months: 'January February March April May June July August September October November December' },
};

/** A CSL date from an ISO 8601 date at any precision ("2024-02", "2024-02-29"). */
function cslDate(iso: string): { 'date-parts': [number[]] } {
  return { 'date-parts': [iso.split('-').map(Number).filter((n) => Number.isFinite(n))] };
}

/** The day of a moment in Peru (where the data is published), as YYYY-MM-DD. */
const limaDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** "Lima, febrero de 2024" / "Lima, February 2024": a document's place and date, in words. */
function placeAndDate(doc: Document, lang: CitationLang): string {
  const [year, month] = doc.publishedOn.split('-');
  const monthName = month ? WORDS[lang].months.split(' ')[Number(month) - 1] : undefined;
  const date = monthName ? (lang === 'es' ? `${monthName} de ${year}` : `${monthName} ${year}`) : year;
  return [doc.place, date].filter(Boolean).join(', ');
}

/** What a citation says: the dataset at a version, and the documents its figures come from. */
export interface CitationFacts {
  dataset: Dataset;
  version: number;
  /** When that version was published. */
  publishedAt: Date;
  /** The documents behind its figures: the dataset's own source's first, each once. */
  documents: Document[];
  /** Vigía's URL for the data: its CSV download. */
  url: string;
}

/**
 * The facts of a dataset as the snapshot holds it (now, or as of the moment the dataset object
 * is answered for): null before its first publication.
 */
export function citationFacts(data: Snapshot, dataset: Dataset, baseUrl: string, asOf: Date | null = null): CitationFacts | null {
  const version = datasetVersionAt(data, dataset.id, asOf);
  if (!version) return null;
  const documents = new Map<string, Document>();
  for (const sourceId of [dataset.sourceId, ...figuresOf(data, dataset).map((o) => o.sourceId)]) {
    const source = data.sourceById.get(sourceId);
    if (source && !documents.has(source.documentId)) documents.set(source.documentId, source.document);
  }
  return {
    dataset,
    version: version.version,
    publishedAt: publishedAt(data, version.publicationId),
    documents: [...documents.values()],
    url: `${baseUrl}/data/${encodeURIComponent(dataset.key)}.csv`,
  };
}

/** The CSL-JSON item (https://citationstyles.org/, CSL 1.0.2 variables) of a dataset version. */
export function cslItem(facts: CitationFacts, lang: CitationLang): Record<string, unknown> {
  const { dataset, documents } = facts;
  const words = WORDS[lang];
  const original = documents[0];
  const publishers = [...new Set(documents.map((d) => d.publisher))];
  // One identifier for the item and its BibTeX key (BibTeX tools take letters, digits and underscores).
  const id = `vigia_${dataset.key.replace(/[^A-Za-z0-9]+/g, '_')}_v${facts.version}`;
  return {
    id,
    'citation-key': id,
    'citation-label': id,
    type: 'dataset',
    title: lang === 'en' ? dataset.titleEn : dataset.title,
    // The figures are the publishers' own; Vigía publishes them as data.
    author: publishers.map((literal) => ({ literal })),
    publisher: 'Vigía',
    version: String(facts.version),
    genre: words.genre,
    issued: cslDate(limaDay(facts.publishedAt)),
    URL: facts.url,
    language: lang,
    abstract: lang === 'en' ? dataset.descriptionEn : dataset.description,
    note: [words.version(facts.version), ...documents.map((d) => `${words.from}: ${d.publisher}, «${d.title}» (${placeAndDate(d, lang)})`)].join('. ') + '.',
    ...(original
      ? {
          'original-title': original.title,
          'original-publisher': original.publisher,
          ...(original.place ? { 'original-publisher-place': original.place } : {}),
          'original-date': cslDate(original.publishedOn),
        }
      : {}),
  };
}

/** A document as a CSL report (the briefing the figures come from). */
function documentItem(doc: Document): Record<string, unknown> {
  return {
    id: `document-${doc.key}`,
    type: 'report',
    title: doc.title,
    author: [{ literal: doc.publisher }],
    publisher: doc.publisher,
    ...(doc.place ? { 'publisher-place': doc.place } : {}),
    issued: cslDate(doc.publishedOn),
    ...(doc.url ? { URL: doc.url } : {}),
  };
}

/** The fields APA renders for the dataset: the original is cited after it, in its own words. */
const APA_OMITS = ['original-title', 'original-publisher', 'original-publisher-place', 'original-date', 'note', 'abstract'];

const apa = (item: Record<string, unknown>, lang: CitationLang) =>
  new Cite(item).format('bibliography', { format: 'text', template: 'apa', lang: CSL_LOCALE[lang] }).trim();

/**
 * Formatted citations by what they are made of (the item, the documents, the style): the CSL
 * processor takes a tenth of a second or more per APA reference, and a dataset's citation only
 * changes with its version or its documents. Bounded; the oldest entries go first.
 */
const formatted = new Map<string, string>();
const FORMATTED_ENTRIES = 500;

/** The citation of a dataset version in a style. */
export function formatCitation(facts: CitationFacts, style: CitationStyle, lang: CitationLang): string {
  const item = cslItem(facts, lang);
  if (style === 'CSL_JSON') return JSON.stringify([item], null, 2);
  // Formatted with a stand-in for Vigía's URL, put in afterwards: without PUBLIC_URL the URL follows
  // the request's Host, and a caller changing it must not make the processor run again.
  const url = String(item.URL);
  const standIn = { ...item, URL: STAND_IN + url.slice(url.lastIndexOf('/data/')) };
  const key = JSON.stringify([style, lang, standIn, facts.documents.map(documentItem)]);
  let text = formatted.get(key);
  if (text === undefined) {
    text = render(standIn, facts, style, lang);
    if (formatted.size >= FORMATTED_ENTRIES) formatted.delete(formatted.keys().next().value!);
    formatted.set(key, text);
  }
  return text.replaceAll(STAND_IN, url.slice(0, url.lastIndexOf('/data/')));
}

/** Never a real host (RFC 2606). */
const STAND_IN = 'https://vigia.invalid';

function render(item: Record<string, unknown>, facts: CitationFacts, style: Exclude<CitationStyle, 'CSL_JSON'>, lang: CitationLang): string {
  if (style === 'BIBTEX') return new Cite(item).format('bibtex', { format: 'text' }).trim();
  const dataset = apa(Object.fromEntries(Object.entries(item).filter(([k]) => !APA_OMITS.includes(k))), lang);
  const sources = facts.documents.map((d) => apa(documentItem(d), lang));
  return sources.length ? `${dataset} ${WORDS[lang].from}: ${sources.join(' ')}` : dataset;
}
