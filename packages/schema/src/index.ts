/**
 * @vigia/schema: the data model and everything that acts on it directly — the database
 * URL, the Prisma client, migrations and the reviewed seed data.
 */
export { resolveDatabaseTarget, defaultSqliteFile, repoRoot, type DatabaseTarget, type Provider } from './database-url.js';
export { createPrismaClient, primaryOf, providerOf, replicaClientsOf, PrismaClient, type ClientOptions } from './client.js';
export { isSqliteBusy, withSqliteTransactionMode, SQLITE_BUSY_TIMEOUT_MS } from './sqlite.js';
export type * from './generated/prisma/client.js';
export { seed, type SeedResult } from './seed/seed.js';
export { seedData } from './seed-data/index.js';
export { coordinationSpaceName, type CoordinationLevelName } from './coordination-space-name.js';
export { prepareDatabase, type PrepareResult } from './prepare.js';
export {
  publishObservations,
  publishResults,
  publishUnrecorded,
  observationRevisionData,
  resultRevisionData,
  type PublicationInput,
  type Reconciled,
} from './revisions.js';
export type { default as PrismaTypes } from './generated/pothos-types.js';
export { getDatamodel } from './generated/pothos-types.js';
