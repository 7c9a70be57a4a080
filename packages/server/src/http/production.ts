/**
 * Everything that makes the API fit for the public internet, composed in two visible lists:
 * the HTTP steps around every route (steps/) and the yoga plugins of the GraphQL endpoint
 * (plugins/), over one shared runtime built at startup (runtime.ts). `createApp` wraps its
 * routes with `wrap()` and spreads `yogaOptions` into createYoga.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { YogaServerOptions } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { PrismaClient } from '@vigia/schema';
import { loadConfig, type Config } from '../config.js';
import type { ResponseStore } from '../cache/store.js';
import type { Live } from '../live/index.js';
import type { ReadModel } from '../read-model/read-model.js';
import { createLogger, yogaLogger, type Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { graphqlPlugins, maskErrorsButOutages } from './plugins/index.js';
import { loadPersistedManifests } from './plugins/persisted.js';
import { createRuntime } from './runtime.js';
import { bodyLimitOf } from './upload-limit.js';
import { bodyLimit } from './steps/body-limit.js';
import { composeSteps, type Handler } from './steps/compose.js';
import { cors } from './steps/cors.js';
import { graphqlBody } from './steps/graphql-body.js';
import { probes } from './steps/probes.js';
import { rateLimit } from './steps/rate-limit.js';
import { requestLog } from './steps/request-log.js';
import { targetCheck } from './steps/target-check.js';

type ServerContext = { req: IncomingMessage; res: ServerResponse };

export interface ProductionOptions {
  schema: GraphQLSchema;
  prisma: PrismaClient;
  /** The public data in memory: reloaded when the data watch sees a write, shared through Redis. */
  readModel?: ReadModel;
  /** Defaults to the environment's configuration. */
  config?: Config;
  logger?: Logger;
}

export interface ProductionLayer {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  redis: Redis | undefined;
  store: ResponseStore | undefined;
  /** `dataChanged` subscriptions and webhooks (live/). */
  live: Live | undefined;
  /** Spread into createYoga: plugins, error masking, batching, body size, logging. */
  yogaOptions: Pick<
    YogaServerOptions<ServerContext, Record<string, unknown>>,
    'plugins' | 'maskedErrors' | 'batching' | 'maxRequestBodySize' | 'extraParamNames' | 'logging' | 'cors'
  >;
  /** Wraps the app's routes with the HTTP steps. */
  wrap(handler: Handler): Handler;
  /** Waits (up to 5 s, or its first error) for Redis, so the first requests already share counters and cache. */
  connected(): Promise<void>;
  /** From now on /ready answers 503 and responses close their connections. */
  startDraining(): void;
  close(): Promise<void>;
}

export function createProductionLayer(options: ProductionOptions): ProductionLayer {
  const config = options.config ?? loadConfig();
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const runtime = createRuntime({ config, logger, prisma: options.prisma, readModel: options.readModel });
  const { metrics, store } = runtime;
  const manifest = loadPersistedManifests(config.persisted.manifests);
  const bodyLimits = { maxBodyBytes: config.limits.maxBodyBytes, importMaxBytes: config.limits.importMaxBytes };

  // Around every route, in order; each step answers or hands on (steps/compose.ts).
  const steps = [
    requestLog(runtime, { trustProxy: config.trustProxy }),
    targetCheck(logger),
    probes(runtime),
    cors(),
    bodyLimit(bodyLimits),
    rateLimit({ limiter: runtime.limiter, limits: config.rateLimit, trustProxy: config.trustProxy, metrics }),
    graphqlBody({
      store,
      manifest,
      persistedOnly: config.persisted.only,
      limits: bodyLimits,
      // After the rate limit: verifying an upload's key (scrypt) is never cheaper than the limit allows.
      limitOf: bodyLimitOf(options.prisma, bodyLimits),
      logger,
      metrics,
    }),
  ];

  return {
    config,
    logger,
    metrics,
    redis: runtime.redis,
    store,
    live: runtime.live,
    yogaOptions: {
      plugins: graphqlPlugins(runtime, { schema: options.schema, manifest }),
      cors: false,
      logging: yogaLogger(logger),
      // Unexpected errors reach clients as "Unexpected error."; stack traces only in development.
      // An outage of the database is no bug: 503 with Retry-After and SERVICE_UNAVAILABLE.
      maskedErrors: { isDev: config.development, maskError: maskErrorsButOutages },
      batching: { limit: config.limits.maxBatch },
      // The body was read already, bounded (steps/graphql-body.ts): yoga's own limit would pipe
      // it through a second stream for nothing.
      maxRequestBodySize: false,
      extraParamNames: ['documentId'],
    },
    wrap: (handler) => composeSteps(steps, handler, logger),
    connected: () => runtime.connected(),
    startDraining: () => runtime.startDraining(),
    close: () => runtime.close(),
  };
}
