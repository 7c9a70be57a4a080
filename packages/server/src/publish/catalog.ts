/**
 * `GET /catalog.jsonld`: Vigía's datasets as a W3C DCAT catalogue (DCAT 3, with the properties
 * DCAT-AP 3 asks of a dataset and a distribution) in JSON-LD, for data portals and Google
 * Dataset Search. The `@context` is inline, so a harvester expands it without fetching
 * anything. Every dataset: titles and descriptions in Spanish and English, publisher (Vigía)
 * and creators (the publishers of the documents its figures come from), issued and modified
 * (its first and latest version), temporal and spatial coverage, keywords, version, and its CSV
 * as distribution. A licence only when the operator configures one (DATA_LICENSE_URL).
 */
import type { Dataset, Document, Region } from '@vigia/schema';
import { isoDate } from '../core/dates.js';
import { publishedAt } from '../read-model/history.js';
import type { Snapshot } from '../read-model/snapshot.js';

export const CATALOG_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  'dcat:downloadURL': { '@type': '@id' },
  'dcat:accessURL': { '@type': '@id' },
  'dcat:mediaType': { '@type': '@id' },
  'dct:format': { '@type': '@id' },
  'dct:license': { '@type': '@id' },
  'dct:language': { '@type': '@id' },
  'foaf:homepage': { '@type': '@id' },
} as const;

/** Controlled vocabularies DCAT-AP uses (EU Publications Office authority tables, IANA). */
const VOCAB = {
  csvMediaType: 'https://www.iana.org/assignments/media-types/text/csv',
  csvFormat: 'http://publications.europa.eu/resource/authority/file-type/CSV',
  spanish: 'http://publications.europa.eu/resource/authority/language/SPA',
  english: 'http://publications.europa.eu/resource/authority/language/ENG',
  peru: 'http://publications.europa.eu/resource/authority/country/PER',
};

const KEYWORDS = {
  es: ['trata de personas', 'niñas, niños y adolescentes', 'Perú', 'Ministerio del Interior'],
  en: ['trafficking in persons', 'children and adolescents', 'Peru', 'Ministry of the Interior'],
};

const both = (es: string, en: string) => [
  { '@value': es, '@language': 'es' },
  { '@value': en, '@language': 'en' },
];
const dateTime = (at: Date) => ({ '@value': at.toISOString(), '@type': 'xsd:dateTime' });
const date = (at: Date) => ({ '@value': isoDate(at), '@type': 'xsd:date' });
/** A document's date at its own precision (e.g. "2024-02" is a month). */
const partialDate = (iso: string) => ({ '@value': iso, '@type': iso.length === 4 ? 'xsd:gYear' : iso.length === 7 ? 'xsd:gYearMonth' : 'xsd:date' });

/** The regions the dataset's figures are about (the five focus regions for their joint figures). */
function regionsOf(data: Snapshot, dataset: Dataset): Region[] {
  const regions = new Map<string, Region>();
  for (const o of data.observationsOfDataset.get(dataset.id) ?? []) {
    if (o.regionId) regions.set(o.regionId, data.regionById.get(o.regionId)!);
    if (o.scope === 'FOCUS_REGIONS') for (const r of data.regions) if (r.isFocus) regions.set(r.id, r);
  }
  return [...regions.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** The documents its figures come from, the dataset's own source's first. */
function documentsOf(data: Snapshot, dataset: Dataset): Document[] {
  const documents = new Map<string, Document>();
  for (const sourceId of [dataset.sourceId, ...(data.observationsOfDataset.get(dataset.id) ?? []).map((o) => o.sourceId)]) {
    const source = data.sourceById.get(sourceId);
    if (source) documents.set(source.documentId, source.document);
  }
  return [...documents.values()];
}

export interface CatalogOptions {
  /** Vigía's public URL, no trailing slash. */
  base: string;
  /** DATA_LICENSE_URL: the licence the operator publishes the data under; none when unset. */
  licenseUrl?: string | undefined;
}

function datasetNode(data: Snapshot, d: Dataset, { base, licenseUrl }: CatalogOptions) {
  const versions = data.versionsOfDataset.get(d.id) ?? [];
  const first = versions[0];
  const last = versions[versions.length - 1];
  const csv = `${base}/data/${encodeURIComponent(d.key)}.csv`;
  const regions = regionsOf(data, d);
  const documents = documentsOf(data, d);
  return {
    '@id': `${base}/catalog.jsonld#dataset-${encodeURIComponent(d.key)}`,
    '@type': 'dcat:Dataset',
    'dct:identifier': d.key,
    'dct:title': both(d.title, d.titleEn),
    'dct:description': both(d.description, d.descriptionEn),
    'dct:publisher': { '@id': `${base}/#vigia` },
    'dct:creator': [...new Set(documents.map((doc) => doc.publisher))].map((name) => ({ '@type': 'foaf:Agent', 'foaf:name': name })),
    'dct:source': documents.map((doc) => ({
      '@type': 'foaf:Document',
      'dct:title': { '@value': doc.title, '@language': 'es' },
      'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': doc.publisher },
      'dct:issued': partialDate(doc.publishedOn),
      ...(doc.url ? { 'foaf:page': { '@id': doc.url } } : {}),
    })),
    ...(first ? { 'dct:issued': dateTime(publishedAt(data, first.publicationId)) } : {}),
    ...(last ? { 'dct:modified': dateTime(publishedAt(data, last.publicationId)), 'dcat:version': String(last.version) } : {}),
    ...(d.periodStart && d.periodEnd
      ? { 'dct:temporal': { '@type': 'dct:PeriodOfTime', 'dcat:startDate': date(d.periodStart), 'dcat:endDate': date(d.periodEnd) } }
      : {}),
    'dct:spatial': [
      { '@id': VOCAB.peru },
      ...regions.map((r) => ({ '@type': 'dct:Location', 'skos:prefLabel': r.name, 'dct:identifier': r.code })),
    ],
    'dcat:keyword': [
      ...KEYWORDS.es.map((k) => ({ '@value': k, '@language': 'es' })),
      ...KEYWORDS.en.map((k) => ({ '@value': k, '@language': 'en' })),
      ...regions.map((r) => ({ '@value': r.name, '@language': 'es' })),
    ],
    'dct:language': [VOCAB.spanish, VOCAB.english],
    'dcat:distribution': [
      {
        '@id': `${csv}#distribution`,
        '@type': 'dcat:Distribution',
        'dct:title': both(`${d.title} (CSV)`, `${d.titleEn} (CSV)`),
        'dcat:accessURL': csv,
        'dcat:downloadURL': csv,
        'dcat:mediaType': VOCAB.csvMediaType,
        'dct:format': VOCAB.csvFormat,
        ...(licenseUrl ? { 'dct:license': licenseUrl } : {}),
        ...(last ? { 'dct:modified': dateTime(publishedAt(data, last.publicationId)) } : {}),
      },
    ],
  };
}

/** The whole catalogue as a JSON-LD document. */
export function catalog(data: Snapshot, options: CatalogOptions): Record<string, unknown> {
  const { base } = options;
  const latest = data.publications[data.publications.length - 1];
  return {
    '@context': CATALOG_CONTEXT,
    '@id': `${base}/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': both('Vigía: datos sobre la trata de personas de niñas, niños y adolescentes', 'Vigía: data on the trafficking of children and adolescents'),
    'dct:description': both(
      'Cifras del informe del Ministerio del Interior (febrero de 2024) sobre la trata de personas de niñas, niños y adolescentes en Arequipa, Cusco, Puno, Tacna y Moquegua, cada una con su fuente.',
      "Figures from the Ministry of the Interior's briefing (February 2024) on the trafficking of children and adolescents in Arequipa, Cusco, Puno, Tacna and Moquegua, each with its source.",
    ),
    'dct:publisher': { '@id': `${base}/#vigia`, '@type': 'foaf:Agent', 'foaf:name': 'Vigía', 'foaf:homepage': `${base}/` },
    'foaf:homepage': `${base}/`,
    'dct:language': [VOCAB.spanish, VOCAB.english],
    ...(latest ? { 'dct:modified': dateTime(latest.at) } : {}),
    ...(options.licenseUrl ? { 'dct:license': options.licenseUrl } : {}),
    'dcat:dataset': data.datasets.map((d) => datasetNode(data, d, options)),
  };
}
