import { resolveDatabaseTarget } from '@vigia/schema';
import { startServer } from './server.js';

// `pnpm start`: serves everything on PORT (default 4000).
const port = Number(process.env.PORT ?? 4000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a whole number from 0 to 65535; got "${process.env.PORT}"`);
  process.exit(1);
}

try {
  const target = resolveDatabaseTarget();
  const running = await startServer({ port });
  const { appliedMigrations, seeded } = running.prepared;
  if (appliedMigrations.length) console.log(`Applied migrations: ${appliedMigrations.join(', ')}`);
  if (seeded) console.log('Seeded the new database from the reviewed source data.');
  console.log(`Vigía is serving ${running.url.replace('127.0.0.1', 'localhost')}/graphql (database: ${target.file ?? target.provider})`);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`Vigía could not start: ${(error as Error).message}`);
  process.exit(1);
}
