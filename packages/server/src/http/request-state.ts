import type { IncomingMessage } from 'node:http';
import type { RequestTarget } from './request-target.js';
import type { RouteName } from './routes.js';

/** What one request did, for its log line and metrics; filled by the steps and yoga plugins. */
export interface RequestState {
  id: string;
  started: number;
  /** Null when the target or Host header does not parse (answered 400). */
  target: RequestTarget | null;
  path: string;
  route: RouteName;
  operation?: string | undefined;
  operationType?: string | undefined;
  cost?: number | undefined;
  cache?: 'hit' | 'miss' | undefined;
  errors?: number | undefined;
}

const states = new WeakMap<IncomingMessage, RequestState>();

export function setRequestState(req: IncomingMessage, state: RequestState) {
  states.set(req, state);
}

/** The state of the request behind a yoga server context ({ req, res }), if any. */
export function requestStateOf(serverContext: unknown): RequestState | undefined {
  return states.get((serverContext as { req?: IncomingMessage } | undefined)?.req as IncomingMessage);
}
