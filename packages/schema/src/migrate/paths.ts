import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/schema, whatever the current directory. */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The one source schema (SQLite). */
export const defaultSchemaPath = resolve(packageRoot, 'prisma/schema.prisma');
export const defaultSqliteMigrationsDir = resolve(packageRoot, 'prisma/migrations');

/** The PostgreSQL copy derived from the source schema, and its own migrations (the SQL differs). */
export const defaultPostgresSchemaPath = resolve(packageRoot, 'prisma/postgresql/schema.prisma');
export const defaultPostgresMigrationsDir = resolve(packageRoot, 'prisma/postgresql/migrations');
