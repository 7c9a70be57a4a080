import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDatabaseTarget, type DatabaseTarget } from '../database-url.js';
import { displayPath, oneLine } from './errors.js';
import {
  checkDrift,
  createMigration,
  deployMigrations,
  migrationStatus,
  migrationsDirFor,
  resolveMigration,
  type MigrateLayout,
} from './index.js';
import { redactUrl } from './postgres.js';

const usage = `Usage: tsx src/migrate/cli.ts <command> [options]

Commands:
  migrate <name>  create the next migration for SQLite and PostgreSQL from schema.prisma, then apply it
  deploy          apply pending migrations to DATABASE_URL's database
  status          list applied and pending migrations (exit 1 when any is pending or failed)
  check           fail (exit 1) when a migrations folder does not produce schema.prisma
  resolve --rolled-back <migration> | --applied <migration>
                  after fixing a failed migration by hand: let deploy retry it, or skip it

Options:
  --schema <path>               source schema (default prisma/schema.prisma)
  --migrations <dir>            SQLite migrations folder (default prisma/migrations)
  --postgres-migrations <dir>   PostgreSQL migrations folder (default prisma/postgresql/migrations)
  --require-postgres            check: fail instead of skipping when no PostgreSQL server is reachable

Environment:
  DATABASE_URL                  unset (data/vigia.db), file:<path> or postgresql://…
  DATABASE_URL_POSTGRES_ADMIN   server for throwaway PostgreSQL databases (default postgresql://postgres@127.0.0.1:5432/postgres)
  VIGIA_MIGRATE_DEBUG=1         print the schema engine's log`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      schema: { type: 'string' },
      migrations: { type: 'string' },
      'postgres-migrations': { type: 'string' },
      'require-postgres': { type: 'boolean' },
      applied: { type: 'string' },
      'rolled-back': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return command || values.help ? 0 : 1;
  }
  const layout: MigrateLayout = {};
  if (values.schema) layout.schemaPath = resolve(values.schema);
  if (values.migrations) layout.sqliteMigrationsDir = resolve(values.migrations);
  if (values['postgres-migrations']) layout.postgresMigrationsDir = resolve(values['postgres-migrations']);
  const started = performance.now();
  const elapsed = () => `${Math.round(performance.now() - started)} ms`;

  switch (command) {
    case 'migrate': {
      const name = rest.join(' ');
      const created = await createMigration(name, layout);
      if (created.postgresSchemaWritten) console.log('Rewrote prisma/postgresql/schema.prisma from schema.prisma.');
      for (const result of created.results) {
        const label = result.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL';
        if (result.status === 'created') console.log(`${label}: created ${result.detail}`);
        else if (result.status === 'unchanged') console.log(`${label}: no changes, ${result.detail}.`);
        else console.warn(`${label}: NOT created, ${result.detail}. Create it later with the same command.`);
      }
      const target = resolveDatabaseTarget();
      const { applied } = await deployMigrations(target, { migrationsDir: migrationsDirFor(target.provider, layout) });
      console.log(`${appliedLine(applied, target)} (${elapsed()}).`);
      return 0;
    }
    case 'deploy': {
      const target = resolveDatabaseTarget();
      const { applied } = await deployMigrations(target, { migrationsDir: migrationsDirFor(target.provider, layout) });
      console.log(`${appliedLine(applied, target)} (${elapsed()}).`);
      return 0;
    }
    case 'status': {
      const target = resolveDatabaseTarget();
      const status = await migrationStatus(target, { migrationsDir: migrationsDirFor(target.provider, layout) });
      console.log(`${describe(target)}, migrations in ${displayPath(status.migrationsDir)}:`);
      for (const name of status.applied) console.log(`  applied   ${name}`);
      for (const name of status.pending) console.log(`  pending   ${name}`);
      for (const name of status.failed) console.log(`  FAILED    ${name}`);
      for (const name of status.edited) console.log(`  EDITED    ${name} (changed after it was applied)`);
      for (const name of status.missingLocally) console.log(`  MISSING   ${name} (applied, not in the folder)`);
      if (status.local.length === 0 && status.missingLocally.length === 0) console.log('  (no migrations)');
      if (status.upToDate) {
        console.log('Database schema is up to date.');
        return 0;
      }
      const advice =
        status.failed.length > 0
          ? 'Deploy is blocked by a failed migration: undo its partial changes (or finish them) by hand, then run `tsx src/migrate/cli.ts resolve --rolled-back <migration>` (or `--applied`).'
          : status.pending.length > 0
            ? 'Run `pnpm db:deploy` to apply the pending migrations.'
            : 'The database history differs from the migrations folder.';
      console.error(advice);
      return 1;
    }
    case 'resolve': {
      const applied = values.applied;
      const rolledBack = values['rolled-back'];
      if (Boolean(applied) === Boolean(rolledBack)) {
        console.error('resolve needs exactly one of --applied <migration> or --rolled-back <migration>.');
        return 1;
      }
      const target = resolveDatabaseTarget();
      const name = (applied ?? rolledBack)!;
      await resolveMigration(target, name, applied ? 'applied' : 'rolled-back', {
        migrationsDir: migrationsDirFor(target.provider, layout),
      });
      console.log(`Marked ${name} as ${applied ? 'applied' : 'rolled back'} on ${describe(target)}.`);
      return 0;
    }
    case 'check': {
      const report = await checkDrift(layout);
      let failed = !report.ok;
      for (const result of report.results) {
        const label = `${result.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${result.subject === 'migrations' ? 'migrations' : 'schema file'}`;
        const where = displayPath(result.path);
        if (result.status === 'in-sync') console.log(`${label}: in sync (${where}: ${result.detail}).`);
        else if (result.status === 'skipped') {
          console.warn(`${label}: SKIPPED, ${result.detail}.`);
          if (values['require-postgres']) failed = true;
        } else console.error(`${label}: DRIFT in ${where}: ${result.detail}`);
      }
      if (!report.ok) console.error('Drift found: run `pnpm db:migrate <name>` to create the missing migration.');
      return failed ? 1 : 0;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 1;
  }
}

function describe(target: DatabaseTarget): string {
  return target.provider === 'sqlite' ? `SQLite ${target.file}` : `PostgreSQL ${redactUrl(target.url)}`;
}

function appliedLine(applied: string[], target: DatabaseTarget): string {
  return applied.length === 0
    ? `No pending migrations on ${describe(target)}`
    : `Applied ${applied.length} migration(s) to ${describe(target)}: ${applied.join(', ')}`;
}

// The CLI exits explicitly: the engine keeps no promise to wait for, and whatever a
// driver might still hold open must not keep a finished command alive.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${oneLine(error instanceof Error ? error.message : String(error))}`);
    process.exit(1);
  },
);
