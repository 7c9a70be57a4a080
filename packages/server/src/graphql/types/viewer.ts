import { canWrite, isAdmin, type Caller } from '../../core/caller.js';
import { builder } from '../builder.js';
import { ApiCaller } from './audit.js';

/**
 * What a key may do, for `me.permissions`: a client (the stewards' console) offers only what
 * the caller's role allows. Derived from the same checks the scope-auth rules use (builder.ts),
 * so what is offered and what is accepted cannot drift apart.
 */
const PERMISSIONS = {
  READ_STORED_VALUES: {
    description: 'Reads the stored values that anonymous callers get suppressed ("< 5"), in the API and in CSV downloads.',
    allowed: canWrite,
  },
  EDIT_DATA: {
    description: 'Adds and corrects figures, service results, coordination spaces, documents and sources (the upsert, close and update mutations).',
    allowed: canWrite,
  },
  IMPORT_DATA: { description: 'Imports a CSV or JSON file (importData), with its dry run first.', allowed: canWrite },
  REOPEN_AND_DELETE: {
    description: 'Undoes what editors cannot: reopens a closed coordination space, deletes a figure (reopenCoordinationSpace, deleteIndicator).',
    allowed: isAdmin,
  },
  READ_AUDIT_LOG: { description: 'Reads the audit log (auditLog): every change, who made it, before and after.', allowed: isAdmin },
  MANAGE_API_KEYS: { description: 'Lists, creates and revokes API keys (apiKeys, createApiKey, revokeApiKey).', allowed: isAdmin },
} satisfies Record<string, { description: string; allowed: (caller: Caller | null) => boolean }>;

type Permission = keyof typeof PERMISSIONS;

export const PermissionEnum = builder.enumType('Permission', {
  description: 'Something a key may do beyond reading the public data (see `me.permissions`).',
  values: Object.fromEntries(Object.entries(PERMISSIONS).map(([name, { description }]) => [name, { description }])) as Record<
    Permission,
    { description: string }
  >,
});

/** The permissions a caller's role gives, in a stable order. */
export const permissionsOf = (caller: Caller | null): Permission[] =>
  (Object.keys(PERMISSIONS) as Permission[]).filter((name) => PERMISSIONS[name].allowed(caller));

builder.objectFields(ApiCaller, (t) => ({
  permissions: t.field({
    type: [PermissionEnum],
    description: "What this key may do beyond reading the public data (empty for a viewer key): a client offers only these. The API refuses anything else with FORBIDDEN.",
    resolve: (caller) => permissionsOf(caller),
  }),
}));
