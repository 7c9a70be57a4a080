/**
 * Rate limits for /graphql, /data and /embed: a window of requests per verified API key or per client
 * address, plus a small budget per address for keys this process has not verified (so guessing
 * keys meets a 429 quickly). `RateLimit-*` headers on every answer; 429 with Retry-After past it.
 */
import type { ServerResponse } from 'node:http';
import { isVerifiedToken } from '../../auth/keys.js';
import type { Config } from '../../config.js';
import { bucketOf, type RateLimiter, type Verdict } from '../../limits/rate-limit.js';
import type { Metrics } from '../../observability/metrics.js';
import { errorBody, sendJson } from '../json.js';
import type { Step } from './compose.js';

export interface RateLimitOptions {
  limiter: RateLimiter | undefined;
  limits: Config['rateLimit'];
  trustProxy: number;
  metrics: Metrics;
}

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

  return (req, res, state, next) => {
    // Embeds render images on request: they spend the same budgets as the API.
    if (!limiter || (state.route !== 'graphql' && state.route !== 'data' && state.route !== 'embed')) return next();
    const { bucket, kind, unverified } = bucketOf(req, trustProxy, isVerifiedToken);
    const limit = kind === 'key' ? limits.perKey : limits.perAddress;
    const verdicts = [limiter.hit(bucket, limit), ...(unverified ? [limiter.hit(unverified, limits.unverifiedKeys)] : [])];
    const proceed = ([verdict, guesses]: Verdict[]) => {
      res.setHeader('RateLimit-Limit', String(verdict!.limit));
      res.setHeader('RateLimit-Remaining', String(verdict!.remaining));
      res.setHeader('RateLimit-Reset', String(Math.ceil(verdict!.resetMs / 1000)));
      if (!verdict!.allowed) return refuse(res, verdict!, kind);
      if (guesses && !guesses.allowed) return refuse(res, guesses, 'unverified-key');
      return next();
    };
    if (verdicts.some((v) => v instanceof Promise)) return Promise.all(verdicts).then(proceed);
    return proceed(verdicts as Verdict[]);
  };
}
