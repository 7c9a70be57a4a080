import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { getDatamodel, type PrismaTypes } from '@vigia/schema';
import { PAGE_SIZE } from '../config.js';
import type { Context } from '../context.js';
import { canWrite, isAdmin } from '../core/caller.js';
import { refusal } from '../auth/scopes.js';

/** The one Pothos builder: every type in ./types registers itself on it. */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string | number };
    JSON: { Input: unknown; Output: unknown };
    // An instant (graphql/date-time.ts): Date in resolvers, ISO 8601 on the wire.
    DateTime: { Input: Date; Output: Date | string };
    // An uploaded file (GraphQL multipart request); input only.
    File: { Input: File; Output: never };
  };
  // Roles: anonymous and viewer callers read; `editor` writes data; `admin` also reads the audit log.
  AuthScopes: { editor: boolean; admin: boolean };
}>({
  // Scope auth first, so that no other plugin's resolver wrapping runs for a refused caller.
  plugins: [ScopeAuthPlugin, RelayPlugin, PrismaPlugin],
  scopeAuth: {
    authScopes: (ctx) => ({ editor: canWrite(ctx.caller), admin: isAdmin(ctx.caller) }),
    // Says what is missing and nothing else: no key (UNAUTHENTICATED) or not enough role (FORBIDDEN).
    unauthorizedError: (_parent, ctx, _info, result) => refusal(ctx.caller, result.failure),
  },
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeQueryOptions: { description: 'Fetches any object by its global ID (Relay Global Object Identification).' },
    nodesQueryOptions: { description: 'Fetches several objects by their global IDs, in the same order; unknown IDs give null.' },
    pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole list.' },
    nodeTypeOptions: { description: 'An object with a global ID, fetchable with `node(id:)`.' },
    idFieldOptions: { description: 'Global ID (Relay Global Object Identification).' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items come before this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of this page; pass it as `after` for the next page.' },
    edgesFieldOptions: { description: 'The items of this page, each with its cursor.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    cursorFieldOptions: { description: 'Opaque cursor of this item, for `after`.' },
    nodeFieldOptions: { description: 'The item.' },
  },
  prisma: {
    // Each server has its own client (tests run several), so the client comes from the context.
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    // The same page sizes as the connections over the snapshot (config.ts).
    defaultConnectionSize: PAGE_SIZE.default,
    maxConnectionSize: PAGE_SIZE.max,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
});

builder.queryType({ description: 'The public, read-only Vigía API. Every figure carries its source.' });
