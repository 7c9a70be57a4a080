/**
 * The shared runtime of one server process, built once at startup: Redis (when configured), the
 * rate limiter, the response store, the read model's shared data version and the watch for
 * writes made elsewhere. The HTTP steps and the yoga plugins take what they need from it.
 */
import { Redis } from 'ioredis';
import type { PrismaClient } from '@vigia/schema';
import type { Config } from '../config.js';
import { memoryStore, redisStore, type ResponseStore } from '../cache/store.js';
import { watchDataChanges, type DataChangeWatch } from '../read-model/watch.js';
import { memoryRateLimiter, redisRateLimiter, type RateLimiter } from '../limits/rate-limit.js';
import type { Logger } from '../observability/logger.js';
import { Metrics } from '../observability/metrics.js';
import type { ReadModel } from '../read-model/read-model.js';
import { redisVersion } from '../read-model/redis-version.js';
import { createLive, type Live } from '../live/index.js';

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  prisma: PrismaClient;
  /** The public data in memory: reloaded when the data watch sees a write, shared through Redis. */
  readModel?: ReadModel | undefined;
}

export interface Runtime {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  prisma: PrismaClient;
  redis: Redis | undefined;
  /** Undefined when rate limiting is off (RATE_LIMIT_WINDOW_SECONDS=0). */
  limiter: RateLimiter | undefined;
  /** Undefined when the response cache is off. */
  store: ResponseStore | undefined;
  /** `dataChanged` subscriptions and webhooks (with a read model). */
  live: Live | undefined;
  /** True once shutting down: /ready answers 503 and responses close their connections. */
  readonly draining: boolean;
  startDraining(): void;
  /** Waits (up to 5 s, or its first error) for Redis, so the first requests already share counters and cache. */
  connected(): Promise<void>;
  close(): Promise<void>;
}

export function createRuntime({ config, logger, prisma, readModel }: RuntimeOptions): Runtime {
  const metrics = new Metrics();
  let draining = false;

  // Fail fast instead of queueing when Redis is away: a slow cache is worse than none.
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000 })
    : undefined;
  redis?.on('error', (error) => logger.warn({ err: error }, 'Redis connection error'));

  const windowMs = config.rateLimit.windowSeconds * 1000;
  const limiter =
    windowMs === 0 ? undefined : redis ? redisRateLimiter(redis, config.redisPrefix, windowMs, logger) : memoryRateLimiter(windowMs);

  // Hits and misses are counted per request (yoga's cache looks an answer up more than once).
  const store = !config.cache.enabled
    ? undefined
    : redis
      ? redisStore(redis, config.redisPrefix, config.cache.ttlSeconds * 1000, logger, config.cache.maxEntries)
      : memoryStore(config.cache.maxEntries);

  // Several processes on one Redis tell each other of their writes (read-model/read-model.ts).
  if (redis && readModel) readModel.share(redisVersion(redis, config.redisPrefix));
  // Every reload with newer data is announced to subscribers and handed to webhooks (live/).
  const live = readModel ? createLive({ config, prisma, readModel, redis, logger }) : undefined;
  if (readModel) {
    metrics.dataVersion.set(readModel.snapshot.version);
    readModel.onLoad((snapshot, seconds) => {
      metrics.dataReloads.observe(seconds);
      metrics.dataVersion.set(snapshot.version);
      live?.events.loaded(snapshot);
    });
  }

  // Writes from elsewhere (a CLI import, a process without Redis) reload the public data and
  // empty this cache too.
  const watch: DataChangeWatch | undefined =
    (store || readModel) && config.cache.dataChangePollMs > 0
      ? watchDataChanges({
          prisma,
          intervalMs: config.cache.dataChangePollMs,
          onChange: async () => {
            await readModel?.changed();
            if (!store) return;
            await store.purge();
            metrics.cacheInvalidations.inc();
            logger.debug('The data changed: reloaded the public data and emptied the response cache');
          },
          onError: (error) => logger.warn({ err: error }, 'Could not check the data for changes'),
        })
      : undefined;

  return {
    config,
    logger,
    metrics,
    prisma,
    redis,
    limiter,
    store,
    live,
    get draining() {
      return draining;
    },
    startDraining() {
      draining = true;
      // Open streams complete now, so their connections close and the server can stop.
      live?.endStreams();
    },
    async connected() {
      if (!redis || redis.status === 'ready') return;
      const ok = await new Promise<boolean>((done) => {
        const finish = (ready: boolean) => {
          clearTimeout(timer);
          redis.off('ready', onReady).off('error', onError);
          done(ready);
        };
        const onReady = () => finish(true);
        const onError = () => finish(false);
        const timer = setTimeout(() => finish(false), 5000);
        redis.once('ready', onReady).once('error', onError);
      });
      // ioredis keeps reconnecting in the background; until then the cache misses and limits let requests through.
      if (!ok) logger.error('Redis is not reachable; serving with the cache and rate limits failing open until it is');
    },
    async close() {
      await watch?.stop();
      await live?.close();
      limiter?.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
      logger.flush();
    },
  };
}
