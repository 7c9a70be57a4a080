/**
 * One JSON log line and the HTTP metrics per request, written when its connection closes (also
 * when the client went away before the answer); `Connection: close` while the server drains.
 */
import { clientAddress } from '../../limits/rate-limit.js';
import type { Runtime } from '../runtime.js';
import type { Step } from './compose.js';

export interface RequestLogOptions {
  /** Proxies in front that append to X-Forwarded-For (the logged client address). */
  trustProxy: number;
}

export function requestLog(runtime: Pick<Runtime, 'logger' | 'metrics' | 'draining'>, { trustProxy }: RequestLogOptions): Step {
  const { logger, metrics } = runtime;
  return (req, res, state, next) => {
    if (runtime.draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      const seconds = (performance.now() - state.started) / 1000;
      const { route } = state;
      metrics.httpRequests.inc({ route, method: req.method ?? 'GET', status: String(res.statusCode) });
      // A subscription's stream lasts minutes or hours: it would drown the latency histograms.
      const stream = state.operationType === 'subscription';
      if (!stream) metrics.httpDuration.observe({ route }, seconds);
      if (route === 'graphql' && state.operationType && !stream) {
        metrics.operationDuration.observe({ operation: metrics.operationLabel(state.operation), type: state.operationType }, seconds);
      }
      const line = {
        reqId: state.id,
        method: req.method,
        path: state.path,
        status: res.statusCode,
        ms: Math.round(seconds * 100_000) / 100,
        operation: state.operation,
        cost: state.cost,
        cache: state.cache,
        errors: state.errors || undefined,
        aborted: res.writableFinished ? undefined : true,
        client: clientAddress(req, trustProxy),
      };
      // Probes and scrapes come every few seconds: keep them out of the info log.
      if (route === 'probe') logger.debug(line, 'request');
      else logger.info(line, 'request');
    });
    return next();
  };
}
