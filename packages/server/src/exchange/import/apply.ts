/**
 * Stage 3 of an import: a plan written in one transaction with one audit entry. A row that
 * changed since it was checked (its version moved) aborts the whole import: nothing is written.
 */
import { basename } from 'node:path';
import type { PrismaClient } from '@vigia/schema';
import { recordAudit, type Actor } from '../../core/audit.js';
import { ConflictError } from '../../core/errors.js';
import type { ExportKind } from '../export.js';
import { publicNote } from '../../write/publications.js';
import { writeTransaction } from '../../write/transaction.js';
import type { ImportPlan, PlannedWrite } from './plan.js';
import { strategyFor } from './strategies/index.js';

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  rows: number;
  auditEntryId: number;
}

/** The audit entry lists at most this many keys of each (created, updated). */
const LISTED = 200;

/**
 * Writes a plan in one transaction with its audit entry. The figures it creates or changes
 * are published together, with the import's public note if it has one.
 */
export async function applyImport<K extends ExportKind>(
  prisma: PrismaClient,
  plan: ImportPlan<K>,
  actor: Actor,
  options: { note?: string | null } = {},
): Promise<ImportResult> {
  const strategy = strategyFor(plan.kind);
  const note = publicNote(options.note);
  return writeTransaction(
    prisma,
    async (tx) => {
      const creates = plan.writes.filter((w) => w.action === 'create');
      const updates = plan.writes.filter((w) => w.action === 'update');
      for (const w of updates) {
        if ((await strategy.update(tx, w)) !== 1) {
          throw new ConflictError(`line ${w.line}: ${strategy.subject} "${w.key}" changed while the file was being imported; nothing was written. Run the import again.`);
        }
      }
      await strategy.create(tx, creates);
      await strategy.afterWrite?.(tx, { updates, creates }, note);
      const list = (items: readonly PlannedWrite<K>[]) => items.slice(0, LISTED).map((w) => w.key);
      const auditEntryId = await recordAudit(tx, actor, {
        action: 'import',
        subjectType: 'Import',
        subjectKey: basename(plan.file),
        before: updates.length ? { updated: updates.slice(0, LISTED).map((w) => w.before) } : null,
        after: {
          file: basename(plan.file),
          format: plan.format,
          kind: plan.kind,
          rows: plan.rows,
          created: plan.created,
          updated: plan.updated,
          unchanged: plan.unchanged,
          createdKeys: list(creates),
          updatedKeys: list(updates),
          ...(creates.length > LISTED || updates.length > LISTED ? { keysListed: LISTED } : {}),
        },
      });
      return { created: plan.created, updated: plan.updated, unchanged: plan.unchanged, rows: plan.rows, auditEntryId };
    },
    // An operator's command, not a request: it may wait longer for editors' writes to let it in.
    { timeoutMs: 300_000, busyRetryMs: 60_000 },
  );
}
