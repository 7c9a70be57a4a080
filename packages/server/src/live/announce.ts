/**
 * The Redis channel on which server processes tell each other "the data is now at version N"
 * (live/events.ts), and the same announcement for writers outside a server: `pnpm vigia import`
 * with REDIS_URL set calls `announceChange`, so every server reloads and tells its live
 * subscribers at once instead of at its next poll of the audit log (DATA_CHANGE_POLL_MS).
 */
import { Redis } from 'ioredis';

export const changesChannel = (prefix: string) => `${prefix}data-changes`;

/** Publishes `version` to the servers on this Redis; resolves false without REDIS_URL. */
export async function announceChange(
  version: number,
  redisUrl: string | undefined = process.env.REDIS_URL,
  prefix: string = process.env.REDIS_PREFIX ?? 'vigia:',
): Promise<boolean> {
  if (!redisUrl) return false;
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.publish(changesChannel(prefix), String(version));
    return true;
  } finally {
    redis.disconnect();
  }
}
