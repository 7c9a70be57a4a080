/**
 * The one GraphQL client every widget on a page shares.
 *
 * Widgets ask for root fields (`region(code: …) { … }`). Requests made within a short window
 * are merged into one GraphQL document with aliased fields and sent as a GET request, so a page
 * with six widgets makes one HTTP request, and a CDN in front of the API can cache it. Identical
 * fields are asked for once, and answers are kept in memory for the life of the page.
 */

/** A root field to ask for. */
export interface Field {
  /** Root field name, e.g. `region`. */
  readonly name: string;
  /** Arguments: name → [GraphQL input type, value]. Undefined values are left out. */
  readonly args?: Readonly<Record<string, readonly [string, unknown]>>;
  /** The selection set, without braces; empty for a scalar field. */
  readonly select?: string;
}

/** What one widget asks for: its own names for the fields it wants. */
export type Query = Readonly<Record<string, Field>>;

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

interface Entry {
  readonly key: string;
  readonly field: Field;
  readonly args: [string, string, unknown][];
  readonly promise: Promise<unknown>;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; path?: (string | number)[] }[];
}

/** Most servers and CDNs take URLs of 8 kB; stay well below that. */
const MAX_URL = 6000;

const fragments = new Map<string, string>();

/**
 * Declares a named fragment once and returns its spread (`...Name`) for use in selections;
 * requests carry only the fragments their fields use, which keeps merged GET URLs short.
 */
export function fragment(name: string, on: string, fields: string): string {
  fragments.set(name, `fragment ${name} on ${on}{${fields}}`);
  return `...${name}`;
}

export class VigiaClient {
  private readonly cache = new Map<string, Promise<unknown>>();
  private queue: Entry[] = [];
  /** The pending flush (0 while waiting for the document to finish parsing). */
  private timer: ReturnType<typeof setTimeout> | 0 | undefined;

  constructor(
    readonly endpoint: string,
    /** How long to gather requests before sending them (ms). */
    private readonly windowMs = 8,
  ) {}

  /** Fetches every field of `query`; resolves with the answers under the widget's own names. */
  async request<T>(query: Query, reload = false): Promise<T> {
    const names = Object.keys(query);
    const values = await Promise.all(names.map((n) => this.field(query[n]!, reload)));
    return Object.fromEntries(names.map((n, i) => [n, values[i]])) as T;
  }

  private field(field: Field, reload: boolean): Promise<unknown> {
    const args = Object.entries(field.args ?? {})
      .filter(([, [, value]]) => value !== undefined)
      .map(([name, [type, value]]): [string, string, unknown] => [name, type, value])
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const key = JSON.stringify([field.name, args, field.select ?? '']);
    if (reload) this.cache.delete(key);
    const cached = this.cache.get(key);
    if (cached) return cached;

    let resolve!: (value: unknown) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A failure is not remembered: the next request (a retry) asks again.
    promise.catch(() => {
      if (this.cache.get(key) === promise) this.cache.delete(key);
    });
    this.cache.set(key, promise);
    this.queue.push({ key, field, args, promise, resolve, reject });
    this.schedule();
    return promise;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    // While the page is still being parsed, more widgets are coming: wait for all of them.
    if (document.readyState === 'loading') {
      this.timer = 0;
      document.addEventListener('DOMContentLoaded', () => {
        this.timer = setTimeout(() => this.flush(), this.windowMs);
      }, { once: true });
      return;
    }
    this.timer = setTimeout(() => this.flush(), this.windowMs);
  }

  private flush(): void {
    this.timer = undefined;
    // Sorted, so the same set of widgets always produces the same URL (a CDN cache hit).
    const entries = this.queue.sort((a, b) => (a.key < b.key ? -1 : 1));
    this.queue = [];
    let batch: Entry[] = [];
    for (const entry of entries) {
      if (batch.length && this.url([...batch, entry]).length > MAX_URL) {
        void this.send(batch);
        batch = [];
      }
      batch.push(entry);
    }
    if (batch.length) void this.send(batch);
  }

  /** The GET URL for a batch: aliased fields `f0…`, variables `v0…`. */
  private url(batch: Entry[]): string {
    const declarations: string[] = [];
    const variables: Record<string, unknown> = {};
    const fields = batch.map((entry, i) => {
      const args = entry.args.map(([name, type, value]) => {
        const variable = `v${declarations.length}`;
        declarations.push(`$${variable}:${type}`);
        variables[variable] = value;
        return `${name}:$${variable}`;
      });
      const select = entry.field.select ? `{${entry.field.select}}` : '';
      return `f${i}:${entry.field.name}${args.length ? `(${args.join(',')})` : ''}${select}`;
    });
    const head = declarations.length ? `(${declarations.join(',')})` : '';
    const body = fields.join(' ');
    const used = new Set(Array.from(body.matchAll(/\.\.\.(\w+)/g), (m) => m[1]!));
    const defs = [...used].map((name) => fragments.get(name) ?? '').join('');
    const params = new URLSearchParams({ query: `query Vigia${head}{${body}}${defs}` });
    if (declarations.length) params.set('variables', JSON.stringify(variables));
    return `${this.endpoint}${this.endpoint.includes('?') ? '&' : '?'}${params}`;
  }

  private async send(batch: Entry[]): Promise<void> {
    let body: GraphQLResponse;
    try {
      // No custom headers beyond a safelisted Accept: a simple CORS request, no preflight.
      const response = await fetch(this.url(batch), {
        headers: { accept: 'application/graphql-response+json, application/json' },
        credentials: 'omit',
      });
      body = (await response.json().catch(() => {
        throw new RequestError(`HTTP ${response.status}`, response.status);
      })) as GraphQLResponse;
      if (!body || typeof body !== 'object' || (!body.data && !body.errors?.length)) {
        throw new RequestError(`HTTP ${response.status}`, response.status);
      }
    } catch (error) {
      const failure =
        error instanceof RequestError ? error : new RequestError(String(error), 0);
      for (const entry of batch) entry.reject(failure);
      return;
    }

    if (!body.data) {
      // The whole document was refused (e.g. one field the server does not know): ask for each
      // field alone, so one widget's mistake does not blank the others.
      if (batch.length > 1) {
        for (const entry of batch) void this.send([entry]);
        return;
      }
      const message = body.errors?.map((e) => e.message).join('; ') || 'GraphQL error';
      batch[0]!.reject(new RequestError(message, 200));
      return;
    }

    batch.forEach((entry, i) => {
      const alias = `f${i}`;
      const error = body.errors?.find((e) => e.path?.[0] === alias);
      if (error) entry.reject(new RequestError(error.message ?? 'GraphQL error', 200));
      else entry.resolve(body.data![alias] ?? null);
    });
  }
}

const clients = new Map<string, VigiaClient>();

/** The shared client for an endpoint (one per endpoint per page). */
export function clientFor(endpoint: string): VigiaClient {
  let client = clients.get(endpoint);
  if (!client) clients.set(endpoint, (client = new VigiaClient(endpoint)));
  return client;
}
