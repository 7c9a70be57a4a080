/**
 * Webhooks: on each change to the data, Vigía POSTs the `DataChange` JSON to every webhook that
 * asked for one of its keys, signed like Stripe's:
 *
 *   Vigia-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the webhook's secret>
 *
 * Each change is handed to the webhooks once, however many server processes see it: the process
 * that moves the cursor (WebhookCursor) past a version creates that change's deliveries in the
 * same transaction. Every process then sends what is due, claiming each delivery with a lease
 * (a conditional update), so one delivery is sent by one process at a time. A failed attempt
 * (no answer within WEBHOOK_TIMEOUT_MS, or not 2xx) is retried with exponential backoff from
 * WEBHOOK_RETRY_BASE_MS up to WEBHOOK_RETRY_MAX_MS between attempts, until
 * WEBHOOK_GIVE_UP_AFTER_MS after the change; then the delivery is FAILED. Every attempt is stored.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { primaryOf, type PrismaClient } from '@vigia/schema';
import { RetryableConflict } from '../core/errors.js';
import { writeTransaction } from '../write/transaction.js';
import type { Logger } from '../observability/logger.js';
import type { Snapshot } from '../read-model/snapshot.js';
import { changeBetween, changeJson } from './changes.js';
import { checkedLookup, hostOf, refusedAddress, RefusedAddressError } from './webhook-target.js';

export interface WebhookSettings {
  allowLoopback: boolean;
  timeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  giveUpAfterMs: number;
  /** How often this process looks for deliveries that are due. */
  pollMs: number;
}

/** `t=<unix>,v1=<hex>`: the signature of `body` sent at unix time `t`. */
export function signature(secret: string, t: number, body: string): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does (the README shows the same in a few lines): recompute the HMAC over
 * "<t>.<raw body>", compare in constant time, and refuse old timestamps (replays).
 */
export function verifySignature(secret: string, header: string | undefined, body: string, toleranceSeconds = 300, now = Date.now()): boolean {
  const parts = new Map((header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isSafeInteger(t) || Math.abs(now / 1000 - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

/** Deliveries done or given up are kept this long, then removed. */
const KEEP_MS = 30 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;
/** Deliveries one process sends at once. */
const BATCH = 20;
/** A receiver's answer body is read up to this much, then the connection is closed. */
const MAX_ANSWER_BYTES = 64 * 1024;

export interface WebhooksOptions {
  prisma: PrismaClient;
  settings: WebhookSettings;
  logger: Logger;
}

interface Outcome {
  statusCode: number | null;
  error: string | null;
}

export class Webhooks {
  readonly settings: WebhookSettings;
  readonly #db: PrismaClient;
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  #pruned = 0;
  readonly #sending = new Set<Promise<void>>();

  constructor({ prisma, settings, logger }: WebhooksOptions) {
    this.settings = settings;
    // Claims and cursors must be read where they are written.
    this.#db = primaryOf(prisma);
    this.#logger = logger;
  }

  /** Hands the changes after the cursor up to `snapshot`'s version to the webhooks, once, then sends what is due. */
  async enqueue(snapshot: Snapshot): Promise<number> {
    if (this.#stopped) return 0;
    const to = snapshot.version;
    // Most changes find nothing to do (no webhook, or another process was first): a read, no write lock.
    const seen = await this.#db.webhookCursor.findUnique({ where: { id: 1 }, select: { version: true } });
    if (!seen || seen.version >= to) return 0;
    const created = await writeTransaction(this.#db, async (tx) => {
      // Takes the cursor's row lock first: a concurrent process waits, then finds it moved.
      await tx.webhookCursor.updateMany({ where: { id: 1 }, data: { version: { increment: 0 } } });
      const cursor = await tx.webhookCursor.findUnique({ where: { id: 1 } });
      // No cursor: no webhook was ever registered.
      if (!cursor || cursor.version >= to) return 0;
      const change = await changeBetween(tx, cursor.version, to, snapshot);
      let count = 0;
      if (change) {
        const payload = changeJson(change);
        const now = new Date();
        for (const hook of await tx.webhook.findMany({ where: { sinceVersion: { lt: to } }, select: { id: true, datasets: true } })) {
          const wanted = JSON.parse(hook.datasets) as string[];
          if (wanted.length && !wanted.some((key) => change.datasets.includes(key))) continue;
          await tx.webhookDelivery.create({ data: { webhookId: hook.id, version: change.version, payload, nextAttemptAt: now } });
          count++;
        }
      }
      const moved = await tx.webhookCursor.updateMany({ where: { id: 1, version: cursor.version }, data: { version: to } });
      if (moved.count !== 1) throw new RetryableConflict();
      return count;
    });
    if (created) this.kick();
    return created;
  }

  /** Starts sending: now, then every WEBHOOK_POLL_MS. */
  start(): void {
    this.kick();
    this.#timer = setInterval(() => this.kick(), this.settings.pollMs);
    this.#timer.unref();
  }

  /** Looks for due deliveries now (once more after a look in progress). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    this.#ticking = this.#tick()
      .catch((error: unknown) => this.#logger.warn({ err: error }, 'Could not look for webhook deliveries'))
      .finally(() => {
        this.#ticking = undefined;
        if (this.#again) {
          this.#again = false;
          this.kick();
        }
      });
  }

  /** Stops looking; attempts in flight finish (each is bounded by WEBHOOK_TIMEOUT_MS). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#ticking;
    await Promise.all(this.#sending);
  }

  async #tick(): Promise<void> {
    const now = new Date();
    if (now.getTime() - this.#pruned > PRUNE_EVERY_MS) {
      this.#pruned = now.getTime();
      await this.#db.webhookDelivery.deleteMany({ where: { status: { not: 'PENDING' }, createdAt: { lt: new Date(now.getTime() - KEEP_MS) } } });
    }
    const due = await this.#db.webhookDelivery.findMany({
      where: { status: 'PENDING', nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      orderBy: { nextAttemptAt: 'asc' },
      take: BATCH,
      select: { id: true },
    });
    for (const { id } of due) {
      if (this.#stopped) break;
      const sending = this.#attempt(id).catch((error: unknown) => this.#logger.warn({ err: error, delivery: id }, 'Webhook delivery attempt failed to run'));
      this.#sending.add(sending);
      void sending.finally(() => this.#sending.delete(sending));
    }
  }

  async #attempt(id: string): Promise<void> {
    const now = Date.now();
    const free = [{ leaseUntil: null }, { leaseUntil: { lt: new Date(now) } }];
    // The lease outlasts one attempt, so no other process sends the same delivery meanwhile.
    const claimed = await writeTransaction(this.#db, (tx) =>
      tx.webhookDelivery.updateMany({ where: { id, status: 'PENDING', OR: free }, data: { leaseUntil: new Date(now + this.settings.timeoutMs + 10_000) } }),
    );
    if (claimed.count !== 1) return;
    const delivery = await this.#db.webhookDelivery.findUnique({
      where: { id },
      include: { webhook: { select: { url: true, secret: true } }, _count: { select: { attempts: true } } },
    });
    if (!delivery) return;
    const attempt = delivery._count.attempts + 1;
    const started = performance.now();
    const outcome = await this.#post(delivery.webhook.url, delivery.webhook.secret, delivery.payload, { 'Vigia-Delivery': id, 'Vigia-Attempt': String(attempt) });
    const durationMs = Math.round(performance.now() - started);
    const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const wait = Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);
    const giveUp = !ok && Date.now() + wait > delivery.createdAt.getTime() + this.settings.giveUpAfterMs;
    try {
      await writeTransaction(this.#db, async (tx) => {
        await tx.webhookAttempt.create({ data: { deliveryId: id, attempt, statusCode: outcome.statusCode, error: outcome.error, durationMs } });
        await tx.webhookDelivery.update({
          where: { id },
          data: ok
            ? { status: 'DELIVERED', leaseUntil: null }
            : giveUp
              ? { status: 'FAILED', leaseUntil: null }
              : { nextAttemptAt: new Date(Date.now() + wait), leaseUntil: null },
        });
      });
    } catch (error) {
      // The webhook was deleted meanwhile (its deliveries went with it): nothing to record.
      const code = (error as { code?: string }).code;
      if (code === 'P2025' || code === 'P2003') return;
      throw error;
    }
    const log = { webhook: delivery.webhookId, delivery: id, version: delivery.version, attempt, status: outcome.statusCode, error: outcome.error ?? undefined, ms: durationMs };
    if (ok) this.#logger.info(log, 'Webhook delivered');
    else if (giveUp) this.#logger.warn(log, 'Webhook delivery given up');
    else this.#logger.info({ ...log, retryInMs: Math.round(wait) }, 'Webhook attempt failed; will retry');
  }

  /** One POST; never throws. The connection goes only to an address that passed the check. */
  #post(url: string, secret: string, body: string, extra: Record<string, string>): Promise<Outcome> {
    const { allowLoopback, timeoutMs } = this.settings;
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return Promise.resolve({ statusCode: null, error: 'the URL does not parse' });
    }
    // An IP literal is connected to without a lookup: check it here.
    const host = hostOf(target);
    const literal = isIP(host) ? refusedAddress(host, allowLoopback) : null;
    if (literal) return Promise.resolve({ statusCode: null, error: `refused: ${literal}` });
    const t = Math.floor(Date.now() / 1000);
    const headers = {
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
      'User-Agent': 'Vigia-Webhooks/1',
      'Vigia-Signature': signature(secret, t, body),
      ...extra,
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Outcome>((done) => {
      let finished = false;
      const finish = (outcome: Outcome) => {
        if (finished) return;
        finished = true;
        done(outcome);
      };
      const req = send(target, {
        method: 'POST',
        headers,
        // A fresh connection each time, to the address checkedLookup approved (never a pooled one).
        agent: false,
        lookup: checkedLookup(allowLoopback),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The status is the answer; the body is drained (up to a bound) and dropped.
      req.once('response', (res: IncomingMessage) => {
        finish({ statusCode: res.statusCode ?? null, error: null });
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) res.destroy();
        });
        res.on('error', () => {});
      });
      req.once('error', (error: Error & { code?: string }) => {
        const message =
          error.name === 'AbortError' || error.name === 'TimeoutError'
            ? `no answer within ${timeoutMs} ms`
            : error instanceof RefusedAddressError
              ? error.message
              : `${error.code ? `${error.code}: ` : ''}${error.message}`;
        finish({ statusCode: null, error: message.slice(0, 500) });
      });
      req.end(body);
    });
  }
}
