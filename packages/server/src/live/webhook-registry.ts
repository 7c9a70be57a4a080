/**
 * Registering and removing webhooks (admins, audited as "createWebhook" / "deleteWebhook",
 * actions that change no public data: core/audit.ts NON_DATA_ACTIONS) and listing them with
 * their recent deliveries. The secret is returned once, by createWebhook; never listed.
 */
import { randomBytes } from 'node:crypto';
import type { PrismaClient, WebhookDeliveryStatus } from '@vigia/schema';
import { recordAudit, type Actor } from '../core/audit.js';
import { InputError, NotFoundError } from '../core/errors.js';
import { writeTransaction } from '../write/transaction.js';
import { checkWebhookUrl } from './webhook-target.js';

/** At most this many dataset keys per webhook. */
const MAX_KEYS = 100;

export interface WebhookAttemptView {
  attempt: number;
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookDeliveryView {
  id: string;
  version: number;
  payload: string;
  status: WebhookDeliveryStatus;
  createdAt: Date;
  nextAttemptAt: Date;
  attempts: WebhookAttemptView[];
}

export interface WebhookView {
  id: string;
  url: string;
  datasets: string[];
  createdAt: Date;
}

/** Registers a webhook; `secret` is the only copy the caller will ever get. */
export async function createWebhook(
  prisma: PrismaClient,
  input: { url: string; datasets: readonly string[] },
  actor: Actor,
  options: { allowLoopback: boolean; knownKeys: readonly string[] },
): Promise<{ id: string; secret: string }> {
  const checked = checkWebhookUrl(input.url, options.allowLoopback);
  if ('problem' in checked) throw new InputError('url', checked.problem);
  const datasets = [...new Set(input.datasets.map((key) => key.trim()))].sort();
  if (datasets.length > MAX_KEYS) throw new InputError('datasets', `at most ${MAX_KEYS} keys; leave it empty for every change`);
  const unknown = datasets.filter((key) => !options.knownKeys.includes(key));
  if (unknown.length) {
    throw new InputError('datasets', `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; known keys: ${options.knownKeys.join(', ')}`);
  }
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  return writeTransaction(prisma, async (tx) => {
    // Changes after this moment are delivered to it.
    const { _max } = await tx.auditEntry.aggregate({ _max: { id: true } });
    const sinceVersion = _max.id ?? 0;
    const row = await tx.webhook.create({ data: { url: checked.url, datasets: JSON.stringify(datasets), secret, sinceVersion }, select: { id: true } });
    // The first webhook starts the delivery cursor here; a later one never moves it back.
    await tx.webhookCursor.upsert({ where: { id: 1 }, create: { id: 1, version: sinceVersion }, update: {} });
    await recordAudit(tx, actor, { action: 'createWebhook', subjectType: 'Webhook', subjectKey: row.id, before: null, after: { id: row.id, url: checked.url, datasets } });
    return { id: row.id, secret };
  });
}

/** Removes a webhook and its delivery history; pending deliveries are not sent. */
export async function deleteWebhook(prisma: PrismaClient, id: string, actor: Actor): Promise<{ id: string; url: string; datasets: string[] }> {
  return writeTransaction(prisma, async (tx) => {
    const row = await tx.webhook.findUnique({ where: { id }, select: { id: true, url: true, datasets: true } });
    if (!row) throw new NotFoundError('id', `no webhook with id "${id}" (see webhooks)`);
    await tx.webhook.delete({ where: { id } });
    const removed = { id: row.id, url: row.url, datasets: JSON.parse(row.datasets) as string[] };
    await recordAudit(tx, actor, { action: 'deleteWebhook', subjectType: 'Webhook', subjectKey: id, before: removed, after: null });
    return removed;
  });
}

/** Every webhook, oldest first. */
export async function listWebhooks(prisma: PrismaClient): Promise<WebhookView[]> {
  const rows = await prisma.webhook.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: WEBHOOK_SELECT });
  return rows.map(viewOf);
}

/** One webhook. */
export async function webhookView(prisma: PrismaClient, id: string): Promise<WebhookView> {
  return viewOf(await prisma.webhook.findUniqueOrThrow({ where: { id }, select: WEBHOOK_SELECT }));
}

/** A webhook's newest deliveries (newest change first), each with its attempts in order. */
export async function recentDeliveries(prisma: PrismaClient, webhookId: string, first: number): Promise<WebhookDeliveryView[]> {
  return prisma.webhookDelivery.findMany({
    where: { webhookId },
    orderBy: [{ version: 'desc' }],
    take: first,
    select: {
      id: true,
      version: true,
      payload: true,
      status: true,
      createdAt: true,
      nextAttemptAt: true,
      attempts: { orderBy: { attempt: 'asc' }, select: { attempt: true, at: true, statusCode: true, error: true, durationMs: true } },
    },
  });
}

const WEBHOOK_SELECT = { id: true, url: true, datasets: true, createdAt: true } as const;
const viewOf = (row: { id: string; url: string; datasets: string; createdAt: Date }): WebhookView => ({ ...row, datasets: JSON.parse(row.datasets) as string[] });
