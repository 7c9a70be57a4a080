/**
 * HTTP steps around the routes, in the style of connect middleware: each step answers the
 * request itself or calls `next(req, res, state)`. `composeSteps` gives each request its id and
 * state first (its target parsed once, for every step and route), runs the steps in order, sets
 * their headers on the response before the routes answer, and lets nothing a step throws (or
 * rejects) escape: a failure outside the handlers is a 500 naming the request id, logged whole,
 * and the process keeps serving.
 *
 * The chain is built once: a request allocates its state and nothing per step.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../observability/logger.js';
import { requestIdOf } from '../../observability/logger.js';
import { errorBody, sendJson } from '../json.js';
import { applyStepHeaders, setRequestState, type RequestState } from '../request-state.js';
import { parseTarget, validHost } from '../../core/request-target.js';
import { pathOf, routeOf } from '../routes.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;
export type Next = (req: IncomingMessage, res: ServerResponse, state: RequestState) => void | Promise<unknown>;
export type Step = (req: IncomingMessage, res: ServerResponse, state: RequestState, next: Next) => void | Promise<unknown>;

export function composeSteps(steps: readonly Step[], handler: Handler, logger: Logger): Handler {
  const failed = (req: IncomingMessage, res: ServerResponse, id: string, error: unknown) => {
    logger.error({ reqId: id, err: error, method: req.method, url: String(req.url).slice(0, 200) }, 'Request failed outside its handler');
    if (res.headersSent) return void res.destroy();
    res.setHeader('X-Request-Id', id);
    sendJson(res, 500, errorBody(`Unexpected error. Quote request id ${id} when you report it.`, 'INTERNAL_SERVER_ERROR', { requestId: id }), {
      'Cache-Control': 'no-store',
    });
  };

  // The routes, after the steps' headers are on the response.
  let chain: Next = (req, res, state) => {
    applyStepHeaders(res, state);
    return handler(req, res);
  };
  for (const step of [...steps].reverse()) {
    const next = chain;
    chain = (req, res, state) => step(req, res, state, next);
  }
  const run = chain;

  return (req, res) => {
    const id = requestIdOf(req);
    try {
      // A target or Host header that does not parse is kept as null: the target check answers 400.
      const target = validHost(req.headers.host) ? parseTarget(req.url) : null;
      const path = target ? target.path : pathOf(req.url);
      const state: RequestState = {
        id,
        started: performance.now(),
        target,
        path,
        route: target ? routeOf(path) : 'other',
        headers: ['X-Request-Id', id],
        operation: undefined,
        operationType: undefined,
        cost: undefined,
        cache: undefined,
        errors: undefined,
      };
      setRequestState(req, state);
      const pending = run(req, res, state) as unknown;
      if (pending instanceof Promise) pending.catch((error: unknown) => failed(req, res, id, error));
    } catch (error) {
      failed(req, res, id, error);
    }
  };
}
