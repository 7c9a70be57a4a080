/**
 * The response cache, for the code that writes data: every GraphQL mutation that returns data
 * empties the cache by itself (see plugin.ts). Writes that bypass GraphQL — `pnpm vigia import` —
 * leave an audit entry, which every running server notices within DATA_CHANGE_POLL_MS and
 * empties its cache (watch.ts); they also call `purgeSharedResponseCache()`, which with REDIS_URL
 * set empties the cache every server shares at once. SQL by hand leaves no audit entry: restart
 * the servers, or run `pnpm vigia import` of an unchanged file to nudge them.
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
