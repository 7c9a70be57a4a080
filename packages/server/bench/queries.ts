/**
 * What the benchmark sends: the persisted operations the widgets send (packages/widgets/src/
 * each element folder's operation.ts) exactly as their client sends them — `GET /graphql?documentId=sha256:…&variables=…`
 * — plus a deep connection query as an API client would POST it, and `{ __typename }` to measure
 * what Vigía itself costs per request with no data to fetch.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Operation } from '../../widgets/src/operations.js';
import { FOCUS_COUNTER } from '../../widgets/src/vigia-coordination-counter/operation.js';
import { REGION_CARD } from '../../widgets/src/vigia-region-card/operation.js';
import { SERVICES } from '../../widgets/src/vigia-services/operation.js';

export interface BenchQuery {
  name: string;
  description: string;
  method: 'GET' | 'POST';
  /** Appended to /graphql: `?documentId=…` for GET. */
  search: string;
  /** The POST body. */
  body?: string;
  /** Only where it means something: on the first server (SQLite, uncached). */
  floor?: boolean;
}

const manifestFile = resolve(import.meta.dirname, '../../widgets/dist/persisted-operations.json');

/** A widget's request: its operation by hash, which the server knows from the widgets' manifest. */
function persisted(name: string, description: string, operation: Operation, variables: Record<string, unknown>): BenchQuery {
  const hash = createHash('sha256').update(operation.document).digest('hex');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: build the widgets first (pnpm install does)`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, string>;
  if (manifest[hash] !== operation.document) throw new Error(`${operation.name} is not in ${manifestFile}: rebuild the widgets`);
  const params = new URLSearchParams({ documentId: `sha256:${hash}`, variables: JSON.stringify(variables) });
  return { name, description, method: 'GET', search: `?${params}` };
}

const post = (name: string, description: string, query: string, floor = false): BenchQuery => ({
  name,
  description,
  method: 'POST',
  search: '',
  body: JSON.stringify({ query }),
  floor,
});

export const queries: BenchQuery[] = [
  persisted('region-card', '<vigia-region-card region="puno">', REGION_CARD, { code: 'puno', lang: 'ES' }),
  persisted('counter', '<vigia-coordination-counter> (the five focus regions)', FOCUS_COUNTER, { lang: 'ES' }),
  persisted('services', '<vigia-services>: policy, 15 entities, their 42 services and results', SERVICES, { lang: 'ES' }),
  post(
    'deep-connection',
    'regions → coordinationSpaces(first: 20) → node → region → policeTrained → source',
    `query Deep{regions{code coordinationSpaces(first:20){totalCount pageInfo{hasNextPage endCursor} edges{cursor node{id name level region{name policeTrained{value unit source{title section}}}}}}}}`,
  ),
  post('floor', "`{ __typename }`: Vigía's own work per request (HTTP, limits, logs, metrics), no data", 'query Floor{__typename}', true),
];

/**
 * The partner rows (run.ts): the request widgets and embeds send — the region card's persisted GET,
 * the first row above — and the very same document and variables POSTed as JSON, as a GraphQL
 * client without persisted operations would send it. Both are answered from the response cache.
 */
export const partnerQueries: BenchQuery[] = [
  { ...queries[0]!, name: 'persisted GET' },
  {
    name: 'same query POSTed',
    description: 'the region card\'s document and variables as a JSON POST',
    method: 'POST',
    search: '',
    body: JSON.stringify({ query: REGION_CARD.document, variables: { code: 'puno', lang: 'ES' } }),
  },
];

/** Node's own http server (bare-node.ts): a constant body, the floor of any Node server here. */
export const bareNodeQuery: BenchQuery = { name: 'constant', description: 'node:http, a constant JSON body', method: 'GET', search: '' };

/** The bare server's constant answer: the ceiling of what graphql-yoga itself can do here. */
export const bareQuery: BenchQuery = post('constant', 'bare graphql-yoga, `{ hello }`', 'query Constant{hello}');
