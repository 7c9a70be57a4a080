/**
 * Persisted operations: documents known at build time (the widgets'), sent by their SHA-256
 * instead of their text. A short, stable GET URL caches well in a CDN, and an operator can
 * accept only these from anonymous callers (PERSISTED_OPERATIONS_ONLY=true).
 *
 * A manifest is a JSON object mapping the lowercase hex SHA-256 of each document's exact text
 * to that text: `{ "<sha256>": "query RegionCard($code: String!) { … }" }`. A client refers to
 * one with `documentId: "sha256:<hash>"` (GraphQL over HTTP's persisted documents; a query
 * parameter for GET) or Apollo's `extensions: {"persistedQuery":{"version":1,"sha256Hash":"<hash>"}}`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';

export type PersistedManifest = ReadonlyMap<string, string>;

const HASH = /^[0-9a-f]{64}$/;

/** Reads and checks manifests; a wrong hash or a document that does not parse stops the start. */
export function loadPersistedManifests(files: readonly string[]): PersistedManifest {
  const operations = new Map<string, string>();
  for (const file of files) {
    let entries: [string, unknown][];
    try {
      const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('expected a JSON object of "<sha256>": "<document>"');
      entries = Object.entries(json);
    } catch (error) {
      throw new Error(`Persisted operations manifest ${file} is unreadable: ${(error as Error).message}`);
    }
    for (const [hash, document] of entries) {
      if (!HASH.test(hash) || typeof document !== 'string') {
        throw new Error(`Persisted operations manifest ${file}: "${hash.slice(0, 80)}" must be a lowercase hex SHA-256 mapped to a document string`);
      }
      const actual = createHash('sha256').update(document).digest('hex');
      if (actual !== hash) throw new Error(`Persisted operations manifest ${file}: the document under ${hash} hashes to ${actual}`);
      try {
        parse(document);
      } catch (error) {
        throw new Error(`Persisted operations manifest ${file}: the document under ${hash} does not parse: ${(error as Error).message}`);
      }
      operations.set(hash, document);
    }
  }
  return operations;
}

function persistedId(params: { extensions?: Record<string, unknown> | undefined } & Record<string, unknown>, request: Request): string | null {
  const apq = (params.extensions?.persistedQuery ?? null) as { version?: unknown; sha256Hash?: unknown } | null;
  if (apq && apq.version === 1 && typeof apq.sha256Hash === 'string') return apq.sha256Hash.toLowerCase();
  const documentId =
    typeof params.documentId === 'string' ? params.documentId : request.method === 'GET' ? new URL(request.url).searchParams.get('documentId') : null;
  return documentId ? documentId.replace(/^sha256:/i, '').toLowerCase() : null;
}

export interface PersistedOptions {
  manifest: PersistedManifest;
  /** Anonymous callers must use a persisted operation; keyed callers may send any document. */
  only: boolean;
}

export function usePersisted({ manifest, only }: PersistedOptions): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id) => manifest.get(id) ?? null,
    extractPersistedOperationId: (params, request) => persistedId(params as Parameters<typeof persistedId>[0], request),
    allowArbitraryOperations: only ? (request) => request.headers.has('authorization') : true,
    customErrors: {
      notFound: {
        message: 'Unknown persisted operation: this server knows only the operations of its manifest; send the document as "query" instead.',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
      },
      keyNotFound: {
        message: 'The request has no "query" and no persisted operation id ("documentId" or extensions.persistedQuery.sha256Hash).',
        extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED', http: { status: 400 } },
      },
      persistedQueryOnly: {
        message: 'This server accepts only persisted operations from callers without an API key: send "documentId" instead of "query".',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 403 } },
      },
    },
  }) as Plugin;
}
