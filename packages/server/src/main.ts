import { resolveDatabaseTarget } from '@vigia/schema';
import { loadConfig, type Config } from './config.js';
import { createLogger } from './observability/logger.js';
import { startServer } from './server.js';

// `pnpm start`: serves everything on PORT (default 4000). A server process logs at info (JSON
// lines on stdout) unless LOG_LEVEL says otherwise, whatever NODE_ENV is.
const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL || 'info' };
let config: Config;
try {
  config = loadConfig(env);
} catch (error) {
  console.error(`Vigía could not start: ${(error as Error).message}`);
  process.exit(1);
}
const logger = createLogger({ level: config.logLevel });

try {
  const target = resolveDatabaseTarget(config.databaseUrl);
  const running = await startServer({ env, logger });
  const { appliedMigrations, seeded } = running.prepared;
  if (appliedMigrations.length) logger.info({ migrations: appliedMigrations }, `Applied migrations: ${appliedMigrations.join(', ')}`);
  if (seeded) logger.info('Seeded the new database from the reviewed source data.');
  const url = running.url.replace('127.0.0.1', 'localhost');
  logger.info({ url, database: target.provider }, `Vigía is serving ${url}/graphql (database: ${target.file ?? target.provider})`);
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    // A second signal means "now": the operator gave up waiting.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'Shutting down: no new connections, finishing the requests in flight');
    await running.close();
    logger.info('Stopped');
    logger.flush(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  logger.fatal({ err: error }, `Vigía could not start: ${(error as Error).message}`);
  logger.flush(() => process.exit(1));
}
