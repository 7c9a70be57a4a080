import type { ApiKeyRole } from '@vigia/schema';

/** Who is calling: the API key's public id, its holder's name and its role. Null = anonymous. */
export interface Caller {
  keyId: string;
  name: string;
  role: ApiKeyRole;
}

export const ROLES = ['VIEWER', 'EDITOR', 'ADMIN'] as const satisfies readonly ApiKeyRole[];

/** Editors and admins may change data. */
export const canWrite = (caller: Caller | null): boolean => caller?.role === 'EDITOR' || caller?.role === 'ADMIN';

/** Only admins read the audit log and undo what editors cannot (reopen, delete). */
export const isAdmin = (caller: Caller | null): boolean => caller?.role === 'ADMIN';
