import { userInfo } from 'node:os';
import type { Prisma } from '@vigia/schema';
import type { Caller } from './caller.js';

/** Who made a change: an API key's holder, or the local operator running the CLI without a key. */
export interface Actor {
  name: string;
  apiKeyId: string | null;
}

export const actorFor = (caller: Caller): Actor => ({ name: caller.name, apiKeyId: caller.keyId });

/** Whoever runs `pnpm vigia` on the server without a key (they hold the database itself). */
export function localOperator(): Actor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // Some containers have no passwd entry for the uid; the audit still says it was local.
  }
  return { name: `local operator (${user})`, apiKeyId: null };
}

/**
 * Audited actions that change no public data (API keys, webhooks): they reload nothing, empty no
 * cache, and are no data change for live subscribers, webhooks or anything else that follows the data.
 */
export const NON_DATA_ACTIONS: readonly string[] = ['createApiKey', 'revokeApiKey', 'createWebhook', 'deleteWebhook'];

export interface AuditRecord {
  action: string;
  subjectType: string | null;
  subjectKey: string | null;
  before: unknown;
  after: unknown;
}

/** Writes one audit entry, inside the caller's transaction so that it commits with the change. */
export async function recordAudit(tx: Prisma.TransactionClient, actor: Actor, record: AuditRecord): Promise<number> {
  const entry = await tx.auditEntry.create({
    data: {
      at: new Date(),
      action: record.action,
      actor: actor.name,
      apiKeyId: actor.apiKeyId,
      subjectType: record.subjectType,
      subjectKey: record.subjectKey,
      before: record.before === null || record.before === undefined ? null : JSON.stringify(record.before),
      after: record.after === null || record.after === undefined ? null : JSON.stringify(record.after),
    },
    select: { id: true },
  });
  return entry.id;
}
