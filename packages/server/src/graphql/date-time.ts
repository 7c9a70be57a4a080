/**
 * `DateTime`: an instant as an ISO 8601 string in UTC (`2024-02-29T15:04:05.000Z`). Shared by
 * every field and argument that is a moment rather than a day (days are `YYYY-MM-DD` strings).
 * Input accepts any ISO 8601 date-time with a zone (`Z` or `±hh:mm`) and rejects the rest with
 * BAD_USER_INPUT.
 */
import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

function parseInstant(value: unknown): Date {
  const date = typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime must be an ISO 8601 date and time with a zone, e.g. "2024-02-29T15:00:00Z"; got ${JSON.stringify(value)?.slice(0, 60)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return date;
}

export const DateTimeScalar = builder.scalarType('DateTime', {
  description: 'An instant, as an ISO 8601 date and time in UTC (e.g. "2024-02-29T15:04:05.000Z"). Input may use any zone offset.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value as string).toISOString()),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});
