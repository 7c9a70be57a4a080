/** A GraphQL request body longer than MAX_BODY_BYTES is refused (413) before it is read. */
import type { ServerResponse } from 'node:http';
import { errorBody, sendJson } from '../json.js';
import type { Step } from './compose.js';

export function tooLarge(res: ServerResponse, maxBodyBytes: number, what: string) {
  res.setHeader('Connection', 'close');
  sendJson(
    res,
    413,
    errorBody(`The request body ${what}; the limit is ${maxBodyBytes} bytes. Send a shorter query, or use persisted operations.`, 'BODY_TOO_LARGE'),
  );
}

export function bodyLimit({ maxBodyBytes }: { maxBodyBytes: number }): Step {
  return (req, res, state, next) => {
    if (state.route !== 'graphql') return next();
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > maxBodyBytes) return tooLarge(res, maxBodyBytes, `is ${length} bytes`);
    return next();
  };
}
