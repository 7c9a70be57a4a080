/**
 * Every error a client gets carries `extensions.code`, so that clients branch on a stable code,
 * not on message text. Our own errors set theirs (core/errors.ts, limits/, persisted.ts) and yoga
 * sets its own for parse and validation; this names the rest — graphql-js's variable and
 * operation errors, Pothos's invalid ids and cursors — when the answer is about to be sent.
 */
import { GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

const RULES: [RegExp, string][] = [
  [/^Variable "\$[^"]+" (got invalid value|of required type|of non-null type)/, 'BAD_USER_INPUT'],
  [/^Invalid (global ID|cursor)\b/, 'BAD_USER_INPUT'],
  [/^Schema is not configured to execute \w+ operation/, 'OPERATION_NOT_SUPPORTED'],
  [/^(Unknown operation named|Must provide operation name|Must provide an operation)/, 'OPERATION_RESOLUTION_FAILURE'],
];

/** The code for an error that came without one. */
export function codeFor(error: GraphQLError): string {
  for (const [pattern, code] of RULES) if (pattern.test(error.message)) return code;
  // node(id:) with a well-formed id of a type that is not ours (Pothos: "Foo has not been implemented").
  if ((error.path?.[0] === 'node' || error.path?.[0] === 'nodes') && / has not been implemented$/.test(error.message)) return 'BAD_USER_INPUT';
  // With a path: raised while resolving (yoga masks unexpected ones, so this is one of graphql's own).
  return error.path ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
}

export function useErrorCodes(): Plugin {
  return {
    onResultProcess({ result }) {
      for (const one of Array.isArray(result) ? result : [result]) {
        if (isAsyncIterable(one)) continue;
        for (const error of one.errors ?? []) {
          if (!(error instanceof GraphQLError) || typeof error.extensions?.code === 'string') continue;
          // graphql-js gives every error its own extensions object (never frozen).
          const code = codeFor(error);
          const extensions = error.extensions as Record<string, unknown>;
          extensions.code = code;
          // An operation type the schema does not serve is the request's fault, as an unknown operation is.
          if (code === 'OPERATION_NOT_SUPPORTED') extensions.http = { status: 400 };
        }
      }
    },
  };
}
