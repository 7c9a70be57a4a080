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

/** A request resolved to its cache entry's key: the same for every request with this target or body. */
interface Resolved {
  key: string;
  document: string;
  params: Params;
}

/** An answer as sent: its bytes encoded once per cache entry (a memory store hands back the same object). */
interface Encoded {
  body: Buffer;
  length: string;
  etag: string;
  cacheControl: string | undefined;
}

/** Resolved requests remembered (most partner traffic is a few widget URLs, over and over). */
const RESOLVED_ENTRIES = 1000;
/** Longer targets or bodies are resolved each time (they are not what widgets send). */
const RESOLVED_MAX_CHARS = 4096;

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

export type FastPath = ReturnType<typeof createFastPath>;

export function createFastPath({ store, manifest, persistedOnly }: FastPathOptions) {
  const documentOf = (params: Params): string | undefined => {
    if (typeof params.query === 'string') return persistedOnly ? undefined : params.query;
    if (params.query != null) return undefined;
    const apq = (params.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined)?.persistedQuery;
    const id = apq && apq.version === 1 && typeof apq.sha256Hash === 'string' ? apq.sha256Hash : typeof params.documentId === 'string' ? params.documentId : undefined;
    return id ? manifest.get(id.replace(/^sha256:/i, '').toLowerCase()) : undefined;
  };

  /**
   * The request's cache key and document, or undefined when the fast path does not take it.
   * Depends only on the origin, the method and the target (GET) or body (POST), so a widget's
   * request, sent by every partner page, is parsed and hashed once, then remembered.
   */
  const remembered = new Map<string, Resolved>();
  function resolve(req: IncomingMessage, body: Buffer | undefined): Resolved | undefined {
    const origin = `${(req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${req.headers.host}`;
    const text = req.method === 'GET' ? (req.url ?? '/') : body!.toString('utf8');
    const id = text.length <= RESOLVED_MAX_CHARS ? `${req.method}\u0000${origin}\u0000${text}` : undefined;
    const known = id === undefined ? undefined : remembered.get(id);
    if (known) return known;
    const found = parse(req, text, origin);
    if (found && id !== undefined) {
      if (remembered.size >= RESOLVED_ENTRIES) remembered.delete(remembered.keys().next().value!);
      remembered.set(id, found);
    }
    return found;
  }

  function parse(req: IncomingMessage, text: string, origin: string): Resolved | undefined {
    let params: Params;
    if (req.method === 'GET') {
      const search = new URL(text, 'http://x').searchParams;
      params = {
        query: search.get('query') ?? undefined,
        variables: parseJson(search.get('variables')),
        operationName: search.get('operationName') ?? undefined,
        extensions: parseJson(search.get('extensions')),
        documentId: search.get('documentId') ?? undefined,
      };
    } else {
      const parsed = parseJson(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
      params = parsed as Params;
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
      sessionId: new URL(origin).origin,
    });
    return { key, document, params };
  }

  const encodings = new WeakMap<object, Encoded>();
  function encode(hit: ExecutionResult & { stringify?: (r: ExecutionResult) => string }): Encoded {
    let encoded = encodings.get(hit);
    if (!encoded) {
      const body = Buffer.from(hit.stringify ? hit.stringify(hit) : plainJson(hit));
      encoded = {
        body,
        length: String(body.length),
        etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
        cacheControl: (hit.extensions?.http as { headers?: Record<string, string> } | undefined)?.headers?.['Cache-Control'],
      };
      encodings.set(hit, encoded);
    }
    return encoded;
  }

  type Stored = (ExecutionResult & { stringify?: (r: ExecutionResult) => string }) | null | undefined;

  /**
   * Serves the request from the cache and returns what it served, or undefined to pass it on;
   * synchronously when the store is in memory (no promise on the hit path), else a promise.
   */
  return function serve(req: IncomingMessage, res: ServerResponse, body: Buffer | undefined): Hit | undefined | Promise<Hit | undefined> {
    if (req.headers.authorization || !req.headers.host) return undefined;
    const mediaType = negotiate(req.headers.accept);
    if (!mediaType) return undefined;
    if (req.method !== 'GET' && !(req.method === 'POST' && body && JSON_TYPE.test(req.headers['content-type'] ?? ''))) return undefined;
    const resolved = resolve(req, body);
    if (!resolved) return undefined;
    const stored = store.get(resolved.key) as Stored | Promise<Stored>;
    return stored instanceof Promise ? stored.then((hit) => reply(req, res, mediaType, resolved, hit)) : reply(req, res, mediaType, resolved, stored);
  };

  function reply(req: IncomingMessage, res: ServerResponse, mediaType: string, { document, params }: Resolved, hit: Stored): Hit | undefined {
    if (!hit) return undefined;
    const { body: answer, length, etag, cacheControl } = encode(hit);
    const headers: Record<string, string> = { 'Content-Type': `${mediaType}; charset=utf-8` };
    if (req.method === 'GET' && cacheControl?.startsWith('public')) {
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
    headers['Content-Length'] = length;
    res.writeHead(200, headers);
    res.end(answer);
    return hitOf(params, document, hit);
  }
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
