/**
 * yoga's error masking (unexpected errors reach clients as "Unexpected error."), except that a
 * database outage answers as one: 503, Retry-After, SERVICE_UNAVAILABLE (core/unavailable.ts).
 */
import { GraphQLError } from 'graphql';
import { maskError, type MaskError } from 'graphql-yoga';
import { asUnavailable } from '../../core/unavailable.js';

export const maskErrorsButOutages: MaskError = (error, message, isDev) => {
  // GraphQL errors of our own (UnavailableError included) pass as they are; others are masked.
  const original = error instanceof GraphQLError ? error.originalError : error;
  const unavailable = original && !(original instanceof GraphQLError) ? asUnavailable(original) : undefined;
  if (!unavailable) return maskError(error, message, isDev);
  if (!(error instanceof GraphQLError)) return unavailable;
  // Keep where in the operation it happened.
  return new GraphQLError(unavailable.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: unavailable.extensions,
  });
};
