import type { Prisma } from '@vigia/schema';
import type { Caller } from '../../core/caller.js';
import { InputError } from '../../core/errors.js';
import { builder } from '../builder.js';
import { DateTimeScalar } from '../date-time.js';

export const JSONScalar = builder.scalarType('JSON', {
  description: 'Any JSON value (an object as it was before or after a change).',
  serialize: (value) => value,
  parseValue: (value) => value,
});

export const ApiKeyRole = builder.enumType('ApiKeyRole', {
  description: 'What an API key may do.',
  values: {
    VIEWER: { description: 'Reads the public data, like an anonymous caller (small victim counts stay suppressed).' },
    EDITOR: { description: 'Also changes data through the mutations, and sees stored values that the public gets suppressed.' },
    ADMIN: { description: "Also reads the audit log and undoes what editors can't (reopen a closed space, delete an indicator)." },
  } as const,
});

export const ApiCaller = builder.objectRef<Caller>('ApiCaller').implement({
  description: 'The holder of the API key a request was sent with.',
  fields: (t) => ({
    keyId: t.exposeString('keyId', { description: "The key's public id (the part after `vigia_`), as `pnpm vigia keys list` shows it." }),
    name: t.exposeString('name', { description: 'Who holds the key; the audit log names them as the actor.' }),
    role: t.field({ type: ApiKeyRole, description: 'What the key may do.', resolve: (c) => c.role }),
  }),
});

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

const AuditEntryRef = builder.prismaObject('AuditEntry', {
  description: 'One change to the data: who made it, when, and the object before and after.',
  fields: (t) => ({
    action: t.exposeString('action', {
      description:
        'What was done: the mutation\'s name (e.g. "upsertServiceResult", "closeCoordinationSpace"), "import" for a file import, or "createApiKey" / "revokeApiKey".',
    }),
    actor: t.exposeString('actor', {
      description: 'Who did it: the name of the API key used, or "local operator (<user>)" for a command-line import without a key.',
    }),
    keyId: t.exposeString('apiKeyId', {
      nullable: true,
      description: "The public id of the API key used (as `me.keyId` and `apiKeys` give it); null when no key was used (the local operator).",
    }),
    at: t.string({ description: 'When it was committed (ISO 8601 date and time, UTC).', resolve: (e) => e.at.toISOString() }),
    subjectType: t.exposeString('subjectType', {
      nullable: true,
      description: 'The kind of object changed (Indicator, ServiceResult, CoordinationSpace, Source, Document, ApiKey, Import).',
    }),
    subjectKey: t.exposeString('subjectKey', {
      nullable: true,
      description: 'Its stable key (e.g. "police-trained-puno", "4/2023" for service 4 in 2023; the file name for an import).',
    }),
    before: t.field({
      type: JSONScalar,
      nullable: true,
      description: 'The object before the change (null when it was created); for an import, the updated objects as they were.',
      resolve: (e) => parseJson(e.before),
    }),
    after: t.field({
      type: JSONScalar,
      nullable: true,
      description: 'The object after the change (null when it was deleted); for an import, its counts and the keys it created and updated.',
      resolve: (e) => parseJson(e.after),
    }),
  }),
});

const AuditEntryConnection = builder.connectionObject(
  {
    type: AuditEntryRef,
    name: 'AuditEntryConnection',
    description: 'A page of audit entries (Relay connection), newest first, with the total count.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many entries the whole filtered log has, across all pages.',
        // Lets the Prisma plugin skip loading rows when only the count is asked for.
        extensions: { pothosPrismaTotalCount: true },
        resolve: (connection) => {
          const { totalCount } = connection as unknown as { totalCount: number | (() => number | Promise<number>) };
          return typeof totalCount === 'function' ? totalCount() : totalCount;
        },
      }),
    }),
  },
  { name: 'AuditEntryEdge', description: 'An audit entry in a connection, with its cursor.' },
);

builder.queryFields((t) => ({
  auditLog: t.prismaConnection(
    {
      type: 'AuditEntry',
      cursor: 'id',
      authScopes: { admin: true },
      description:
        'Every change to the data, newest first (admin keys only). Filter by action, by the changed object, by who made it and by when; the filters combine (all must hold) and `totalCount` counts what they leave.',
      args: {
        action: t.arg.string({ description: 'Only entries of this action (e.g. "import").' }),
        subjectType: t.arg.string({ description: 'Only changes to objects of this kind (e.g. "Indicator").' }),
        subjectKey: t.arg.string({ description: 'Only changes to the object with this key.' }),
        actor: t.arg.string({
          description:
            'Only changes made by this actor, matched exactly (case and spaces count): the public id of the key used (`keyId`), or the name recorded as `actor` (a key\'s name when the change was made, or "local operator (<user>)").',
        }),
        since: t.arg({ type: DateTimeScalar, description: 'Only changes committed at or after this instant.' }),
        until: t.arg({ type: DateTimeScalar, description: 'Only changes committed before this instant (not at it): a day is `since` its midnight `until` the next one.' }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.auditEntry.count({ where: auditWhere(args) }),
      resolve: (query, _parent, args, ctx) => ctx.prisma.auditEntry.findMany({ ...query, where: auditWhere(args), orderBy: { id: 'desc' } }),
    },
    AuditEntryConnection,
  ),
  me: t.field({
    type: ApiCaller,
    nullable: true,
    description: 'Who the request comes from: the holder of the API key sent as "Authorization: Bearer <key>"; null when anonymous.',
    resolve: (_root, _args, ctx) => ctx.caller,
  }),
}));

interface AuditFilters {
  action?: string | null;
  subjectType?: string | null;
  subjectKey?: string | null;
  actor?: string | null;
  since?: Date | null;
  until?: Date | null;
}

/** The filters as a Prisma `where`: the database does the filtering, so pages and totalCount agree. */
function auditWhere(args: AuditFilters): Prisma.AuditEntryWhereInput {
  if (args.since && args.until && args.since.getTime() >= args.until.getTime()) {
    throw new InputError('until', `must be later than since (${args.since.toISOString()}); got ${args.until.toISOString()}`);
  }
  return {
    ...(args.action ? { action: args.action } : {}),
    ...(args.subjectType ? { subjectType: args.subjectType } : {}),
    ...(args.subjectKey ? { subjectKey: args.subjectKey } : {}),
    ...(args.actor ? { OR: [{ apiKeyId: args.actor }, { actor: args.actor }] } : {}),
    ...(args.since || args.until ? { at: { ...(args.since ? { gte: args.since } : {}), ...(args.until ? { lt: args.until } : {}) } } : {}),
  };
}
