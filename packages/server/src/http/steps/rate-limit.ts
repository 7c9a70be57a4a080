/**
 * Rate limits for /graphql, /data and /embed: a window of requests per verified API key or per client
 * address, plus a small budget per address for keys this process has not verified (so guessing
 * keys meets a 429 quickly). `RateLimit-*` headers on every answer; 429 with Retry-After past it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isVerifiedToken } from '../../auth/keys.js';
import type { Config } from '../../config.js';
import { bucketOf, clientAddress, type Buckets, type RateLimiter, type Verdict } from '../../limits/rate-limit.js';
import type { Metrics } from '../../observability/metrics.js';
import { errorBody, sendJson } from '../json.js';
import type { RequestState } from '../request-state.js';
import type { Next, Step } from './compose.js';

export interface RateLimitOptions {
  limiter: RateLimiter | undefined;
  limits: Config['rateLimit'];
  trustProxy: number;
  metrics: Metrics;
}

/** Buckets of callers without a key, by client address (most traffic: the same few addresses again and again). */
const REMEMBERED_ADDRESSES = 10_000;

export function rateLimit({ limiter, limits, trustProxy, metrics }: RateLimitOptions): Step {
  const refuse = (res: ServerResponse, verdict: Verdict, kind: string) => {
    const retryAfter = Math.max(1, Math.ceil(verdict.resetMs / 1000));
    metrics.rateLimited.inc({ bucket: kind });
    const message =
      kind === 'unverified-key'
        ? `Too many requests with API keys that could not be verified from this address: the limit is ${verdict.limit} per ${limits.windowSeconds} s. Check the key; retry after ${retryAfter} s.`
        : `Too many requests from this ${kind === 'key' ? 'API key' : 'address'}: the limit is ${verdict.limit} per ${limits.windowSeconds} s. Retry after ${retryAfter} s.`;
    sendJson(res, 429, errorBody(message, 'RATE_LIMITED', { retryAfter }), { 'Retry-After': String(retryAfter) });
  };

  const byAddress = new Map<string, Buckets>();
  /** The request's buckets; an anonymous caller's depend only on its address (limits/rate-limit.ts). */
  const bucketsOf = (req: IncomingMessage): Buckets => {
    if (req.headers.authorization !== undefined) return bucketOf(req, trustProxy, isVerifiedToken);
    const address = clientAddress(req, trustProxy);
    let buckets = byAddress.get(address);
    if (!buckets) {
      buckets = bucketOf(req, trustProxy, isVerifiedToken);
      if (byAddress.size >= REMEMBERED_ADDRESSES) byAddress.clear();
      byAddress.set(address, buckets);
    }
    return buckets;
  };

  const proceed = (req: IncomingMessage, res: ServerResponse, state: RequestState, next: Next, kind: Buckets['kind'], verdict: Verdict, guesses: Verdict | undefined) => {
    state.headers.push('RateLimit-Limit', String(verdict.limit), 'RateLimit-Remaining', String(verdict.remaining), 'RateLimit-Reset', String(Math.ceil(verdict.resetMs / 1000)));
    if (!verdict.allowed) return refuse(res, verdict, kind);
    if (guesses && !guesses.allowed) return refuse(res, guesses, 'unverified-key');
    return next(req, res, state);
  };

  return (req, res, state, next) => {
    // Embeds render images on request: they spend the same budgets as the API.
    if (!limiter || (state.route !== 'graphql' && state.route !== 'data' && state.route !== 'embed')) return next(req, res, state);
    const { bucket, kind, unverified } = bucketsOf(req);
    const limit = kind === 'key' ? limits.perKey : limits.perAddress;
    const verdict = limiter.hit(bucket, limit);
    const guesses = unverified ? limiter.hit(unverified, limits.unverifiedKeys) : undefined;
    // In memory the verdicts are plain values; from Redis, promises.
    if (verdict instanceof Promise || guesses instanceof Promise) {
      return Promise.all([verdict, guesses]).then(([v, g]) => proceed(req, res, state, next, kind, v, g));
    }
    return proceed(req, res, state, next, kind, verdict, guesses);
  };
}
