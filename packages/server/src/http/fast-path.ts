/**
 * Cache hits without the GraphQL machinery. An anonymous read whose answer is in the response
 * cache is served here, straight from the store, before graphql-yoga builds its Request and
 * Response objects: that is most partner traffic. Only plain cases are taken (GET, or a JSON
 * POST; a single operation; an Accept header we can answer exactly as yoga would); anything
 * else — and every miss — goes on to yoga, which produces and caches the answer. The key is
 * the one yoga's response cache computes (cache/plugin.ts), so both see the same entries.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionResult } from 'graphql';
import { cacheKey } from '../cache/plugin.js';
import { plainJson, type ResponseStore } from '../cache/store.js';
import type { PersistedManifest } from './plugins/persisted.js';

export interface FastPathOptions {
  store: ResponseStore;
  manifest: PersistedManifest;
  /** In persisted-only mode a document sent as text must reach yoga (which refuses it). */
  persistedOnly: boolean;
}

export interface Hit {
  operation: string | undefined;
  cost: number | undefined;
}

interface Params {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: unknown;
  documentId?: unknown;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;
const etags = new WeakMap<object, string>();

/** The media type yoga would answer with, or undefined when the Accept header is not a plain one. */
export function negotiate(accept: string | undefined): string | undefined {
  if (!accept || !accept.trim()) return 'application/json';
  for (const part of accept.split(',')) {
    const type = part.split(';')[0]!.trim().toLowerCase();
    if (type === 'application/graphql-response+json') return type;
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return 'application/json';
    // Anything else first (text/html for GraphiQL, text/event-stream…) is yoga's to decide.
    return undefined;
  }
  return undefined;
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return Symbol.for('invalid');
  }
}

export function createFastPath({ store, manifest, persistedOnly }: FastPathOptions) {
  const documentOf = (params: Params): string | undefined => {
    if (typeof params.query === 'string') return persistedOnly ? undefined : params.query;
    if (params.query != null) return undefined;
    const apq = (params.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined)?.persistedQuery;
    const id = apq && apq.version === 1 && typeof apq.sha256Hash === 'string' ? apq.sha256Hash : typeof params.documentId === 'string' ? params.documentId : undefined;
    return id ? manifest.get(id.replace(/^sha256:/i, '').toLowerCase()) : undefined;
  };

  /** Serves the request from the cache and resolves with what it served, or undefined to pass it on. */
  return async function serve(req: IncomingMessage, res: ServerResponse, body: Buffer | undefined): Promise<Hit | undefined> {
    if (req.headers.authorization || !req.headers.host) return undefined;
    const mediaType = negotiate(req.headers.accept);
    if (!mediaType) return undefined;
    let params: Params;
    if (req.method === 'GET') {
      const search = new URL(req.url ?? '/', 'http://x').searchParams;
      params = {
        query: search.get('query') ?? undefined,
        variables: parseJson(search.get('variables')),
        operationName: search.get('operationName') ?? undefined,
        extensions: parseJson(search.get('extensions')),
        documentId: search.get('documentId') ?? undefined,
      };
    } else if (req.method === 'POST' && body && JSON_TYPE.test(req.headers['content-type'] ?? '')) {
      const parsed = parseJson(body.toString('utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
      params = parsed as Params;
    } else {
      return undefined;
    }
    const variables = params.variables ?? undefined;
    const isMap = (value: unknown) => value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value));
    // Parameters of the wrong type are refused by yoga (400, http/params-check.ts), never answered from the cache.
    if (!isMap(variables) || !isMap(params.extensions)) return undefined;
    if (params.operationName != null && typeof params.operationName !== 'string') return undefined;
    const document = documentOf(params);
    if (!document) return undefined;

    const key = cacheKey({
      documentString: document,
      operationName: params.operationName as string | undefined,
      variableValues: variables as Record<string, unknown> | undefined,
      // As yoga's side keys it (cache/plugin.ts): by the origin the answer's URLs are built from.
      sessionId: new URL(`${(req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${req.headers.host}`).origin,
    });
    const hit = (await store.get(key)) as (ExecutionResult & { stringify?: (r: ExecutionResult) => string }) | null;
    if (!hit) return undefined;

    const text = hit.stringify ? hit.stringify(hit) : plainJson(hit);
    const cacheControl = (hit.extensions?.http as { headers?: Record<string, string> } | undefined)?.headers?.['Cache-Control'];
    const headers: Record<string, string> = { 'Content-Type': `${mediaType}; charset=utf-8` };
    if (req.method === 'GET' && cacheControl?.startsWith('public')) {
      let etag = etags.get(hit);
      if (!etag) {
        etag = `"${createHash('sha1').update(text).digest('base64url')}"`;
        etags.set(hit, etag);
      }
      Object.assign(headers, { 'Cache-Control': cacheControl, ETag: etag, Vary: 'Accept' });
      const ifNoneMatch = req.headers['if-none-match'];
      if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
        delete headers['Content-Type'];
        res.writeHead(304, headers);
        res.end();
        return hitOf(params, document, hit);
      }
    } else {
      headers['Cache-Control'] = 'no-store';
    }
    headers['Content-Length'] = String(Buffer.byteLength(text));
    res.writeHead(200, headers);
    res.end(text);
    return hitOf(params, document, hit);
  };
}

function hitOf(params: Params, document: string, hit: ExecutionResult): Hit {
  const cost = (hit.extensions?.cost as { requestedQueryCost?: number } | undefined)?.requestedQueryCost;
  return { operation: typeof params.operationName === 'string' ? params.operationName : firstOperationName(document), cost };
}

const operationNames = new Map<string, string | undefined>();

/** The name of a document's first operation: persisted requests (the widgets') send no operationName. */
function firstOperationName(document: string): string | undefined {
  if (operationNames.has(document)) return operationNames.get(document);
  const name = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(document)?.[1];
  if (operationNames.size >= 1000) operationNames.clear();
  operationNames.set(document, name);
  return name;
}

/** Reads a request body up to `limit` bytes; resolves undefined when it is longer. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        done(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => done(size > limit ? undefined : Buffer.concat(chunks, size)));
    req.once('error', fail);
  });
}
