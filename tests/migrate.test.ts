/**
 * The project's migration tool (packages/schema/src/migrate): Prisma's WebAssembly schema
 * engine driven through driver adapters, for SQLite and (when a server is reachable) PostgreSQL.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, postgresAdapterFactory, sqliteAdapterFactory } from '../packages/schema/src/migrate/adapters.js';
import {
  checkDrift,
  createMigration,
  defaultPostgresMigrationsDir,
  defaultSchemaPath,
  defaultSqliteMigrationsDir,
  deployMigrations,
  derivePostgresSchema,
  MigrationError,
  migrationStatus,
  resolveMigration,
  type DatabaseTarget,
  type MigrateLayout,
} from '../packages/schema/src/migrate/index.js';
import {
  createTemporaryDatabase,
  dropDatabase,
  postgresAdminUrl,
  postgresUnreachableReason,
  type TemporaryDatabase,
} from '../packages/schema/src/migrate/postgres.js';

const schemaPackage = resolve(import.meta.dirname, '../packages/schema');
const tsx = join(schemaPackage, 'node_modules/.bin/tsx');
const cli = join(schemaPackage, 'src/migrate/cli.ts');
const adminUrl = postgresAdminUrl();
const pgUnreachable = await postgresUnreachableReason(adminUrl);

const committed = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
const sourceSchema = readFileSync(defaultSchemaPath, 'utf8');
const modelNames = [...sourceSchema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!);
const enumNames = [...sourceSchema.matchAll(/^enum (\w+) \{/gm)].map((m) => m[1]!).sort();
const driftModel = '\nmodel DriftProbe {\n  id    String @id\n  label String\n}\n';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'vigia-migrate-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function sqliteTarget(name: string): DatabaseTarget {
  const file = join(tmp, name);
  return { provider: 'sqlite', url: `file:${file}`, file };
}

async function query(target: DatabaseTarget, sql: string): Promise<unknown[][]> {
  const factory = target.provider === 'sqlite' ? sqliteAdapterFactory(target.url) : postgresAdapterFactory(target.url);
  try {
    const adapter = await factory.connect();
    return (await adapter.queryRaw({ sql, args: [], argTypes: [] })).rows;
  } finally {
    await factory.disposeAll();
  }
}

/** A copy of the source schema with one extra model: schema.prisma changed, no migration made. */
function driftedSchema(): string {
  const path = join(tmp, `drifted-${Math.random().toString(36).slice(2)}.prisma`);
  writeFileSync(path, readFileSync(defaultSchemaPath, 'utf8') + driftModel);
  return path;
}

function runCli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(tsx, [cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

it('the committed migrations exist for both providers with Prisma lockfiles', () => {
  const sqlite = committed(defaultSqliteMigrationsDir);
  expect(sqlite.length).toBeGreaterThan(0);
  expect(sqlite[0]).toMatch(/^\d{14}_init$/);
  expect(committed(defaultPostgresMigrationsDir)).toEqual(sqlite);
  expect(readFileSync(join(defaultSqliteMigrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "sqlite"');
  expect(readFileSync(join(defaultPostgresMigrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
    'provider = "postgresql"',
  );
  for (const name of sqlite) expect(existsSync(join(defaultSqliteMigrationsDir, name, 'migration.sql'))).toBe(true);
});

it('derives the PostgreSQL schema by swapping the provider only', () => {
  const derived = derivePostgresSchema(readFileSync(defaultSchemaPath, 'utf8'));
  expect(derived).toMatch(/^\/\/ GENERATED FILE/);
  expect(derived).toMatch(/datasource db \{\s*provider = "postgresql"\s*\}/);
  expect(derived).toContain('output       = "../../src/generated/prisma-postgresql"');
  expect(derived).not.toContain('sqlite');
  expect(derived).not.toContain('prisma-pothos-types');
  for (const model of modelNames) expect(derived).toContain(`model ${model} {`);
  expect(() => derivePostgresSchema('datasource db {\n  provider = "mysql"\n}\n')).toThrow(/expected the source/);
});

it('counts statements ignoring semicolons in strings and comments', () => {
  expect(countStatements('CREATE TABLE "a" (x TEXT);')).toBe(1);
  expect(countStatements("-- a; b\nINSERT INTO t VALUES ('x;y'); /* ; */ SELECT 1")).toBe(2);
  expect(countStatements('  ;  ')).toBe(0);
});

describe('SQLite', () => {
  const local = () => committed(defaultSqliteMigrationsDir);

  it('reports every migration pending on a fresh file, without creating it', async () => {
    const target = sqliteTarget('status-fresh.db');
    const status = await migrationStatus(target);
    expect(status.upToDate).toBe(false);
    expect(status.pending).toEqual(local());
    expect(status.applied).toEqual([]);
    expect(existsSync(target.file!)).toBe(false);
  });

  it('deploys a fresh file: tables and _prisma_migrations rows; a second deploy is a fast no-op', async () => {
    const target = sqliteTarget('fresh.db');
    expect(await deployMigrations(target)).toEqual({ applied: local() });

    const tables = (await query(target, "SELECT name FROM sqlite_master WHERE type = 'table'")).map((r) => r[0]);
    expect(tables).toEqual(expect.arrayContaining([...modelNames, '_prisma_migrations']));
    const rows = await query(
      target,
      'SELECT migration_name, finished_at IS NOT NULL, rolled_back_at IS NULL, length(checksum) FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows).toEqual(local().map((name) => [name, 1, 1, 64]));

    const started = performance.now();
    expect(await deployMigrations(target)).toEqual({ applied: [] });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await query(target, 'SELECT count(*) FROM _prisma_migrations')).toEqual([[local().length]]);

    const status = await migrationStatus(target);
    expect(status).toMatchObject({ upToDate: true, applied: local(), pending: [], failed: [], edited: [] });
  });

  it('check passes on the committed migrations', async () => {
    const report = await checkDrift({ providers: ['sqlite'] });
    expect(report.results).toEqual([
      expect.objectContaining({ provider: 'sqlite', subject: 'migrations', status: 'in-sync' }),
    ]);
    expect(report.ok).toBe(true);
  });

  it('check reports drift when the schema has a model no migration creates', async () => {
    const report = await checkDrift({ schemaPath: driftedSchema(), providers: ['sqlite'] });
    expect(report.ok).toBe(false);
    expect(report.results[0]).toMatchObject({ provider: 'sqlite', status: 'drift' });
    expect(report.results[0]!.detail).toContain('DriftProbe');
  });

  it('the check command exits 0 in sync and 1 on drift, saying so', () => {
    const ok = runCli(['check']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('SQLite migrations: in sync');

    const drift = runCli(['check', '--schema', driftedSchema()]);
    expect(drift.status).toBe(1);
    expect(drift.stderr).toContain('SQLite migrations: DRIFT');
    expect(drift.stderr).toContain('DriftProbe');
  });

  it('creates the next migration from a schema change, which then deploys and checks clean', async () => {
    const layout: MigrateLayout = {
      schemaPath: driftedSchema(),
      sqliteMigrationsDir: join(tmp, 'create/sqlite'),
      postgresMigrationsDir: join(tmp, 'create/postgresql'),
      postgresSchemaPath: join(tmp, 'create/postgresql/schema.prisma'),
    };
    cpSync(defaultSqliteMigrationsDir, layout.sqliteMigrationsDir!, { recursive: true });
    cpSync(defaultPostgresMigrationsDir, layout.postgresMigrationsDir!, { recursive: true });

    const created = await createMigration('add drift probe', layout);
    expect(created.migrationName).toMatch(/^\d{14}_add_drift_probe$/);
    expect(created.postgresSchemaWritten).toBe(true);
    expect(readFileSync(layout.postgresSchemaPath!, 'utf8')).toContain('model DriftProbe {');
    const sqlite = created.results.find((r) => r.provider === 'sqlite')!;
    expect(sqlite.status).toBe('created');
    const script = readFileSync(join(layout.sqliteMigrationsDir!, created.migrationName!, 'migration.sql'), 'utf8');
    expect(script).toContain('CREATE TABLE "DriftProbe"');
    expect(script).not.toContain('CREATE TABLE "Document"');

    const postgres = created.results.find((r) => r.provider === 'postgresql')!;
    if (pgUnreachable) {
      expect(postgres).toMatchObject({ status: 'skipped' });
      expect(postgres.detail).toContain('no PostgreSQL server reachable');
    } else {
      expect(postgres.status).toBe('created');
      // Both histories get the same folder name so they line up.
      expect(readFileSync(join(layout.postgresMigrationsDir!, created.migrationName!, 'migration.sql'), 'utf8')).toMatch(
        /CREATE TABLE "DriftProbe"[\s\S]*CONSTRAINT "DriftProbe_pkey" PRIMARY KEY/,
      );
    }

    const again = await createMigration('nothing', layout);
    expect(again.migrationName).toBeNull();
    expect(again.results.find((r) => r.provider === 'sqlite')?.status).toBe('unchanged');

    const check = await checkDrift(layout);
    expect(check.results.filter((r) => r.status === 'drift')).toEqual([]);

    const target = sqliteTarget('created.db');
    const { applied } = await deployMigrations(target, { migrationsDir: layout.sqliteMigrationsDir });
    expect(applied).toEqual([...committed(defaultSqliteMigrationsDir), created.migrationName]);
    expect(await query(target, "SELECT name FROM sqlite_master WHERE name = 'DriftProbe'")).toEqual([['DriftProbe']]);
  });

  it('a failed migration says which and why in one line, is recorded as failed, and blocks deploy until resolved', async () => {
    const dir = join(tmp, 'broken');
    cpSync(defaultSqliteMigrationsDir, dir, { recursive: true });
    const broken = '29990101000000_broken';
    mkdirSync(join(dir, broken));
    writeFileSync(join(dir, broken, 'migration.sql'), 'CREATE TABLE "Extra" ("id" TEXT PRIMARY KEY);\nINSERT INTO "Missing" VALUES (1);\n');
    const target = sqliteTarget('broken.db');

    const failure = await deployMigrations(target, { migrationsDir: dir }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    const message = (failure as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(broken);
    expect(message).toContain('no such table: Missing');

    const rows = await query(
      target,
      'SELECT migration_name, finished_at IS NULL, logs IS NOT NULL FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows).toEqual([...committed(defaultSqliteMigrationsDir).map((name) => [name, 0, 0]), [broken, 1, 1]]);
    const status = await migrationStatus(target, { migrationsDir: dir });
    expect(status).toMatchObject({ upToDate: false, failed: [broken], applied: committed(defaultSqliteMigrationsDir) });

    await expect(deployMigrations(target, { migrationsDir: dir })).rejects.toThrow(/P3009.*29990101000000_broken/);

    // SQLite scripts are not transactional (as with Prisma's CLI): undo the partial change, fix, resolve.
    await query(target, 'DROP TABLE "Extra"');
    writeFileSync(join(dir, broken, 'migration.sql'), 'CREATE TABLE "Extra" ("id" TEXT PRIMARY KEY);\n');
    await resolveMigration(target, broken, 'rolled-back', { migrationsDir: dir });
    expect(await deployMigrations(target, { migrationsDir: dir })).toEqual({ applied: [broken] });
    expect((await migrationStatus(target, { migrationsDir: dir })).upToDate).toBe(true);
  });

  it('status and deploy commands: exit codes and one-line errors', () => {
    const env = { DATABASE_URL: `file:${join(tmp, 'cli.db')}` };
    const pending = runCli(['status'], env);
    expect(pending.status).toBe(1);
    expect(pending.stdout).toMatch(/pending\s+\d{14}_init/);

    const deploy = runCli(['deploy'], env);
    expect(deploy.status, deploy.stderr).toBe(0);
    expect(deploy.stdout).toMatch(/Applied \d+ migration\(s\)/);
    expect(runCli(['status'], env).status).toBe(0);

    const unreachable = runCli(['deploy'], { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere' });
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr.trim()).toMatch(/^error: Applying migrations on PostgreSQL .*ECONNREFUSED 127\.0\.0\.1:1$/);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an unreachable database is a MigrationError with one readable line', async () => {
    const error = await deployMigrations({ provider: 'postgresql', url: 'postgresql://postgres@127.0.0.1:1/nowhere' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toBe(
      'Applying migrations on PostgreSQL postgresql://postgres@127.0.0.1:1/nowhere failed: connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});

/**
 * A process that deploys and then has nothing left to do must exit on its own, promptly:
 * the engine arms uncancellable 10 s timers, so an exit within 5 s of the deploy's end
 * proves they no longer hold the process (tsx's start-up time is not counted).
 */
function exitLagAfterDeploy(databaseUrl: string) {
  const script = join(tmp, `exit-${Math.random().toString(36).slice(2)}.mts`);
  const index = join(schemaPackage, 'src/migrate/index.ts');
  writeFileSync(
    script,
    `import { deployMigrations } from ${JSON.stringify(index)};\n` +
      `import { resolveDatabaseTarget } from ${JSON.stringify(join(schemaPackage, 'src/database-url.ts'))};\n` +
      `const { applied } = await deployMigrations(resolveDatabaseTarget(${JSON.stringify(databaseUrl)}));\n` +
      `console.log(JSON.stringify({ applied, done: Date.now() }));\n`,
  );
  const result = spawnSync(tsx, [script], { encoding: 'utf8', timeout: 30_000 });
  const exited = Date.now();
  expect(result.error, 'the process was still running after 30 s').toBeUndefined();
  expect(result.status, result.stderr).toBe(0);
  const { applied, done } = JSON.parse(result.stdout) as { applied: string[]; done: number };
  return { applied, lag: exited - done };
}

it('a process that only calls deployMigrations exits on its own (SQLite)', () => {
  const run = exitLagAfterDeploy(`file:${join(tmp, 'exit.db')}`);
  expect(run.applied).toEqual(committed(defaultSqliteMigrationsDir));
  expect(run.lag).toBeLessThan(5_000);
});

if (pgUnreachable) {
  describe('PostgreSQL', () => {
    it.skip(`SKIPPED: no PostgreSQL server reachable at ${adminUrl} (${pgUnreachable}); set DATABASE_URL_POSTGRES_ADMIN`, () => {});
  });
} else {
  describe('PostgreSQL', () => {
    const local = () => committed(defaultPostgresMigrationsDir);
    let database: TemporaryDatabase;
    const created: string[] = [];
    let target: DatabaseTarget;

    beforeAll(async () => {
      database = await createTemporaryDatabase(adminUrl, 'vigia_test_migrate');
      target = { provider: 'postgresql', url: database.url };
    });
    afterAll(async () => {
      await database?.drop();
      for (const name of created) await dropDatabase(adminUrl, name);
    });

    it('deploys a fresh database: pending, then tables and _prisma_migrations rows, then a no-op', async () => {
      expect((await migrationStatus(target)).pending).toEqual(local());

      expect(await deployMigrations(target)).toEqual({ applied: local() });
      const tables = (
        await query(target, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
      ).map((r) => r[0]);
      expect(tables).toEqual(expect.arrayContaining([...modelNames, '_prisma_migrations']));
      const enums = (await query(target, "SELECT typname FROM pg_type WHERE typtype = 'e' ")).map((r) => String(r[0])).sort();
      expect(enums).toEqual(enumNames);
      const rows = await query(
        target,
        'SELECT migration_name, finished_at IS NOT NULL, rolled_back_at IS NULL FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(rows).toEqual(local().map((name) => [name, true, true]));

      expect(await deployMigrations(target)).toEqual({ applied: [] });
      expect(await migrationStatus(target)).toMatchObject({ upToDate: true, applied: local(), pending: [] });
    });

    it('creates a missing target database before deploying, like prisma migrate deploy', async () => {
      const name = `vigia_test_missing_${Math.random().toString(36).slice(2, 10)}`;
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      expect(await deployMigrations({ provider: 'postgresql', url: url.toString() })).toEqual({ applied: local() });
    });

    it('check passes on the committed migrations and the derived schema file', async () => {
      const report = await checkDrift({ providers: ['postgresql'] });
      expect(report.results).toEqual([
        expect.objectContaining({ subject: 'postgres-schema-file', status: 'in-sync' }),
        expect.objectContaining({ subject: 'migrations', status: 'in-sync' }),
      ]);
      expect(report.ok).toBe(true);
    });

    it('check reports drift for PostgreSQL too', async () => {
      const report = await checkDrift({ schemaPath: driftedSchema(), providers: ['postgresql'] });
      expect(report.ok).toBe(false);
      expect(report.results).toEqual([expect.objectContaining({ provider: 'postgresql', subject: 'migrations', status: 'drift' })]);
      expect(report.results[0]!.detail).toContain('DriftProbe');
    });

    it('a failed migration rolls back as a whole and is recorded as failed', async () => {
      const scratch = await createTemporaryDatabase(adminUrl, 'vigia_test_migrate');
      created.push(scratch.name);
      const target: DatabaseTarget = { provider: 'postgresql', url: scratch.url };
      const dir = join(tmp, 'pg-broken');
      cpSync(defaultPostgresMigrationsDir, dir, { recursive: true });
      const broken = '29990101000000_broken';
      mkdirSync(join(dir, broken));
      writeFileSync(join(dir, broken, 'migration.sql'), 'CREATE TABLE "Extra" ("id" TEXT PRIMARY KEY);\nINSERT INTO "Missing" VALUES (1);\n');
      await expect(deployMigrations(target, { migrationsDir: dir })).rejects.toThrow(
        /^Applying migrations on PostgreSQL .* failed: migration 29990101000000_broken: No such table: Missing$/,
      );
      expect(await query(target, "SELECT to_regclass('\"Extra\"') IS NULL")).toEqual([[true]]);
      expect((await migrationStatus(target, { migrationsDir: dir })).failed).toEqual([broken]);
    });

    it('a process that only calls deployMigrations exits on its own (PostgreSQL)', () => {
      const run = exitLagAfterDeploy(database.url);
      expect(run.applied).toEqual([]);
      expect(run.lag).toBeLessThan(5_000);
    });
  });
}
