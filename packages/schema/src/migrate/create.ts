/** `pnpm db:migrate <name>`: the next migration of each provider, from the schema's difference. */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { DatabaseTarget, Provider } from '../database-url.js';
import { noFilters, withEngine, type SchemaFile } from './engine.js';
import { MigrationError, displayPath } from './errors.js';
import { factoryFor, migrationsDirFor, resolveLayout, schemaFor, unreachable, type MigrateLayout } from './layout.js';
import { listMigrations, writeMigration } from './migrations.js';
import { createTemporaryDatabase, postgresUnreachableReason } from './postgres.js';
import { writePostgresSchema } from './postgres-schema.js';

export interface CreatedMigration {
  provider: Provider;
  status: 'created' | 'unchanged' | 'skipped';
  /** The new migration's folder, when created. */
  directory?: string;
  detail: string;
}

export interface CreateMigrationResult {
  /** The folder name (`<timestamp>_<name>`), shared by both providers; null when nothing changed. */
  migrationName: string | null;
  results: CreatedMigration[];
  /** Whether the derived PostgreSQL schema file was rewritten. */
  postgresSchemaWritten: boolean;
}

/**
 * Creates the next migration for each provider from the difference between its
 * migrations folder and the source schema, on throwaway databases (a temporary SQLite
 * file; a temporary database on the PostgreSQL admin server, skipped with the reason
 * when none is reachable). Does not touch DATABASE_URL's database: deploy for that.
 */
export async function createMigration(name: string, layout: MigrateLayout = {}): Promise<CreateMigrationResult> {
  // Folder names stay shell- and URL-friendly, as Prisma's CLI makes them.
  const slug = name.trim().replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 200);
  if (!slug) throw new MigrationError('A migration needs a name, e.g. `pnpm db:migrate add-region-population`');
  const resolved = resolveLayout(layout);
  const postgresSchemaWritten = resolved.postgresSchemaPath
    ? writePostgresSchema(resolved.schemaPath, resolved.postgresSchemaPath)
    : false;
  const results: CreatedMigration[] = [];
  let migrationName: string | null = null;
  for (const provider of resolved.providers) {
    const migrationsDir = migrationsDirFor(provider, layout);
    const schema = schemaFor(provider, resolved.schemaPath);
    if (provider === 'sqlite') {
      const file = join(tmpdir(), `vigia-migrate-${randomUUID()}.db`);
      try {
        const target: DatabaseTarget = { provider, url: `file:${file}`, file };
        const created = await generate(target, schema, migrationsDir, slug, migrationName);
        migrationName ??= created.migrationName;
        results.push(created.result);
      } finally {
        for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      }
      continue;
    }
    const reason = await postgresUnreachableReason(resolved.adminUrl);
    if (reason !== null) {
      results.push({ provider, status: 'skipped', detail: unreachable(resolved.adminUrl, reason) });
      continue;
    }
    const temporary = await createTemporaryDatabase(resolved.adminUrl);
    try {
      const created = await generate({ provider, url: temporary.url }, schema, migrationsDir, slug, migrationName);
      migrationName ??= created.migrationName;
      results.push(created.result);
    } finally {
      await temporary.drop();
    }
  }
  return { migrationName, results, postgresSchemaWritten };
}

async function generate(
  target: DatabaseTarget,
  schema: SchemaFile,
  migrationsDir: string,
  name: string,
  sharedName: string | null,
): Promise<{ migrationName: string | null; result: CreatedMigration }> {
  const migrationsList: MigrationList = listMigrations(migrationsDir);
  const provider = target.provider;
  const output = await withEngine(factoryFor(target), schema, async (engine) => {
    // Order matters in the WebAssembly build: applyMigrations creates _prisma_migrations
    // (libsql's "no such table" is not mapped to the error the engine expects), then
    // devDiagnostic replays the history on the shadow database and caches the result,
    // which createMigration (given no shadow database of its own) reuses.
    await engine.applyMigrations({ migrationsList, filters: noFilters });
    const { action } = await engine.devDiagnostic({ migrationsList, filters: noFilters });
    if (action.tag === 'reset') {
      throw new MigrationError(`The ${provider} migrations folder ${migrationsDir} cannot be replayed: ${action.reason}`);
    }
    return engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList,
      schema: { files: [schema] },
      filters: noFilters,
    });
  }).catch((error: unknown) => {
    throw new MigrationError(`Creating the ${provider} migration failed: ${(error as Error).message}`, { cause: error });
  });
  if (output.migrationScript === null) {
    return { migrationName: null, result: { provider, status: 'unchanged', detail: 'already in sync with the schema' } };
  }
  // Both providers' folders get the same name, so the two histories line up.
  const migrationName = sharedName ?? output.generatedMigrationName;
  const directory = writeMigration(migrationsDir, migrationName, output.migrationScript, provider);
  const warnings = /^-- Warnings?:|^\/\*\s*\n?\s*Warnings?:/m.test(output.migrationScript)
    ? ' (it has warnings about data loss: read it before applying)'
    : '';
  return {
    migrationName,
    result: { provider, status: 'created', directory, detail: `${displayPath(directory)}${warnings}` },
  };
}
