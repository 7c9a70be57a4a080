/**
 * The response cache, for the code that writes data: every GraphQL mutation that returns data
 * empties the cache by itself (see plugin.ts). Writes that bypass GraphQL — `pnpm vigia import`,
 * a seed, SQL by hand — call `purgeSharedResponseCache()` afterwards: with REDIS_URL set it
 * empties the cache every server process shares; without Redis each server keeps its own
 * in-memory cache, which then expires by its TTL (RESPONSE_CACHE_TTL_SECONDS).
 */
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { redisStore } from './store.js';

export { cacheHint } from './hints.js';

/** Empties the Redis response cache; resolves false when there is no shared cache to empty. */
export async function purgeSharedResponseCache(
  redisUrl: string | undefined = process.env.REDIS_URL,
  prefix: string = process.env.REDIS_PREFIX ?? 'vigia:',
): Promise<boolean> {
  if (!redisUrl) return false;
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redisStore(redis, prefix, 1000, pino({ level: 'silent' })).purge();
    return true;
  } finally {
    redis.disconnect();
  }
}
