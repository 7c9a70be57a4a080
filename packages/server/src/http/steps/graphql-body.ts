/**
 * For /graphql: a POST body is read here (bounded by MAX_BODY_BYTES) and handed to yoga already
 * read, so that an anonymous read whose answer is in the response cache is answered here
 * (fast-path.ts) without building yoga's Request and Response objects.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import { createFastPath, readBody, type FastPath } from '../fast-path.js';
import type { RequestState } from '../request-state.js';
import type { Runtime } from '../runtime.js';
import type { PersistedManifest } from '../plugins/persisted.js';
import { mayBeUpload, uploadHint, type BodyLimits } from '../upload-limit.js';
import { tooLarge } from './body-limit.js';
import type { Next, Step } from './compose.js';

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

  const served = (req: IncomingMessage, res: ServerResponse, state: RequestState, next: Next, hit: boolean) => {
    if (!hit) return next(req, res, state);
    metrics.cacheHit();
  };
  // A request the fast path cannot make sense of (an odd Host header…) is yoga's to answer.
  const skipped = (req: IncomingMessage, res: ServerResponse, state: RequestState, next: Next, error: unknown) => {
    logger.debug({ reqId: state.id, err: error }, 'cache fast path skipped');
    return next(req, res, state);
  };

  /** The cache fast path, then yoga (`next`) for whatever it does not answer. */
  const answer = (req: IncomingMessage, res: ServerResponse, state: RequestState, next: Next, body: Buffer | undefined) => {
    let hit: ReturnType<FastPath>;
    try {
      hit = fastPath!(req, res, body, state);
    } catch (error) {
      return skipped(req, res, state, next, error);
    }
    if (hit instanceof Promise) {
      return hit.then(
        (found) => served(req, res, state, next, found),
        (error: unknown) => skipped(req, res, state, next, error),
      );
    }
    return served(req, res, state, next, hit);
  };

  return (req, res, state, next) => {
    if (state.route !== 'graphql') return next(req, res, state);
    if (!fastPath) return req.method === 'POST' ? readAndPass(req, res, () => next(req, res, state)) : next(req, res, state);
    // A GET (what widgets send) needs no body: answered without a promise when the store is in memory.
    if (req.method !== 'POST') return answer(req, res, state, next, undefined);
    return readAndPass(req, res, (body) => answer(req, res, state, next, body));
  };

  /** Reads a POST body within its limit and hands it on (and to yoga, through `req.body`). */
  function readAndPass(req: IncomingMessage, res: ServerResponse, then: (body: Buffer) => unknown) {
    const run = async () => {
      const limit = await limitOf(req);
      const body = await readBody(req, limit);
      if (!body) return tooLarge(res, limit, 'is longer than that', mayBeUpload(req) ? uploadHint(limits) : undefined);
      // whatwg-node (under yoga) takes an already-read body from here instead of the stream.
      (req as typeof req & { body?: Buffer }).body = body;
      return then(body);
    };
    // The client went away while sending its body: nothing to answer.
    return run().catch(() => req.destroy());
  }
}
