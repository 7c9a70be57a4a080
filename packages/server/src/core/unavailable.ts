/**
 * Which failures mean "the database cannot take this request now" — unreachable, connection
 * lost, pool exhausted, timed out, busy with other writers — as opposed to a bug. Those answer
 * 503 with Retry-After (UnavailableError), never "Unexpected error." with a 500.
 */
import { GraphQLError } from 'graphql';
import { UnavailableError } from './errors.js';

/** Prisma's codes for connection-level failures (prisma.io/docs/orm/reference/error-reference). */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1011', 'P1017', 'P2024', 'P2028']);
const DRIVER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionAlreadyClosed', 'SocketError']);
const MESSAGES =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|Connection terminated|Can't reach database|connection (is )?closed|timed out|timeout exceeded|SQLITE_BUSY|database is locked|Transaction API error/i;

export function isUnavailable(error: unknown): boolean {
  for (let e = error as Record<string, any> | undefined, depth = 0; e && depth < 5; e = e.cause ?? e.originalError, depth++) {
    if (e instanceof UnavailableError) return true;
    if (typeof e.code === 'string' && (PRISMA_CODES.has(e.code) || /^(ECONN|EPIPE|ETIMEDOUT|EHOSTUNREACH|57P0[123]|08\d\d\d)/.test(e.code))) return true;
    if (typeof e.kind === 'string' && DRIVER_KINDS.has(e.kind)) return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** The error a client gets for a failure: an UnavailableError for outages, the error itself otherwise. */
export function asUnavailable(error: unknown): GraphQLError | undefined {
  if (error instanceof UnavailableError) return error;
  return isUnavailable(error) ? new UnavailableError('The database is not answering right now; retry in a moment.') : undefined;
}
