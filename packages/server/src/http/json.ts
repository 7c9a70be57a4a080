import type { ServerResponse } from 'node:http';
import { applyStepHeaders } from './request-state.js';

/** The one JSON responder of the HTTP surface (GraphQL's own answers are yoga's). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  // A step answering on its own (400, 413, 429…) still carries the request id, CORS and rate-limit headers.
  applyStepHeaders(res);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*', ...headers });
  res.end(JSON.stringify(body));
}

/** A GraphQL-shaped error body: `{ errors: [{ message, extensions: { code, … } }] }`. */
export function errorBody(message: string, code: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}
