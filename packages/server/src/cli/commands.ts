import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { createPrismaClient, prepareDatabase, resolveDatabaseTarget, type PrismaClient } from '@vigia/schema';
import { canWrite, type Caller } from '../core/caller.js';
import { callerForKey, createKey, listKeys, parseRole, revokeKey } from '../auth/keys.js';
import { actorFor, localOperator } from '../core/audit.js';
import { exportData, type ExportFormat } from '../exchange/export.js';
import { applyImport, ImportFailure, parseImportFile, planImport, type ImportPlan } from '../exchange/import/index.js';
import { publicNote } from '../write/publications.js';

export const usage = `Usage: pnpm vigia <command>

  keys create --name <who> --role <viewer|editor|admin>
      create an API key; the key is printed once, alone on the last line
  keys list
      list keys (id, role, name, created, revoked); secrets are never shown
  keys revoke <id|key>
      revoke a key at once

  export <indicators|coordination-spaces|dataset-key> [--format csv|json] [--out <file>]
      write data to stdout (or a file). Without an editor or admin key, small victim
      counts are suppressed ("< 5") exactly as on the public API
  import <file> [--dry-run] [--note <text>]
      load a CSV or JSON file in the export's format: every row is checked first; any bad
      row fails the whole import (line and reason) and nothing is written; unchanged rows
      change nothing. --dry-run shows what would change and writes nothing. --note is the
      public note on the change, shown with the figures' revisions and in the change feed

Options:
  --key <api key>   act as this key's holder (or set VIGIA_API_KEY); without one, an import
                    is recorded in the audit log as the local operator
Environment:
  DATABASE_URL      unset (data/vigia.db), file:<path> or postgresql://…, as for pnpm start
  VIGIA_SUPPRESSION_THRESHOLD   counts below it are suppressed (default 5)`;

export interface Options {
  name?: string;
  role?: string;
  format?: string;
  out?: string;
  key?: string;
  'dry-run'?: boolean;
  note?: string;
  help?: boolean;
}

/** Opens the database as `pnpm start` would: migrated, and seeded if it is new. */
async function openDatabase(): Promise<PrismaClient> {
  const target = resolveDatabaseTarget();
  const prisma = createPrismaClient(target);
  await prepareDatabase(target, prisma);
  return prisma;
}

async function callerFromOptions(prisma: PrismaClient, options: Options): Promise<Caller | null> {
  const key = options.key ?? process.env.VIGIA_API_KEY;
  if (!key) return null;
  const caller = await callerForKey(prisma, key);
  if (!caller) throw new Error('The API key is not valid, or it has been revoked.');
  return caller;
}

export async function runCommand(args: string[], options: Options): Promise<number> {
  const [command, sub, ...rest] = args;
  if (options.help || !command || command === 'help') {
    console.log(usage);
    return command || options.help ? 0 : 2;
  }
  switch (command) {
    case 'keys':
      return keys(sub, rest, options);
    case 'export':
      if (!sub || rest.length) return usageError('export needs one thing to export: indicators, coordination-spaces or a dataset key');
      return exportCommand(sub, options);
    case 'import':
      if (!sub || rest.length) return usageError('import needs one file');
      return importCommand(sub, options);
    default:
      return usageError(`unknown command "${command}"`);
  }
}

function usageError(message: string): number {
  console.error(`vigia: ${message}\n\n${usage}`);
  return 2;
}

async function keys(sub: string | undefined, rest: string[], options: Options): Promise<number> {
  if (sub === 'create') {
    if (!options.name) return usageError('keys create needs --name <who>');
    const role = parseRole(options.role);
    const prisma = await openDatabase();
    try {
      const created = await createKey(prisma, { name: options.name, role }, localOperator());
      const roleName = created.role.toLowerCase();
      console.log(`Created ${roleName === 'viewer' ? 'a' : 'an'} ${roleName} key for "${created.name}" (id ${created.id}).`);
      console.log('It is shown only this once and cannot be recovered; send it as "Authorization: Bearer <key>".');
      console.log(created.key);
      return 0;
    } finally {
      await prisma.$disconnect();
    }
  }
  if (sub === 'list') {
    const prisma = await openDatabase();
    try {
      const rows = await listKeys(prisma);
      if (!rows.length) {
        console.log('No API keys yet: create one with `pnpm vigia keys create --name <who> --role <viewer|editor|admin>`.');
        return 0;
      }
      const table = rows.map((k) => [
        k.id,
        k.role.toLowerCase(),
        k.createdAt.toISOString().slice(0, 16).replace('T', ' '),
        k.revokedAt ? `revoked ${k.revokedAt.toISOString().slice(0, 10)}` : 'active',
        k.name,
      ]);
      const head = ['id', 'role', 'created (UTC)', 'status', 'name'];
      const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
      for (const row of [head, ...table]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
      return 0;
    } finally {
      await prisma.$disconnect();
    }
  }
  if (sub === 'revoke') {
    if (rest.length !== 1) return usageError('keys revoke needs the key id (see `pnpm vigia keys list`)');
    const prisma = await openDatabase();
    try {
      const revoked = await revokeKey(prisma, rest[0]!, localOperator());
      console.log(
        revoked.alreadyRevoked
          ? `Key ${revoked.id} ("${revoked.name}") was already revoked.`
          : `Revoked key ${revoked.id} ("${revoked.name}", ${revoked.role.toLowerCase()}): it no longer works.`,
      );
      return 0;
    } finally {
      await prisma.$disconnect();
    }
  }
  return usageError('keys needs create, list or revoke');
}

async function exportCommand(what: string, options: Options): Promise<number> {
  const format = (options.format ?? 'csv').toLowerCase();
  if (format !== 'csv' && format !== 'json') return usageError(`--format must be csv or json; got "${options.format}"`);
  const prisma = await openDatabase();
  try {
    const caller = await callerFromOptions(prisma, options);
    const text = await exportData(prisma, what, format as ExportFormat, caller);
    if (options.out) {
      const file = resolve(options.out);
      writeFileSync(file, text);
      console.error(`Wrote ${file}.`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  } finally {
    await prisma.$disconnect();
  }
}

function describePlan(plan: ImportPlan, limit = 50): string[] {
  const lines = plan.changes.slice(0, limit).map((c) => {
    const what = c.action === 'create' ? 'create' : 'update';
    const detail = c.differences.length ? `: ${c.differences.join('; ')}` : '';
    return `  line ${c.line}: ${what} ${c.key}${detail}`;
  });
  if (plan.changes.length > limit) lines.push(`  … and ${plan.changes.length - limit} more`);
  return lines;
}

async function importCommand(fileArg: string, options: Options): Promise<number> {
  const file = resolve(fileArg);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`vigia: cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  const prisma = await openDatabase();
  const bar =
    process.stderr.isTTY && text.length > 100_000
      ? new cliProgress.SingleBar(
          { stream: process.stderr, format: 'Checking {bar} {value}/{total} rows', hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        )
      : null;
  try {
    const caller = await callerFromOptions(prisma, options);
    if (caller && !canWrite(caller)) {
      console.error(`vigia: importing needs an editor or admin key; "${caller.name}" has the ${caller.role.toLowerCase()} role. Nothing was written.`);
      return 1;
    }
    // A bad note is refused before the file is checked, like any other bad argument.
    publicNote(options.note);
    const parsed = parseImportFile(file, text);
    let started = false;
    const plan = await planImport(prisma, parsed, (done, total) => {
      if (!bar) return;
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    });
    bar?.stop();
    const what = parsed.kind === 'observations' ? 'indicators' : 'coordination spaces';
    const counts = `${plan.created} to create, ${plan.updated} to update, ${plan.unchanged} unchanged`;
    if (options['dry-run']) {
      console.log(`Dry run of ${fileArg} (${plan.rows} rows of ${what}): ${counts}. Nothing was written.`);
      for (const line of describePlan(plan)) console.log(line);
      return 0;
    }
    const actor = caller ? actorFor(caller) : localOperator();
    const result = await applyImport(prisma, plan, actor, { note: options.note });
    const changes = result.created + result.updated;
    console.log(
      changes
        ? `Imported ${fileArg} (${result.rows} rows of ${what}): ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged. Audit entry ${result.auditEntryId}.`
        : `Imported ${fileArg} (${result.rows} rows of ${what}): 0 changes, everything was already as in the file. Audit entry ${result.auditEntryId}.`,
    );
    for (const line of describePlan(plan, 20)) console.log(line);
    // Running servers notice the import's audit entry within DATA_CHANGE_POLL_MS (read-model/watch.ts);
    // a shared Redis cache is emptied now, so no server answers from it meanwhile.
    // Loaded here only: the cache brings yoga and Redis, which no other command needs.
    const purgeShared = async () => (await import('../cache/index.js')).purgeSharedResponseCache();
    if (changes && (await purgeShared().catch(() => false))) console.log('Emptied the shared response cache.');
    // With Redis, servers hear of it now (live subscribers, webhooks), not at their next poll.
    const announce = async () => (await import('../live/announce.js')).announceChange(result.auditEntryId);
    if (changes) await announce().catch(() => false);
    return 0;
  } catch (error) {
    bar?.stop();
    if (error instanceof ImportFailure) {
      const n = error.problems.length;
      console.error(`Import of ${fileArg} refused, nothing was written (${n} ${n === 1 ? 'problem' : 'problems'}):`);
      for (const line of error.message.split('\n')) console.error(`  ${line}`);
      return 1;
    }
    throw error;
  } finally {
    await prisma.$disconnect();
  }
}
