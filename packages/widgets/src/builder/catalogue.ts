/**
 * What the builder offers for the attributes that name data — regions, indicator and dataset
 * keys — read from the live API, never written down here: one GET request, cacheable like the
 * widgets' (the server's response cache, a CDN).
 */

export interface Region {
  code: string;
  slug: string;
  name: string;
  isFocus: boolean;
}

export interface Dataset {
  key: string;
  title: { es: string; en: string };
  /** The source shows its figures only as a chart image: "data pending". */
  pending: boolean;
  /** It has figures by region: what `<vigia-training-chart>` draws as bars. */
  byRegion: boolean;
  indicators: { key: string; label: { es: string; en: string } }[];
}

export interface Catalogue {
  regions: Region[];
  datasets: Dataset[];
}

/** The operation's name: `operationName` in the URL says which request is the builder's. */
export const CATALOGUE_OPERATION = 'VigiaEmbedCatalogue';

const DOCUMENT =
  `query ${CATALOGUE_OPERATION}{regions{code slug name isFocus}` +
  'datasets{key es:title(lang:ES) en:title(lang:EN) status observations{scope}}' +
  'indicators{key es:label(lang:ES) en:label(lang:EN) dataset{key}}}';

interface Answer {
  data?: {
    regions: Region[];
    datasets: { key: string; es: string; en: string; status: string; observations: { scope: string }[] }[];
    indicators: { key: string; es: string; en: string; dataset: { key: string } }[];
  } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The catalogue, or an Error saying why the API did not give it. */
export async function loadCatalogue(graphqlUrl: string): Promise<Catalogue> {
  const url = `${graphqlUrl}?operationName=${CATALOGUE_OPERATION}&query=${encodeURIComponent(DOCUMENT)}`;
  const response = await fetch(url, { headers: { accept: 'application/graphql-response+json, application/json' }, credentials: 'omit' });
  const body = (await response.json().catch(() => ({}))) as Answer;
  if (!body.data || body.errors?.length) {
    const error = body.errors?.[0];
    throw new Error(error ? `${error.message}${error.extensions?.code ? ` (${error.extensions.code})` : ''}` : `HTTP ${response.status}`);
  }
  const { regions, datasets, indicators } = body.data;
  return {
    regions,
    datasets: datasets.map((d) => ({
      key: d.key,
      title: { es: d.es, en: d.en },
      pending: d.status === 'PENDING',
      byRegion: d.observations.some((o) => o.scope === 'REGION'),
      indicators: indicators.filter((i) => i.dataset.key === d.key).map((i) => ({ key: i.key, label: { es: i.es, en: i.en } })),
    })),
  };
}
