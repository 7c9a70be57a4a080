import type { Redis } from 'ioredis';
import type { SharedVersion } from './read-model.js';

// Only ever raised: two writers announcing out of order must not lower it.
const RAISE = `local v = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > v then redis.call('SET', KEYS[1], ARGV[1]) end
return 1`;

/** The data version in Redis, shared by every server process on the same Redis. */
export function redisVersion(redis: Redis, prefix: string): SharedVersion {
  const KEY = `${prefix}data-version`;
  return {
    async read() {
      return Number((await redis.get(KEY)) ?? 0);
    },
    async raise(version) {
      await redis.eval(RAISE, 1, KEY, String(version));
    },
  };
}
