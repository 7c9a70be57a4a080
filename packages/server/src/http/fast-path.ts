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
import type { RequestState } from './request-state.js';

export interface FastPathOptions {
  store: ResponseStore;
  manifest: PersistedManifest;
  /** In persisted-only mode a document sent as text must reach yoga (which refuses it). */
  persistedOnly: boolean;
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
  /** Its operation's name, for the log line and metrics. */
  operation: string | undefined;
}

/**
 * An answer as sent: its bytes and headers made once per cache entry (a memory store hands back
 * the same object), by media type; the headers as `[name, value, …]`, after the steps' own.
 */
interface Encoded {
  body: Buffer;
  etag: string;
  cacheControl: string | undefined;
  /** Shared caches may keep it (`Cache-Control: public…`): a GET gets ETag, Vary and 304s. */
  public: boolean;
  cost: number | undefined;
  /** Per media type: the 200 to a GET, the 200 to a POST (never stored), the 304. */
  headers: Map<string, { get: string[]; post: string[]; notModified: string[] }>;
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

/** Accept headers seen (clients send a few, over and over): what each negotiates to. */
const negotiated = new Map<string, string | undefined>();
const NEGOTIATED_ENTRIES = 100;

function negotiateRemembered(accept: string | undefined): string | undefined {
  if (accept === undefined) return negotiate(accept);
  if (negotiated.has(accept)) return negotiated.get(accept);
  const type = negotiate(accept);
  if (negotiated.size >= NEGOTIATED_ENTRIES) negotiated.clear();
  negotiated.set(accept, type);
  return type;
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
    const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
    const text = req.method === 'GET' ? (req.url ?? '/') : body!.toString('utf8');
    // Remembered by what it depends on: the scheme and Host (the origin), the method, the target or body.
    const id = text.length <= RESOLVED_MAX_CHARS ? `${req.method}${encrypted ? 's' : ''}\u0000${req.headers.host}\u0000${text}` : undefined;
    const known = id === undefined ? undefined : remembered.get(id);
    if (known) return known;
    const found = parse(req, text, `${encrypted ? 'https' : 'http'}://${req.headers.host}`);
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
    return { key, operation: typeof params.operationName === 'string' ? params.operationName : firstOperationName(document) };
  }

  const encodings = new WeakMap<object, Encoded>();
  function encode(hit: ExecutionResult & { stringify?: (r: ExecutionResult) => string }): Encoded {
    let encoded = encodings.get(hit);
    if (!encoded) {
      const body = Buffer.from(hit.stringify ? hit.stringify(hit) : plainJson(hit));
      const cacheControl = (hit.extensions?.http as { headers?: Record<string, string> } | undefined)?.headers?.['Cache-Control'];
      encoded = {
        body,
        etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
        cacheControl,
        public: cacheControl?.startsWith('public') ?? false,
        cost: (hit.extensions?.cost as { requestedQueryCost?: number } | undefined)?.requestedQueryCost,
        headers: new Map(),
      };
      encodings.set(hit, encoded);
    }
    return encoded;
  }

  /** The headers of an answer in a media type (after the steps' own), made once per entry. */
  function headersOf(encoded: Encoded, mediaType: string) {
    let headers = encoded.headers.get(mediaType);
    if (!headers) {
      const type = ['Content-Type', `${mediaType}; charset=utf-8`];
      const length = ['Content-Length', String(encoded.body.length)];
      const caching = ['Cache-Control', encoded.cacheControl!, 'ETag', encoded.etag, 'Vary', 'Accept'];
      headers = {
        get: encoded.public ? [...type, ...caching, ...length] : [...type, 'Cache-Control', 'no-store', ...length],
        post: [...type, 'Cache-Control', 'no-store', ...length],
        notModified: caching,
      };
      encoded.headers.set(mediaType, headers);
    }
    return headers;
  }

  type Stored = (ExecutionResult & { stringify?: (r: ExecutionResult) => string }) | null | undefined;

  /**
   * Serves the request from the cache, noting what it served in the request state; true when it
   * answered, false to pass it on. Synchronous when the store is in memory (no promise on the hit
   * path), else a promise.
   */
  return function serve(req: IncomingMessage, res: ServerResponse, body: Buffer | undefined, state: RequestState): boolean | Promise<boolean> {
    if (req.headers.authorization || !req.headers.host) return false;
    const mediaType = negotiateRemembered(req.headers.accept);
    if (!mediaType) return false;
    if (req.method !== 'GET' && !(req.method === 'POST' && body && JSON_TYPE.test(req.headers['content-type'] ?? ''))) return false;
    const resolved = resolve(req, body);
    if (!resolved) return false;
    const stored = store.get(resolved.key) as Stored | Promise<Stored>;
    return stored instanceof Promise ? stored.then((hit) => reply(req, res, state, mediaType, resolved, hit)) : reply(req, res, state, mediaType, resolved, stored);
  };

  function reply(req: IncomingMessage, res: ServerResponse, state: RequestState, mediaType: string, resolved: Resolved, hit: Stored): boolean {
    if (!hit) return false;
    const encoded = encode(hit);
    const headers = headersOf(encoded, mediaType);
    state.operation = resolved.operation;
    state.operationType = 'query';
    state.cache = 'hit';
    state.cost = encoded.cost;
    // The steps' headers and the answer's, in one array: written without a header object.
    const all = state.headers;
    state.headers = [];
    if (req.method === 'GET' && encoded.public) {
      const ifNoneMatch = req.headers['if-none-match'];
      if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === encoded.etag)) {
        res.writeHead(304, all.concat(headers.notModified));
        res.end();
        return true;
      }
    }
    res.writeHead(200, all.concat(req.method === 'GET' ? headers.get : headers.post));
    res.end(encoded.body);
    return true;
  }
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
