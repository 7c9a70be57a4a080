/**
 * Our migration tool over Prisma's WebAssembly schema engine (the db:* commands): one module per
 * command — deploy, status, resolve, check, create — and what they share (layout.ts). This file
 * only hands their names on.
 */
export type { DatabaseTarget, Provider } from '../database-url.js';
export { MigrationError } from './errors.js';
export { derivePostgresSchema } from './postgres-schema.js';
export {
  defaultPostgresMigrationsDir,
  defaultPostgresSchemaPath,
  defaultSchemaPath,
  defaultSqliteMigrationsDir,
} from './paths.js';
export { migrationsDirFor, type MigrateLayout } from './layout.js';
export { deployMigrations, type DeployOptions } from './deploy.js';
export { migrationStatus, type MigrationStatus } from './status.js';
export { resolveMigration } from './resolve.js';
export { checkDrift, type DriftReport, type DriftResult } from './check.js';
export { createMigration, type CreatedMigration, type CreateMigrationResult } from './create.js';
