import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestTarget } from '../core/request-target.js';
import type { RouteName } from './routes.js';

/** What one request did, for its log line and metrics; filled by the steps and yoga plugins. */
export interface RequestState {
  id: string;
  started: number;
  /** Null when the target or Host header does not parse (answered 400). */
  target: RequestTarget | null;
  path: string;
  route: RouteName;
  /**
   * Headers the steps give the answer (request id, CORS, rate limit…), as `[name, value, …]`:
   * written with it in one go by the cache fast path, else set on the response by
   * `applyStepHeaders` before anything else answers (compose.ts, json.ts).
   */
  headers: string[];
  operation: string | undefined;
  operationType: string | undefined;
  cost: number | undefined;
  cache: 'hit' | 'miss' | undefined;
  errors: number | undefined;
}

/** The state rides on the request itself: one property, the same on every request. */
const STATE = Symbol('vigia.requestState');
type WithState = IncomingMessage & { [STATE]?: RequestState };

export function setRequestState(req: IncomingMessage, state: RequestState) {
  (req as WithState)[STATE] = state;
}

/** The state of a request, if the steps gave it one. */
export function stateOf(req: IncomingMessage | undefined): RequestState | undefined {
  return (req as WithState | undefined)?.[STATE];
}

/** The state of the request behind a yoga server context ({ req, res }), if any. */
export function requestStateOf(serverContext: unknown): RequestState | undefined {
  return stateOf((serverContext as { req?: IncomingMessage } | undefined)?.req);
}

/** Sets the steps' headers on the response (once) for an answer not written by the fast path. */
export function applyStepHeaders(res: ServerResponse, state: RequestState | undefined = stateOf(res.req)) {
  if (!state || !state.headers.length || res.headersSent) return;
  const { headers } = state;
  state.headers = [];
  for (let i = 0; i < headers.length; i += 2) res.setHeader(headers[i]!, headers[i + 1]!);
}
