/**
 * How large a GraphQL request body may be. Every body is bounded by MAX_BODY_BYTES, except an
 * import upload: a multipart POST (importData's file) from an editor or admin key may be up to
 * IMPORT_MAX_BYTES. The key is verified before a byte beyond MAX_BODY_BYTES is read, and only
 * after the rate limit has counted the request (steps/graphql-body.ts), so neither anonymous
 * callers nor guessed keys can make the server hold more than MAX_BODY_BYTES.
 */
import type { IncomingMessage } from 'node:http';
import type { PrismaClient } from '@vigia/schema';
import { canWrite } from '../core/caller.js';
import { authenticate } from '../auth/keys.js';

export interface BodyLimits {
  maxBodyBytes: number;
  importMaxBytes: number;
}

const MULTIPART = /^multipart\/form-data\s*(;|$)/i;

/** A multipart POST with a key: the only kind of request that may be an import upload. */
export const mayBeUpload = (req: IncomingMessage): boolean =>
  req.method === 'POST' && MULTIPART.test(req.headers['content-type'] ?? '') && Boolean(req.headers.authorization?.trim());

/** The largest body a request's Content-Length may announce before anything is read or verified. */
export const announcedLimit = (req: IncomingMessage, limits: BodyLimits): number =>
  mayBeUpload(req) ? Math.max(limits.maxBodyBytes, limits.importMaxBytes) : limits.maxBodyBytes;

/** The limit to read a request's body with: IMPORT_MAX_BYTES for an upload from a verified editor or admin key. */
export function bodyLimitOf(prisma: PrismaClient, limits: BodyLimits) {
  return async (req: IncomingMessage): Promise<number> => {
    if (!mayBeUpload(req) || limits.importMaxBytes <= limits.maxBodyBytes) return limits.maxBodyBytes;
    // A body announced within the common limit needs no verification here (yoga verifies the key).
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length <= limits.maxBodyBytes) return limits.maxBodyBytes;
    try {
      const caller = await authenticate(prisma, req.headers.authorization);
      return canWrite(caller) ? limits.importMaxBytes : limits.maxBodyBytes;
    } catch {
      // A bad key or an unreachable database: the common limit; yoga answers 401 or 503 if the body fits.
      return limits.maxBodyBytes;
    }
  };
}

/** What a 413 adds for a multipart request, so that a steward learns the file limit, not the query one. */
export const uploadHint = (limits: BodyLimits) =>
  `An import file (importData) may be up to ${limits.importMaxBytes} bytes with an editor or admin key.`;
