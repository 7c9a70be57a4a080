/**
 * The console's GraphQL client: every request carries the steward's key as a Bearer token and
 * the header graphql-yoga's CSRF prevention asks of POSTs that a plain form could send
 * (multipart uploads). Errors come back as an ApiError with the code and, for a refused value,
 * the input field the API named (`extensions.field`), so a screen can put the message next to
 * the cell it concerns.
 */

/** One error the API answered. */
export interface ApiProblem {
  message: string;
  /** `extensions.code`: BAD_USER_INPUT, CONFLICT, FORBIDDEN, UNAUTHENTICATED, NOT_FOUND… */
  code: string;
  /** For BAD_USER_INPUT / NOT_FOUND: the input field it concerns, as the API spells it. */
  field?: string;
}

export class ApiError extends Error {
  constructor(
    readonly problems: ApiProblem[],
    /** HTTP status; 0 when the network failed. */
    readonly status: number,
  ) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'ApiError';
  }
  get code(): string {
    return this.problems[0]?.code ?? 'UNKNOWN';
  }
  get field(): string | undefined {
    return this.problems.find((p) => p.field)?.field;
  }
}

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; extensions?: { code?: unknown; field?: unknown } }[];
}

/** The GraphQL endpoint of the server that serves the console (/console/ → /graphql). */
export function defaultEndpoint(): string {
  return new URL('../graphql', document.baseURI).href;
}

export class Api {
  constructor(
    readonly endpoint: string,
    private readonly key: string,
    /** Called when the server refuses the key itself (revoked, unknown): the session ends. */
    private readonly onUnauthenticated: () => void = () => {},
  ) {}

  /** Runs a query or mutation; resolves with its data, rejects with an ApiError. */
  request<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.send<T>({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document, variables }),
    });
  }

  /**
   * Runs an operation with files (GraphQL multipart request spec): `files` maps a variable path
   * such as "variables.file" to the file sent in its place.
   */
  upload<T>(document: string, variables: Record<string, unknown>, files: Record<string, File>): Promise<T> {
    const form = new FormData();
    const paths = Object.keys(files);
    form.append('operations', JSON.stringify({ query: document, variables }));
    form.append('map', JSON.stringify(Object.fromEntries(paths.map((path, i) => [String(i), [path]]))));
    paths.forEach((path, i) => form.append(String(i), files[path]!, files[path]!.name));
    return this.send<T>({ headers: {}, body: form });
  }

  /** A file the server offers to key holders (e.g. a dataset's CSV with stored values). */
  async download(url: string): Promise<Blob> {
    let res: Response;
    try {
      res = await fetch(url, { headers: { authorization: `Bearer ${this.key}` }, cache: 'no-store' });
    } catch {
      throw new ApiError([{ message: 'network', code: 'NETWORK' }], 0);
    }
    if (res.status === 401) this.onUnauthenticated();
    if (!res.ok) throw new ApiError([{ message: `HTTP ${res.status}`, code: res.status === 401 ? 'UNAUTHENTICATED' : 'HTTP' }], res.status);
    return res.blob();
  }

  private async send<T>({ headers, body }: { headers: Record<string, string>; body: BodyInit }): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          ...headers,
          accept: 'application/graphql-response+json, application/json',
          authorization: `Bearer ${this.key}`,
          'x-graphql-yoga-csrf': 'vigia-console',
        },
        body,
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      throw new ApiError([{ message: 'network', code: 'NETWORK' }], 0);
    }
    let json: GraphQLResponse;
    try {
      json = (await res.json()) as GraphQLResponse;
    } catch {
      throw new ApiError([{ message: `HTTP ${res.status}`, code: res.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'HTTP' }], res.status);
    }
    if (json.errors?.length) {
      const problems = json.errors.map((e) => ({
        message: e.message ?? '',
        code: typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN',
        ...(typeof e.extensions?.field === 'string' ? { field: e.extensions.field } : {}),
      }));
      if (res.status === 401 || problems.some((p) => p.code === 'UNAUTHENTICATED')) this.onUnauthenticated();
      throw new ApiError(problems, res.status);
    }
    if (!json.data) throw new ApiError([{ message: `HTTP ${res.status}`, code: 'HTTP' }], res.status);
    return json.data as T;
  }
}

/** Checks a key against the server without keeping it anywhere: who it belongs to, or an ApiError. */
export async function whoIs(endpoint: string, key: string): Promise<Me> {
  const data = await new Api(endpoint, key).request<{ me: Me | null }>(ME);
  if (!data.me) throw new ApiError([{ message: 'anonymous', code: 'UNAUTHENTICATED' }], 401);
  return data.me;
}

export type Role = 'VIEWER' | 'EDITOR' | 'ADMIN';

/** What a key may do beyond reading the public data (the API's `me.permissions`): the console offers only these. */
export type Permission = 'READ_STORED_VALUES' | 'EDIT_DATA' | 'IMPORT_DATA' | 'REOPEN_AND_DELETE' | 'READ_AUDIT_LOG' | 'MANAGE_API_KEYS';

export interface Me {
  keyId: string;
  name: string;
  role: Role;
  permissions: Permission[];
}

export const ME = `query ConsoleMe { me { keyId name role permissions } }`;
