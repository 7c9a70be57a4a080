/**
 * A GraphQL request body longer than MAX_BODY_BYTES is refused (413) before it is read; an import
 * upload (a multipart POST with a key) may announce up to IMPORT_MAX_BYTES, and its key is
 * verified before more than MAX_BODY_BYTES is read (http/upload-limit.ts, steps/graphql-body.ts).
 */
import type { ServerResponse } from 'node:http';
import { errorBody, sendJson } from '../json.js';
import { announcedLimit, mayBeUpload, uploadHint, type BodyLimits } from '../upload-limit.js';
import type { Step } from './compose.js';

export function tooLarge(res: ServerResponse, maxBodyBytes: number, what: string, hint = 'Send a shorter query, or use persisted operations.') {
  res.setHeader('Connection', 'close');
  sendJson(res, 413, errorBody(`The request body ${what}; the limit is ${maxBodyBytes} bytes. ${hint}`, 'BODY_TOO_LARGE'));
}

export function bodyLimit(limits: BodyLimits): Step {
  return (req, res, state, next) => {
    if (state.route !== 'graphql') return next(req, res, state);
    const length = Number(req.headers['content-length'] ?? 0);
    const limit = announcedLimit(req, limits);
    if (length > limit) return tooLarge(res, limit, `is ${length} bytes`, mayBeUpload(req) ? uploadHint(limits) : undefined);
    return next(req, res, state);
  };
}
