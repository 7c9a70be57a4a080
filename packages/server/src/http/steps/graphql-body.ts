/**
 * For /graphql: a POST body is read here (bounded by MAX_BODY_BYTES) and handed to yoga already
 * read, so that an anonymous read whose answer is in the response cache is answered here
 * (fast-path.ts) without building yoga's Request and Response objects.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import { createFastPath, readBody } from '../fast-path.js';
import type { Runtime } from '../runtime.js';
import type { PersistedManifest } from '../plugins/persisted.js';
import { mayBeUpload, uploadHint, type BodyLimits } from '../upload-limit.js';
import { tooLarge } from './body-limit.js';
import type { Step } from './compose.js';

export interface GraphqlBodyOptions {
  store: Runtime['store'];
  manifest: PersistedManifest;
  persistedOnly: boolean;
  /** The limits of body-limit.ts, and the limit this request's body is read with (upload-limit.ts). */
  limits: BodyLimits;
  limitOf(req: IncomingMessage): Promise<number>;
  logger: Logger;
  metrics: Metrics;
}

export function graphqlBody({ store, manifest, persistedOnly, limits, limitOf, logger, metrics }: GraphqlBodyOptions): Step {
  const fastPath = store ? createFastPath({ store, manifest, persistedOnly }) : undefined;
  return (req, res, state, next) => {
    if (state.route !== 'graphql') return next();
    const run = async () => {
      let body: Buffer | undefined;
      if (req.method === 'POST') {
        const limit = await limitOf(req);
        body = await readBody(req, limit);
        if (!body) return tooLarge(res, limit, 'is longer than that', mayBeUpload(req) ? uploadHint(limits) : undefined);
        // whatwg-node (under yoga) takes an already-read body from here instead of the stream.
        (req as typeof req & { body?: Buffer }).body = body;
      }
      let hit;
      try {
        hit = fastPath ? await fastPath(req, res, body) : undefined;
      } catch (error) {
        // A request the fast path cannot make sense of (an odd Host header…) is yoga's to answer.
        logger.debug({ reqId: state.id, err: error }, 'cache fast path skipped');
      }
      if (!hit) return next();
      metrics.cacheRequests.inc({ result: 'hit' });
      Object.assign(state, { operation: hit.operation, operationType: 'query', cache: 'hit', cost: hit.cost });
    };
    // The client went away while sending its body: nothing to answer.
    return run().catch(() => req.destroy());
  };
}
