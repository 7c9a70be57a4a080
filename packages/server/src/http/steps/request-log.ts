/**
 * One JSON log line and the HTTP metrics per request, written when its connection closes (also
 * when the client went away before the answer); `Connection: close` while the server drains.
 */
import type { ServerResponse } from 'node:http';
import { clientAddress } from '../../limits/rate-limit.js';
import { stateOf } from '../request-state.js';
import type { Runtime } from '../runtime.js';
import type { Step } from './compose.js';

export interface RequestLogOptions {
  /** Proxies in front that append to X-Forwarded-For (the logged client address). */
  trustProxy: number;
}

export function requestLog(runtime: Pick<Runtime, 'logger' | 'metrics' | 'draining'>, { trustProxy }: RequestLogOptions): Step {
  const { logger, metrics } = runtime;

  // One listener for every response (no closure per request): the response leads to its request and state.
  function closed(this: ServerResponse) {
    const req = this.req;
    const state = stateOf(req);
    if (!state) return;
    const seconds = (performance.now() - state.started) / 1000;
    const { route } = state;
    const method = req.method ?? 'GET';
    // A subscription's stream lasts minutes or hours: it would drown the latency histograms.
    const stream = state.operationType === 'subscription';
    metrics.requestDone(route, method, this.statusCode, stream ? undefined : seconds);
    if (route === 'graphql' && state.operationType && !stream) metrics.operationDone(state.operation, state.operationType, seconds);
    const line = {
      reqId: state.id,
      method: req.method,
      path: state.path,
      status: this.statusCode,
      ms: Math.round(seconds * 100_000) / 100,
      operation: state.operation,
      cost: state.cost,
      cache: state.cache,
      errors: state.errors || undefined,
      aborted: this.writableFinished ? undefined : true,
      client: clientAddress(req, trustProxy),
    };
    // Probes and scrapes come every few seconds: keep them out of the info log.
    if (route === 'probe') logger.debug(line, 'request');
    else logger.info(line, 'request');
  }

  return (req, res, state, next) => {
    if (runtime.draining) state.headers.push('Connection', 'close');
    res.on('close', closed);
    return next(req, res, state);
  };
}
