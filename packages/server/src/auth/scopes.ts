import type { AuthFailure } from '@pothos/plugin-scope-auth';
import { ForbiddenError, UnauthenticatedError } from '../core/errors.js';
import type { Caller } from '../core/caller.js';

/** The first scope a failed check asked for ("editor", "admin"). */
function missingScope(failure: AuthFailure): string | null {
  if ('scope' in failure) return failure.scope;
  if ('failures' in failure) {
    for (const inner of failure.failures) {
      const scope = missingScope(inner);
      if (scope) return scope;
    }
  }
  return null;
}

/**
 * The error for a refused field: it says what is missing — a key (UNAUTHENTICATED) or a
 * role (FORBIDDEN) — and nothing about the data.
 */
export function refusal(caller: Caller | null, failure: AuthFailure): Error {
  if (!caller) return new UnauthenticatedError();
  const needs = missingScope(failure) ?? 'another';
  return new ForbiddenError(`This needs a key with the ${needs} role; yours has the ${caller.role.toLowerCase()} role.`);
}
