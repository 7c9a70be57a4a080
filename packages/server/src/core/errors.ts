import { GraphQLError } from 'graphql';

/**
 * Errors the write path raises on purpose. They are GraphQLErrors so that yoga passes
 * their message and code to the client (anything else is masked as "Unexpected error"),
 * and plain enough for the CLI to print.
 */

/** A value a caller sent is not acceptable; `field` names it (as the caller spelt it). */
export class InputError extends GraphQLError {
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`, { extensions: { code: 'BAD_USER_INPUT', field } });
    this.field = field;
  }
}

/** The object changed since the caller read it (its version moved on). */
export class ConflictError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'CONFLICT' } });
  }
}

/** The object the caller names does not exist. */
export class NotFoundError extends GraphQLError {
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`, { extensions: { code: 'NOT_FOUND', field } });
    this.field = field;
  }
}

/** No key, or a key that is not valid (unknown, revoked, malformed). */
export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'This needs an API key: send "Authorization: Bearer <key>".') {
    super(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}

/** A valid key whose role does not allow the operation. */
export class ForbiddenError extends GraphQLError {
  constructor(message = 'Your API key does not allow this.') {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}

/**
 * The write committed, but this process could not read the data back to answer with it (the
 * database went away just after). The data watch reloads it at its next check.
 */
export class SavedNotShownError extends GraphQLError {
  constructor() {
    super('The change was saved, but the server could not read the data back to show it. Read it again in a moment.', {
      extensions: { code: 'SAVED_NOT_SHOWN' },
    });
  }
}

/**
 * Thrown inside a write transaction when a row changed between our read and our
 * conditional write (another process won the race). The caller retries from the read.
 */
export class RetryableConflict extends Error {
  constructor() {
    super('The row changed during the write; retrying.');
  }
}

/**
 * The database (or another dependency) cannot take the request right now: busy with other
 * writers past our retries, or unreachable. Nothing was written. A 503 with Retry-After, so
 * clients and load balancers retry instead of reporting a bug.
 */
export class UnavailableError extends GraphQLError {
  constructor(message: string, retryAfterSeconds = 2) {
    super(message, {
      extensions: {
        code: 'SERVICE_UNAVAILABLE',
        retryAfter: retryAfterSeconds,
        http: { status: 503, headers: { 'Retry-After': String(retryAfterSeconds) } },
      },
    });
  }
}
