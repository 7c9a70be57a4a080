/**
 * CORS for /graphql: any origin may read; credentials are never allowed cross-origin. A literal
 * "*" (not the echoed origin) keeps browsers from sending cookies and keeps CDN caches unsplit.
 * Preflights are answered here.
 */
import { applyStepHeaders } from '../request-state.js';
import type { Step } from './compose.js';

const EXPOSED_HEADERS = 'ETag, Retry-After, X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset';
const DEFAULT_ALLOWED_HEADERS = 'content-type, accept, authorization, x-request-id, x-graphql-yoga-csrf';

export function cors(): Step {
  return (req, res, state, next) => {
    if (state.route !== 'graphql') return next(req, res, state);
    state.headers.push('Access-Control-Allow-Origin', '*', 'Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (req.method !== 'OPTIONS') return next(req, res, state);
    const asked = req.headers['access-control-request-headers'];
    applyStepHeaders(res, state);
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': typeof asked === 'string' && /^[\w\s,-]{1,1000}$/.test(asked) ? asked : DEFAULT_ALLOWED_HEADERS,
      'Access-Control-Max-Age': '86400',
    });
    res.end();
  };
}
