/**
 * The one GraphQL client every widget on a page shares.
 *
 * Each widget sends one of the fixed operations of operations.ts with its variables, as a GET
 * request naming the operation by the hash the build embedded:
 * `?documentId=sha256:<hash>&variables=<json>`. The URL depends only on the widget's own
 * attributes, never on the other widgets of the page, so it is stable: a CDN in front of the API
 * caches it once for every partner page that shows that widget, and an operator may accept only
 * these operations from anonymous callers (PERSISTED_OPERATIONS_ONLY). Identical requests on a
 * page (same operation and variables) are sent once and shared, and answers are kept in memory
 * for the life of the page.
 *
 * A server that does not know the hash (started without the widgets' manifest) answers 400
 * PERSISTED_QUERY_NOT_FOUND (servers older than the widgets' persisted operations: BAD_REQUEST,
 * "Must provide query string"): the client then sends the document's text (`?query=…&variables=…`), once
 * per operation, and keeps sending text for that operation to that endpoint.
 *
 * Requests carry no custom headers beyond a safelisted Accept (a simple CORS request, no
 * preflight) and no credentials.
 */
import type { Operation, Variables } from './graphql.js';

export type { Operation, Variables } from './graphql.js';

/** What a widget asks for: one operation with its variables. */
export interface Call {
  readonly operation: Operation;
  readonly variables: Variables;
}

/** A call whose variables are checked against the operation's. */
export const call = <V extends Variables>(operation: Operation<V>, variables: NoInfer<V>): Call => ({ operation, variables });

/** Why a request failed, in terms a widget can turn into a reader's words. */
export class RequestError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the network or the response body failed. */
    readonly status: number,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; extensions?: { code?: unknown } }[];
}

/** Codes with which a server says it does not know a hash: another manifest, or none at all. */
const UNKNOWN_HASH = ['PERSISTED_QUERY_NOT_FOUND', 'BAD_REQUEST'];

export class VigiaClient {
  private readonly cache = new Map<string, Promise<unknown>>();
  /** Operations this endpoint does not know by hash: sent as text from then on. */
  private readonly asText = new Set<string>();
  /** Once the data changed (live.ts), answers are revalidated with the server, never taken from the browser's cache. */
  private revalidate = false;

  constructor(readonly endpoint: string) {}

  /** Runs `operation`; resolves with its `data`, rejects with a RequestError. */
  request<D>(operation: Operation, variables: Variables, reload = false): Promise<D> {
    // Sorted keys: the same widget always produces the same URL (a CDN cache hit).
    const vars = JSON.stringify(variables, Object.keys(variables).sort());
    const key = `${operation.name} ${vars}`;
    if (reload) this.cache.delete(key);
    let promise = this.cache.get(key);
    if (!promise) {
      const sent = this.send(operation, vars, reload || this.revalidate);
      this.cache.set(key, (promise = sent));
      // A failure is not remembered: the next request (a retry) asks again.
      sent.catch(() => {
        if (this.cache.get(key) === sent) this.cache.delete(key);
      });
    }
    return promise as Promise<D>;
  }

  /** The data changed: forget every answer, and revalidate from now on. */
  expire(): void {
    this.cache.clear();
    this.revalidate = true;
  }

  /** The GET URL of an operation: by its hash, or by its text. */
  private url(operation: Operation, vars: string, text: boolean): string {
    const head = text ? `query=${encodeURIComponent(operation.document)}` : `documentId=sha256:${operation.hash}`;
    return `${this.endpoint}${this.endpoint.includes('?') ? '&' : '?'}${head}&variables=${encodeURIComponent(vars)}`;
  }

  private async send(operation: Operation, vars: string, fresh: boolean): Promise<unknown> {
    const text = !operation.hash || this.asText.has(operation.name);
    let status = 0;
    let body: GraphQLResponse;
    try {
      const response = await fetch(this.url(operation, vars, text), {
        headers: { accept: 'application/graphql-response+json, application/json' },
        credentials: 'omit',
        // A retry or a live update must not get the answer the browser kept (max-age) back.
        cache: fresh ? 'no-cache' : 'default',
      });
      status = response.status;
      body = (await response.json().catch(() => {
        throw new RequestError(`HTTP ${status}`, status);
      })) as GraphQLResponse;
      if (!body || typeof body !== 'object' || (!body.data && !body.errors?.length)) {
        throw new RequestError(`HTTP ${status}`, status);
      }
    } catch (error) {
      throw error instanceof RequestError ? error : new RequestError(String(error), 0);
    }
    if (!text && status === 400 && !body.data && UNKNOWN_HASH.includes(body.errors?.[0]?.extensions?.code as string)) {
      this.asText.add(operation.name);
      return this.send(operation, vars, fresh);
    }
    // A widget shows all of its answer or none of it: any error fails the request.
    if (!body.data || body.errors?.length) {
      throw new RequestError(body.errors?.map((e) => e.message).join('; ') || 'GraphQL error', status);
    }
    return body.data;
  }
}

const clients = new Map<string, VigiaClient>();

/** The shared client for an endpoint (one per endpoint per page). */
export function clientFor(endpoint: string): VigiaClient {
  let client = clients.get(endpoint);
  if (!client) clients.set(endpoint, (client = new VigiaClient(endpoint)));
  return client;
}
