import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createPrismaClient, prepareDatabase, repoRoot, resolveDatabaseTarget, type PrismaClient } from '@vigia/schema';
import type { PrepareResult } from '@vigia/schema';
import { loadConfig, type Config } from './config.js';
import { createApp } from './http/app.js';
import { answerClientError } from './http/client-error.js';
import { createProductionLayer, type ProductionLayer } from './http/production.js';
import { createLogger, type Logger } from './observability/logger.js';
import { ReadModel } from './read-model/read-model.js';
import { schema } from './graphql/index.js';

export interface StartOptions {
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  host?: string;
  /** As the contract's DATABASE_URL; defaults to the environment's. */
  databaseUrl?: string;
  /** Receives every SQL statement (tests use it to count queries). */
  onQuery?: (sql: string) => void;
  /** Settings on top of process.env, read and checked by loadConfig (config.ts). */
  env?: Record<string, string | undefined>;
  /** Where JSON logs go (default: stdout at LOG_LEVEL). */
  logger?: Logger;
  /** The built widgets served at /widgets/ (default: packages/widgets/dist). */
  widgetsDir?: string;
  /** The built stewards' console served at /console/ (default: packages/console/dist). */
  consoleDir?: string;
}

export interface RunningServer {
  url: string;
  graphqlUrl: string;
  prisma: PrismaClient;
  server: Server;
  /** What the start did to the database: migrations applied, seeded or not. */
  prepared: PrepareResult;
  config: Config;
  production: ProductionLayer;
  /** Graceful: stops accepting, lets requests in flight finish (up to SHUTDOWN_TIMEOUT_MS), then disconnects. */
  close(): Promise<void>;
}

export const widgetsDist = resolve(repoRoot, 'packages/widgets/dist');
export const consoleDist = resolve(repoRoot, 'packages/console/dist');

/** Prepares the database (migrate, seed on first start), then serves the API. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig({ ...process.env, ...options.env });
  const target = resolveDatabaseTarget(options.databaseUrl ?? config.databaseUrl);
  const prepared = await prepareDatabase(target);
  const prisma = createPrismaClient(target, {
    poolSize: config.databasePoolSize,
    replicaUrls: config.databaseReplicaUrls,
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
  });
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const readModel = await ReadModel.load({
    prisma,
    provider: target.provider,
    onError: (error) => logger.warn({ err: error }, 'The shared data version (Redis) could not be used'),
  });
  const production = createProductionLayer({ schema, prisma, readModel, config, logger });
  await production.connected();
  const headersTimeout = Math.min(config.limits.requestTimeoutMs, 10_000);
  const server = createServer(
    {
      // Slow or stalled clients must not hold sockets: whole request and headers are timed.
      requestTimeout: config.limits.requestTimeoutMs,
      headersTimeout,
      // Node checks those timeouts only this often (30 s by default, which made a 10 s limit act at ~32 s).
      connectionsCheckingInterval: Math.max(250, Math.min(1000, headersTimeout / 4)),
    },
    createApp({ prisma, readModel, widgetsDir: options.widgetsDir ?? widgetsDist, consoleDir: options.consoleDir ?? consoleDist, production }),
  );
  server.on('clientError', answerClientError(production.logger));
  // Longer than a load balancer's idle timeout (60 s is common), so it never reuses a socket we closed.
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? config.port, options.host ?? config.host, () => done());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    prisma,
    server,
    prepared,
    config,
    production,
    close: async () => {
      production.startDraining();
      const closed = new Promise<void>((done) => server.close(() => done()));
      // Keep-alive sockets go as soon as their request in flight has its answer.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      const deadline = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
      await closed;
      clearInterval(sweep);
      clearTimeout(deadline);
      await production.close();
      await prisma.$disconnect();
    },
  };
}
