/**
 * schema.org `Dataset` descriptions for search engines (Google Dataset Search reads them from a
 * page's `<script type="application/ld+json">`): the embed pages carry the datasets behind the
 * figures they show, with the same facts as the DCAT catalogue (catalog.ts) — name, description,
 * version, dates, coverage, the briefing it is based on, and its CSV as a DataDownload.
 */
import type { Dataset, Document } from '@vigia/schema';
import { publishedAt } from '../read-model/history.js';
import type { Snapshot } from '../read-model/snapshot.js';

export type SchemaLang = 'es' | 'en';

const KEYWORDS = {
  es: ['trata de personas', 'niñas, niños y adolescentes', 'Perú'],
  en: ['trafficking in persons', 'children and adolescents', 'Peru'],
};

function documentsOf(data: Snapshot, d: Dataset): Document[] {
  const documents = new Map<string, Document>();
  for (const sourceId of [d.sourceId, ...(data.observationsOfDataset.get(d.id) ?? []).map((o) => o.sourceId)]) {
    const source = data.sourceById.get(sourceId);
    if (source) documents.set(source.documentId, source.document);
  }
  return [...documents.values()];
}

function placesOf(data: Snapshot, d: Dataset): string[] {
  const names = new Set<string>();
  for (const o of data.observationsOfDataset.get(d.id) ?? []) {
    if (o.regionId) names.add(data.regionById.get(o.regionId)!.name);
    if (o.scope === 'FOCUS_REGIONS') for (const r of data.regions) if (r.isFocus) names.add(r.name);
  }
  return [...names].sort();
}

/** One dataset as a schema.org Dataset node. */
export function schemaOrgDataset(data: Snapshot, d: Dataset, base: string, lang: SchemaLang): Record<string, unknown> {
  const versions = data.versionsOfDataset.get(d.id) ?? [];
  const first = versions[0];
  const last = versions[versions.length - 1];
  const csv = `${base}/data/${encodeURIComponent(d.key)}.csv`;
  const places = placesOf(data, d);
  return {
    '@type': 'Dataset',
    '@id': `${base}/catalog.jsonld#dataset-${encodeURIComponent(d.key)}`,
    identifier: d.key,
    name: lang === 'en' ? d.titleEn : d.title,
    description: lang === 'en' ? d.descriptionEn : d.description,
    inLanguage: lang,
    ...(last ? { version: String(last.version), dateModified: publishedAt(data, last.publicationId).toISOString() } : {}),
    ...(first ? { datePublished: publishedAt(data, first.publicationId).toISOString() } : {}),
    ...(d.periodStart && d.periodEnd ? { temporalCoverage: `${d.periodStart.toISOString().slice(0, 10)}/${d.periodEnd.toISOString().slice(0, 10)}` } : {}),
    spatialCoverage: [{ '@type': 'Country', name: 'Perú' }, ...places.map((name) => ({ '@type': 'Place', name }))],
    keywords: [...KEYWORDS[lang], ...places],
    publisher: { '@type': 'Organization', name: 'Vigía', url: `${base}/` },
    creator: [...new Set(documentsOf(data, d).map((doc) => doc.publisher))].map((name) => ({ '@type': 'Organization', name })),
    isBasedOn: documentsOf(data, d).map((doc) => ({
      '@type': 'Report',
      name: doc.title,
      inLanguage: 'es',
      datePublished: doc.publishedOn,
      publisher: { '@type': 'Organization', name: doc.publisher },
      ...(doc.place ? { locationCreated: { '@type': 'Place', name: doc.place } } : {}),
      ...(doc.url ? { url: doc.url } : {}),
    })),
    distribution: [{ '@type': 'DataDownload', encodingFormat: 'text/csv', contentUrl: csv }],
    includedInDataCatalog: { '@type': 'DataCatalog', name: 'Vigía', url: `${base}/catalog.jsonld` },
  };
}

/** The JSON-LD document of a page showing these datasets (null when it shows none). */
export function schemaOrgGraph(data: Snapshot, keys: readonly string[], base: string, lang: SchemaLang): Record<string, unknown> | null {
  const nodes = keys.flatMap((key) => {
    const d = data.datasetByKey.get(key);
    return d ? [schemaOrgDataset(data, d, base, lang)] : [];
  });
  if (!nodes.length) return null;
  return { '@context': 'https://schema.org', '@graph': nodes };
}

/**
 * A page whose figures are not one of the datasets (the policy's services): the figures it
 * shows, described as a Dataset based on the source it cites.
 */
export function schemaOrgFigure(figure: { title: string; description: string; citation: string }, url: string, base: string, lang: SchemaLang): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: figure.title,
    description: figure.description,
    url,
    inLanguage: lang,
    keywords: KEYWORDS[lang],
    publisher: { '@type': 'Organization', name: 'Vigía', url: `${base}/` },
    ...(figure.citation ? { isBasedOn: { '@type': 'CreativeWork', name: figure.citation } } : {}),
    includedInDataCatalog: { '@type': 'DataCatalog', name: 'Vigía', url: `${base}/catalog.jsonld` },
  };
}
