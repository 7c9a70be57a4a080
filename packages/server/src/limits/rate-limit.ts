/**
 * Rate limits: a fixed window of N requests per API key (callers whose key this process has
 * verified) or per client address (everyone else, and any key not verified yet). Counters live in memory, or
 * in Redis when REDIS_URL is set so that every server process counts against the same budget.
 * If Redis fails, requests are let through (and logged): an outage of the counter store must
 * not take the API down with it.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import type { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.js';

export interface Verdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

export interface RateLimiter {
  hit(bucket: string, limit: number): Verdict | Promise<Verdict>;
  close(): void;
}

export function memoryRateLimiter(windowMs: number): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  // Forget finished windows so that one-off addresses do not accumulate.
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [bucket, window] of windows) if (window.resetAt <= now) windows.delete(bucket);
  }, windowMs);
  sweep.unref();
  return {
    hit(bucket, limit) {
      const now = Date.now();
      let window = windows.get(bucket);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + windowMs };
        windows.set(bucket, window);
      }
      window.count++;
      return { allowed: window.count <= limit, limit, remaining: Math.max(0, limit - window.count), resetMs: window.resetAt - now };
    },
    close: () => clearInterval(sweep),
  };
}

// INCR and the window's expiry in one round trip, atomically.
const WINDOW_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

type WithWindow = Redis & { vigiaWindow(key: string, windowMs: number): Promise<[number, number]> };

export function redisRateLimiter(redis: Redis, prefix: string, windowMs: number, logger: Logger): RateLimiter {
  if (!('vigiaWindow' in redis)) redis.defineCommand('vigiaWindow', { numberOfKeys: 1, lua: WINDOW_SCRIPT });
  const client = redis as WithWindow;
  return {
    async hit(bucket, limit) {
      try {
        const [count, ttl] = await client.vigiaWindow(`${prefix}rl:${bucket}`, windowMs);
        return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetMs: ttl };
      } catch (error) {
        logger.warn({ err: error }, 'Redis rate limiter unavailable; letting the request through');
        return { allowed: true, limit, remaining: limit, resetMs: windowMs };
      }
    },
    close: () => {},
  };
}

/** The bearer token of a request, if it sends one. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : header;
}

/** How a request is counted. */
export interface Buckets {
  /** The budget it spends: its key's, once verified, else its address's. */
  bucket: string;
  kind: 'key' | 'address';
  /**
   * For a token this process has not verified (wrong, revoked, or new): the address's small
   * budget for such tokens, spent as well, so that guessing keys meets a 429 quickly.
   */
  unverified?: string;
}

/**
 * The bucket a request counts against: its key (hashed: counters never hold secrets) when
 * `verified` says the key was checked, or its client address. IPv6 addresses count per /64,
 * the block one subscriber usually gets. A token nobody verified never picks its own bucket:
 * otherwise each guessed key would get a fresh budget.
 */
export function bucketOf(req: IncomingMessage, trustProxy: number, verified: (token: string) => boolean = () => false): Buckets {
  const token = bearerToken(req);
  if (token && verified(token)) return { bucket: `k:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`, kind: 'key' };
  const address = addressBlock(clientAddress(req, trustProxy));
  return { bucket: `a:${address}`, kind: 'address', ...(token ? { unverified: `u:${address}` } : {}) };
}

/** The caller's address: the socket's, or with N trusted proxies the one the outermost of them saw. */
export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy <= 0) return socketAddress;
  const forwarded = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (!hops.length) return socketAddress;
  return hops[Math.max(0, hops.length - trustProxy)]!;
}

function addressBlock(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
