/**
 * Caching around GraphQL: the response cache for anonymous reads (yoga's plugin over our
 * store), emptied by every write, and HTTP caching for GET — `Cache-Control` from the cache
 * hints, an `ETag` from the answer's bytes, and `304 Not Modified` when the client has it.
 */
import { createHash } from 'node:crypto';
import { getOperationAST, Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { NON_DATA_ACTIONS } from '../core/audit.js';
import type { ResponseStore } from './store.js';

/**
 * A mutation that only creates or revokes keys, or creates or deletes webhooks, changes no public
 * data: the cache stays (those mutations are named as their audit actions; read-model/watch.ts ignores them too).
 */
function changesOnlyKeys(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every(
    (s) => s.kind === Kind.FIELD && (s.name.value === '__typename' || NON_DATA_ACTIONS.includes(s.name.value)),
  );
}

/**
 * The response cache's key, hashed synchronously (yoga's default goes through WebCrypto's
 * asynchronous digest on every request, a measurable cost on the cache-hit path).
 */
export function cacheKey({ documentString, operationName, variableValues, sessionId }: {
  documentString: string;
  operationName?: string | null | undefined;
  variableValues?: Record<string, unknown> | null | undefined;
  sessionId?: string | null | undefined;
}): string {
  return createHash('sha256')
    .update(documentString)
    .update('|')
    .update(operationName ?? '')
    .update('|')
    .update(stableJson(variableValues ?? {}))
    .update('|')
    .update(sessionId ?? '')
    .digest('hex');
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` variables share an entry. */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/** Callers with an API key get answers no one else may see: never cached, anywhere. */
export const isKeyed = (request: Request) => request.headers.has('authorization');

export interface ResponseCacheOptions {
  store: ResponseStore;
  ttlSeconds: number;
  /** Schema coordinate → seconds (see hints.ts). */
  hints: ReadonlyMap<string, number>;
  /** When the cache is emptied a second time after a write (at least 1 s; a replica's lag). */
  secondPurgeMs?: number;
  onInvalidate?(): void;
  onError?(error: unknown): void;
}

export function responseCachePlugins({ store, ttlSeconds, hints, secondPurgeMs = 1000, onInvalidate, onError }: ResponseCacheOptions): Plugin[] {
  const ttlPerSchemaCoordinate: Record<string, number> = {};
  for (const [coordinate, seconds] of hints) ttlPerSchemaCoordinate[coordinate] = seconds * 1000;
  const purge = async () => {
    try {
      await store.purge();
      onInvalidate?.();
    } catch (error) {
      onError?.(error);
    }
  };
  return [
    useResponseCache({
      cache: store,
      // Answers hold absolute URLs built from the request's host (Dataset.csvUrl): one entry per origin.
      session: (request) => new URL(request.url).origin,
      buildResponseCacheKey: cacheKey,
      enabled: (request) => !isKeyed(request),
      ttl: ttlSeconds * 1000,
      ttlPerSchemaCoordinate,
      includeExtensionMetadata: false,
    }) as Plugin,
    {
      // Any write that changed something empties the cache before its answer goes out, so the
      // next read — through any process sharing the store — is fresh. A read that was already
      // running could store an older answer just after — or read a read replica that has not
      // caught up yet: a second purge, once the replicas' lag is over, covers both.
      onExecute({ args }) {
        const operation = getOperationAST(args.document, args.operationName);
        if (operation?.operation !== 'mutation' || changesOnlyKeys(operation)) return;
        return {
          async onExecuteDone({ result }) {
            if (isAsyncIterable(result) || !result.data || Object.values(result.data).every((v) => v == null)) return;
            await purge();
            setTimeout(() => void purge(), Math.max(1000, secondPurgeMs)).unref();
          },
        };
      },
    },
  ];
}

export interface HttpCacheOptions {
  /** Max age (seconds) of the answers to a document, from the cache hints. */
  maxAgeOf(document: DocumentNode): number;
  /** Cap for browsers and CDNs, which no write can invalidate. */
  httpMaxAgeSeconds: number;
}

const PUBLIC = /^public\b/;

export function useHttpCaching({ maxAgeOf, httpMaxAgeSeconds }: HttpCacheOptions): Plugin {
  return {
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      if (isKeyed((args.contextValue as { request: Request }).request)) return;
      const maxAge = Math.min(maxAgeOf(args.document), httpMaxAgeSeconds);
      if (maxAge <= 0) return;
      return {
        // Set on the result, so a response-cache hit carries the same header.
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || result.errors?.length) return;
          const http = (result.extensions?.http ?? {}) as { headers?: Record<string, string> };
          setResult({
            ...result,
            extensions: { ...result.extensions, http: { ...http, headers: { ...http.headers, 'Cache-Control': `public, max-age=${maxAge}` } } },
          });
        },
      };
    },
    async onResponse({ request, response, setResponse, fetchAPI }) {
      const cacheControl = response.headers.get('cache-control');
      if (request.method !== 'GET' || response.status !== 200 || !cacheControl || !PUBLIC.test(cacheControl)) {
        // POST, errors, mutations, keyed callers: nothing may be stored on the way.
        response.headers.set('Cache-Control', 'no-store');
        response.headers.delete('ETag');
        response.headers.delete('Last-Modified');
        return;
      }
      const body = await response.text();
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      const headers = new fetchAPI.Headers();
      response.headers.forEach((value, name) => headers.append(name, value));
      headers.set('ETag', etag);
      headers.delete('Last-Modified');
      // The media type of the answer follows the Accept header.
      headers.set('Vary', 'Accept');
      const ifNoneMatch = request.headers.get('if-none-match');
      if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
        headers.delete('Content-Type');
        headers.delete('Content-Length');
        setResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      setResponse(new fetchAPI.Response(body, { status: 200, headers }));
    },
  };
}
