import { isSqliteBusy, type PrismaClient } from '@vigia/schema';
import { recordAudit, type Actor } from '../core/audit.js';
import { ConflictError, RetryableConflict, UnavailableError } from '../core/errors.js';
import type { Db } from './refs.js';
import { stableJson } from './values.js';

/** Attempts when other writers changed the same rows (each attempt re-reads them). */
const ATTEMPTS = 4;
/** How long a write keeps trying while the database is busy with other writers (ms). */
export const BUSY_RETRY_MS = 10_000;

/** Prisma's unique-constraint violation and write conflict: another writer won a race for a row. */
function isConflict(error: unknown): boolean {
  if (error instanceof RetryableConflict) return true;
  const e = error as { code?: string } | null;
  return e?.code === 'P2002' || e?.code === 'P2034';
}

/**
 * The database could not take the write now, and nothing was written: SQLite's write lock is
 * held by another process (SQLITE_BUSY, which Prisma reports as P1008), or no transaction could
 * be started within maxWait (P2028 "Unable to start a transaction", before any statement ran).
 */
function isBusy(error: unknown): boolean {
  if (isSqliteBusy(error)) return true;
  const e = error as { code?: string; message?: string } | null;
  return e?.code === 'P2028' && /Unable to start a transaction/i.test(e.message ?? '');
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Runs one write — the change and its audit entry — in one transaction. When another
 * writer got in between our read and our conditional write (a version moved, a key was
 * taken), nothing was written and the whole write runs again from its read, so a change is
 * never applied on top of a state it did not see. While the database is busy with other
 * writers (on SQLite: another process, or the CLI, holds the write lock), the write waits
 * and starts again, for up to `busyRetryMs`; past that it is refused with UnavailableError
 * (SERVICE_UNAVAILABLE, HTTP 503 + Retry-After): nothing was written, and the caller can retry.
 */
export async function writeTransaction<T>(
  prisma: PrismaClient,
  work: (tx: Db) => Promise<T>,
  options: { timeoutMs?: number; busyRetryMs?: number } = {},
): Promise<T> {
  const busyDeadline = Date.now() + (options.busyRetryMs ?? BUSY_RETRY_MS);
  let conflicts = 0;
  for (let busy = 0; ; ) {
    try {
      return await prisma.$transaction(work, { maxWait: 15_000, timeout: options.timeoutMs ?? 15_000 });
    } catch (error) {
      if (isConflict(error)) {
        if (++conflicts >= ATTEMPTS) throw new ConflictError('Other writers kept changing the same data; nothing was written. Try again.');
        await sleep(20 * conflicts + Math.random() * 30);
      } else if (isBusy(error)) {
        // Asynchronous waits (the event loop keeps serving, and this process's other queries
        // run meanwhile), growing to 0.25 s, with jitter so that waiting writers do not retry in step.
        const wait = Math.min(250, 20 * 2 ** busy++) * (0.5 + Math.random());
        if (Date.now() + wait > busyDeadline) {
          throw new UnavailableError('The database is busy with other writers; nothing was written. Try again in a moment.', 1);
        }
        await sleep(wait);
      } else {
        throw error;
      }
    }
  }
}

export interface Versioned<S> {
  id: string;
  version: number;
  snapshot: S;
}

export interface SaveResult {
  id: string;
  created: boolean;
  changed: boolean;
  version: number;
}

/**
 * Saves the next state of one object and audits it. An update only applies while the row
 * is still at the version we read (else RetryableConflict: writeTransaction re-reads);
 * an unchanged object writes nothing, not even an audit entry.
 */
export async function saveVersioned<S>(
  tx: Db,
  actor: Actor,
  args: {
    action: string;
    subjectType: string;
    subjectKey: string;
    existing: Versioned<S> | null;
    next: S;
    create: () => Promise<{ id: string }>;
    /** Writes `data` where id and version match, setting version + 1; returns rows changed. */
    update: (id: string, version: number) => Promise<number>;
  },
): Promise<SaveResult> {
  const { existing, next } = args;
  if (existing && stableJson(existing.snapshot) === stableJson(next)) {
    return { id: existing.id, created: false, changed: false, version: existing.version };
  }
  let result: SaveResult;
  if (!existing) {
    const row = await args.create();
    result = { id: row.id, created: true, changed: true, version: 1 };
  } else {
    const count = await args.update(existing.id, existing.version);
    if (count !== 1) throw new RetryableConflict();
    result = { id: existing.id, created: false, changed: true, version: existing.version + 1 };
  }
  await recordAudit(tx, actor, {
    action: args.action,
    subjectType: args.subjectType,
    subjectKey: args.subjectKey,
    before: existing ? { ...existing.snapshot, version: existing.version } : null,
    after: { ...next, version: result.version },
  });
  return result;
}

/**
 * Takes the row's write lock before reading it (a no-op update): a concurrent writer then
 * waits for this transaction and reads what it wrote, instead of both reading the same
 * version and one of them having to start again. PostgreSQL locks the row; SQLite takes its
 * one write lock. Rows that do not exist yet are guarded by their unique key instead.
 */
export const LOCK = { version: { increment: 0 } } as const;

/**
 * The caller's expectedVersion, when given, must be the version the row is at. Where the write
 * may create the row (the upserts: `creates`), 0 means "must not exist yet": creating something
 * that someone else created meanwhile is then a conflict, not a silent overwrite.
 */
export function checkExpectedVersion(
  what: string,
  existing: { version: number } | null,
  expected: number | null | undefined,
  options: { creates?: boolean } = {},
) {
  if (expected === null || expected === undefined) return;
  if (options.creates && expected === 0) {
    if (existing) {
      throw new ConflictError(
        `expectedVersion: ${what} already exists (at version ${existing.version}), not 0: someone created it since you read. Reload it and try again.`,
      );
    }
    return;
  }
  if (!existing) throw new ConflictError(`expectedVersion: ${what} does not exist yet, so it has no version ${expected}.`);
  if (existing.version !== expected) {
    throw new ConflictError(
      `expectedVersion: ${what} is at version ${existing.version}, not ${expected}: someone changed it since you read it. Reload it and try again.`,
    );
  }
}
