/**
 * API keys over GraphQL (admin keys only): `apiKeys`, `createApiKey`, `revokeApiKey` — the
 * same functions, rules and audit entries as `pnpm vigia keys` (auth/keys.ts). Keys change no
 * public data: these mutations do not reload the snapshot, and the response cache and the
 * data watch ignore their audit entries (read-model/watch.ts).
 */
import { primaryOf } from '@vigia/schema';
import type { Context } from '../../context.js';
import { createKey, listKeys, revokeKey, type KeyListing } from '../../auth/keys.js';
import { actorFor } from '../../core/audit.js';
import { InputError, NotFoundError, UnauthenticatedError } from '../../core/errors.js';
import { builder } from '../builder.js';
import { ApiKeyRole } from '../types/audit.js';

export const ApiKeyRef = builder.objectRef<KeyListing>('ApiKey').implement({
  description: 'An API key, without its secret (which is shown once, when the key is created, and never stored).',
  fields: (t) => ({
    keyId: t.exposeString('id', { description: "The key's public id (the part after `vigia_`): what `revokeApiKey` and `me.keyId` name." }),
    name: t.exposeString('name', { description: 'Who holds it (a person or a portal); the audit log names them as the actor.' }),
    role: t.field({ type: ApiKeyRole, description: 'What the key may do.', resolve: (k) => k.role }),
    createdAt: t.string({ description: 'When it was created (ISO 8601 date and time, UTC).', resolve: (k) => k.createdAt.toISOString() }),
    revokedAt: t.string({
      nullable: true,
      description: 'When it was revoked (ISO 8601, UTC); null while it works.',
      resolve: (k) => k.revokedAt?.toISOString() ?? null,
    }),
    active: t.boolean({ description: 'Whether it still works (not revoked).', resolve: (k) => k.revokedAt === null }),
  }),
});

const actorOf = (ctx: Context) => {
  // Scope auth has refused anonymous callers already; this keeps a mistake there from acting anonymously.
  if (!ctx.caller) throw new UnauthenticatedError();
  return actorFor(ctx.caller);
};

/** A key's listing from the primary (a replica may not have a key created a moment ago). */
async function listingOf(ctx: Context, id: string): Promise<KeyListing> {
  return primaryOf(ctx.prisma).apiKey.findUniqueOrThrow({ where: { id }, select: { id: true, name: true, role: true, createdAt: true, revokedAt: true } });
}

builder.queryField('apiKeys', (t) =>
  t.field({
    type: [ApiKeyRef],
    authScopes: { admin: true },
    description: 'Every API key, revoked ones too, oldest first (admin keys only). Secrets are never shown.',
    // From the primary: a key created or revoked a moment ago is listed as it is now.
    resolve: (_root, _args, ctx) => listKeys(primaryOf(ctx.prisma)),
  }),
);

builder.relayMutationField(
  'createApiKey',
  {
    description: 'Who the new key is for and what it may do.',
    inputFields: (t) => ({
      name: t.string({ required: true, description: 'Who will hold it (a person or a portal), at most 100 characters; the audit log names them.' }),
      role: t.field({ type: ApiKeyRole, required: true, description: 'What it may do.' }),
    }),
  },
  {
    description: 'Creates an API key (admin only; audited as "createApiKey"). The key is in the answer once and can never be read again.',
    authScopes: { admin: true },
    resolve: async (_root, { input }, ctx) => {
      const actor = actorOf(ctx);
      try {
        const created = await createKey(ctx.prisma, { name: input.name, role: input.role }, actor);
        return { key: created.key, apiKey: await listingOf(ctx, created.id) };
      } catch (error) {
        // The shared rules name the CLI's flag (--name); here the field is input.name.
        if (error instanceof InputError && error.field === '--name') throw new InputError('name', error.message.replace(/^--name: /, ''));
        throw error;
      }
    },
  },
  {
    description: 'The new key, shown this once.',
    outputFields: (t) => ({
      key: t.exposeString('key', {
        description: 'The whole key ("vigia_<id>_<secret>"), to send as "Authorization: Bearer <key>". Shown only in this answer: store it now.',
      }),
      apiKey: t.field({ type: ApiKeyRef, description: "The key's public fields.", resolve: (result) => result.apiKey }),
    }),
  },
);

builder.relayMutationField(
  'revokeApiKey',
  {
    description: 'Which key to revoke.',
    inputFields: (t) => ({
      id: t.string({ required: true, description: "The key's public id (`ApiKey.keyId`), or the whole key." }),
    }),
  },
  {
    description: 'Revokes an API key at once, in every server process (admin only; audited as "revokeApiKey"). Revoking a revoked key changes nothing.',
    authScopes: { admin: true },
    resolve: async (_root, { input }, ctx) => {
      let revoked;
      try {
        revoked = await revokeKey(ctx.prisma, input.id, actorOf(ctx));
      } catch (error) {
        // The shared rules point at the CLI's list; here the field is input.id and the list is apiKeys.
        if (error instanceof NotFoundError && error.field === 'key') throw new NotFoundError('id', error.message.replace(/^key: /, '').replace(/ \(see .*\)$/, ' (see apiKeys)'));
        throw error;
      }
      return { changed: !revoked.alreadyRevoked, apiKey: await listingOf(ctx, revoked.id) };
    },
  },
  {
    description: 'The key as it is now.',
    outputFields: (t) => ({
      apiKey: t.field({ type: ApiKeyRef, description: 'The key, now revoked.', resolve: (result) => result.apiKey }),
      changed: t.exposeBoolean('changed', { description: 'Whether it was working until now (false: it was already revoked; no audit entry was written).' }),
    }),
  },
);
