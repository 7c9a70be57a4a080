/**
 * GraphQL-over-HTTP parameters of the wrong JSON type (`"query": {}`, `"operationName": 5`,
 * `"extensions": "x"`) are the client's mistake: 400 with graphql-yoga's own message. Yoga checks
 * them too, but after the plugins that read them (persisted operations, the response cache's
 * key), so this runs first in the plugin list.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const EXPECTED: Record<string, { types: string[]; what: string }> = {
  query: { types: ['string', 'null', 'undefined'], what: 'a string' },
  operationName: { types: ['string', 'null', 'undefined'], what: 'a string' },
  variables: { types: ['object', 'null', 'undefined'], what: 'empty or an object' },
  extensions: { types: ['object', 'null', 'undefined'], what: 'empty or an object' },
  documentId: { types: ['string', 'null', 'undefined'], what: 'a string' },
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function useParamsCheck(): Plugin {
  return {
    onParams({ params }) {
      for (const [name, { types, what }] of Object.entries(EXPECTED)) {
        const type = typeOf((params as Record<string, unknown>)[name]);
        if (!types.includes(type)) {
          throw new GraphQLError(`Expected "${name}" param to be ${what}, but given ${type}.`, {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
      }
    },
  };
}
