import type { PrismaClient } from '@vigia/schema';
import { recordAudit, type Actor } from './audit.js';
import { ConflictError, RetryableConflict } from './errors.js';
import type { Db } from './refs.js';
import { stableJson } from './values.js';

const ATTEMPTS = 4;

/** Prisma's unique-constraint violation, and SQLite's "another connection holds the write lock". */
function isTransient(error: unknown): boolean {
  if (error instanceof RetryableConflict) return true;
  const e = error as { code?: string; message?: string } | null;
  if (e?.code === 'P2002' || e?.code === 'P2034') return true;
  return /SQLITE_BUSY|database is locked/i.test(e?.message ?? '');
}

/**
 * Runs one write — the change and its audit entry — in one transaction. When another
 * writer got in between our read and our conditional write (a version moved, a key was
 * taken, SQLite was busy), nothing was written and the whole write runs again from its
 * read, so a change is never applied on top of a state it did not see.
 */
export async function writeTransaction<T>(
  prisma: PrismaClient,
  work: (tx: Db) => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(work, { maxWait: 15_000, timeout: options.timeoutMs ?? 15_000 });
    } catch (error) {
      if (!isTransient(error)) throw error;
      if (attempt >= ATTEMPTS) throw new ConflictError('Other writers kept changing the same data; nothing was written. Try again.');
      await new Promise((done) => setTimeout(done, 20 * attempt + Math.random() * 30));
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

/** The caller's expectedVersion, when given, must be the version the row is at. */
export function checkExpectedVersion(what: string, existing: { version: number } | null, expected: number | null | undefined) {
  if (expected === null || expected === undefined) return;
  if (!existing) throw new ConflictError(`expectedVersion: ${what} does not exist yet, so it has no version ${expected}.`);
  if (existing.version !== expected) {
    throw new ConflictError(
      `expectedVersion: ${what} is at version ${existing.version}, not ${expected}: someone changed it since you read it. Reload it and try again.`,
    );
  }
}
