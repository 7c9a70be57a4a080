/**
 * HTTP steps around the routes, in the style of connect middleware: each step answers the
 * request itself or calls `next()`. `composeSteps` runs them in order, gives each request its
 * id and state first, and lets nothing a step throws (or rejects) escape: a failure outside
 * the handlers is a 500 naming the request id, logged whole, and the process keeps serving.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../observability/logger.js';
import { requestIdOf } from '../../observability/logger.js';
import { errorBody, sendJson } from '../json.js';
import { setRequestState, type RequestState } from '../request-state.js';
import { parseTarget, validHost } from '../request-target.js';
import { pathOf, routeOf } from '../routes.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;
export type Next = () => void | Promise<unknown>;
export type Step = (req: IncomingMessage, res: ServerResponse, state: RequestState, next: Next) => void | Promise<unknown>;

export function composeSteps(steps: readonly Step[], handler: Handler, logger: Logger): Handler {
  const failed = (req: IncomingMessage, res: ServerResponse, id: string, error: unknown) => {
    logger.error({ reqId: id, err: error, method: req.method, url: String(req.url).slice(0, 200) }, 'Request failed outside its handler');
    if (res.headersSent) return void res.destroy();
    sendJson(res, 500, errorBody(`Unexpected error. Quote request id ${id} when you report it.`, 'INTERNAL_SERVER_ERROR', { requestId: id }), {
      'Cache-Control': 'no-store',
    });
  };

  return (req, res) => {
    const id = requestIdOf(req);
    try {
      // A target or Host header that does not parse is kept as null: the target check answers 400.
      const target = validHost(req.headers.host) ? parseTarget(req.url) : null;
      const path = target?.path ?? pathOf(req.url);
      const state: RequestState = { id, started: performance.now(), target, path, route: target ? routeOf(path) : 'other' };
      setRequestState(req, state);
      res.setHeader('X-Request-Id', id);
      const run = (index: number): void | Promise<unknown> => {
        const step = steps[index];
        if (!step) return handler(req, res);
        return step(req, res, state, () => run(index + 1));
      };
      const pending = run(0) as unknown;
      if (pending instanceof Promise) pending.catch((error: unknown) => failed(req, res, id, error));
    } catch (error) {
      failed(req, res, id, error);
    }
  };
}
