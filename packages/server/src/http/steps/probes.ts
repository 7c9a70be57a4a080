/**
 * GET /ready — ready when not draining and the database, its read replicas and (if configured)
 * Redis answer — and GET /metrics (Prometheus, when METRICS is on).
 */
import { primaryOf, replicaClientsOf } from '@vigia/schema';
import { sendJson } from '../json.js';
import { applyStepHeaders } from '../request-state.js';
import type { Runtime } from '../runtime.js';
import type { Step } from './compose.js';

export function probes(runtime: Pick<Runtime, 'config' | 'metrics' | 'prisma' | 'redis' | 'draining'>): Step {
  const { config, metrics, prisma, redis } = runtime;

  const ready = async (res: Parameters<Step>[1]) => {
    if (runtime.draining) return sendJson(res, 503, { status: 'shutting-down' });
    const up = (check: Promise<unknown>) =>
      check.then(
        () => 'up' as const,
        () => 'down' as const,
      );
    const replicaClients = replicaClientsOf(prisma);
    const [database, cache, ...replicas] = await Promise.all([
      // $primary: with replicas, a raw query on the routed client could land on either.
      up(primaryOf(prisma).$queryRawUnsafe('SELECT 1')),
      redis ? up(redis.ping()) : Promise.resolve('not configured' as const),
      ...replicaClients.map((replica) => up(replica.$queryRawUnsafe('SELECT 1'))),
    ]);
    const ok = database === 'up' && cache !== 'down' && replicas.every((r) => r === 'up');
    sendJson(
      res,
      ok ? 200 : 503,
      { status: ok ? 'ready' : 'unavailable', database, ...(replicaClients.length ? { replicas } : {}), redis: cache },
      { 'Cache-Control': 'no-store' },
    );
  };

  return (req, res, state, next) => {
    if (state.path === '/ready') return ready(res);
    if (state.path === '/metrics') {
      if (!config.metrics) return sendJson(res, 404, { error: 'Not found', code: 'NOT_FOUND' });
      return metrics.registry.metrics().then((text) => {
        applyStepHeaders(res, state);
        res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
        res.end(text);
      });
    }
    return next(req, res, state);
  };
}
