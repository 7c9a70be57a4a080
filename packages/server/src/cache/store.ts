/**
 * Where cached GraphQL answers live: in this process's memory (default) or in Redis, shared by
 * every server process (REDIS_URL). Both can forget everything at once (`purge`), which is how
 * a write empties the cache: writes are rare, and the answers that depend on a changed figure
 * (counts, summaries, cards) are easier to name all at once than one by one.
 */
import { createInMemoryCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.js';

export interface ResponseStore extends Cache {
  /** Forgets every cached answer (in every process, for Redis). */
  purge(): Promise<void>;
  readonly kind: 'memory' | 'redis';
}

/**
 * A cached answer carries its own serializer with the JSON text computed once, so a hit costs
 * no JSON.stringify (yoga calls `result.stringify` when present). The `http` extension holds
 * response headers and is never part of the body, as in yoga's own serializer.
 */
function withSerializedBody(result: ExecutionResult): ExecutionResult {
  let body: string | undefined;
  const stringify = (value: ExecutionResult) => {
    if (value !== result && !isCopyOf(value, result)) return plainJson(value);
    body ??= plainJson(result);
    return body;
  };
  return Object.assign(result, { stringify });
}

/** `a` is `b` as yoga hands it to the serializer: a copy without the `http` extension. */
function isCopyOf(a: ExecutionResult, b: ExecutionResult): boolean {
  if (a.data !== b.data || a.errors !== b.errors) return false;
  const keys = (x: ExecutionResult) => Object.keys(x.extensions ?? {}).filter((k) => k !== 'http');
  const [ka, kb] = [keys(a), keys(b)];
  return ka.length === kb.length && ka.every((k) => a.extensions![k] === b.extensions?.[k]);
}

export function plainJson(result: ExecutionResult): string {
  const { stringify: _, extensions, ...rest } = result as ExecutionResult & { stringify?: unknown };
  const { http: __, ...kept } = (extensions ?? {}) as Record<string, unknown>;
  return JSON.stringify(Object.keys(kept).length ? { ...rest, extensions: kept } : rest);
}

export function memoryStore(maxEntries: number): ResponseStore {
  let inner = createInMemoryCache({ max: maxEntries });
  return {
    kind: 'memory',
    get: (id) => inner.get(id) as ReturnType<Cache['get']>,
    set: (id, data, entities, ttl) => inner.set(id, withSerializedBody(data), entities, ttl),
    invalidate: (entities) => inner.invalidate(entities),
    purge: async () => {
      inner = createInMemoryCache({ max: maxEntries });
    },
  };
}

/**
 * Redis layout under `<prefix>rc:`: `r:<key>` holds an answer as JSON with its TTL; `e:<Type>`
 * and `e:<Type>:<id>` are sets of the answer keys that contain that entity (for yoga's entity
 * invalidation); `i` orders the answer keys by when they were stored, so that at most
 * `maxEntries` answers are kept (the oldest go first), as in the memory store: one entry per
 * distinct variables must not grow Redis without bound. Redis errors never fail a request: a
 * failed read is a miss.
 */
export function redisStore(redis: Redis, prefix: string, maxTtlMs: number, logger: Logger, maxEntries = 5000): ResponseStore {
  const base = `${prefix}rc:`;
  const responseKey = (id: string) => `${base}r:${id}`;
  const entityKey = (typename: string, id?: string | number) => (id === undefined ? `${base}e:${typename}` : `${base}e:${typename}:${id}`);
  const indexKey = `${base}i`;
  const warn = (what: string) => (error: unknown) => logger.warn({ err: error }, `Redis response cache: ${what} failed`);
  /** Drops the `count` oldest answers (ZPOPMIN is atomic: two processes never evict the same twice). */
  const evict = async (count: number) => {
    const popped = await redis.zpopmin(indexKey, count);
    const ids = popped.filter((_, i) => i % 2 === 0);
    if (ids.length) await redis.unlink(...ids.map(responseKey));
  };
  const read = async (id: string): Promise<ExecutionResult | null> => {
    try {
      const raw = await redis.get(responseKey(id));
      return raw == null ? null : (JSON.parse(raw) as ExecutionResult);
    } catch (error) {
      warn('read')(error);
      return null;
    }
  };

  return {
    kind: 'redis',
    get: read,
    async set(id, data, entities, ttl) {
      const px = Math.max(1, Math.min(Number.isFinite(ttl) ? ttl : maxTtlMs, maxTtlMs));
      const multi = redis.multi().set(responseKey(id), JSON.stringify(data), 'PX', px);
      for (const { typename, id: entityId } of entities) {
        for (const key of entityId === undefined ? [entityKey(typename)] : [entityKey(typename), entityKey(typename, entityId)]) {
          // An entity set lives as long as the longest answer it can point at.
          multi.sadd(key, id).pexpire(key, maxTtlMs);
        }
      }
      const now = Date.now();
      // Index the answer; forget index entries whose answers have expired anyway.
      multi.zadd(indexKey, now, id).zremrangebyscore(indexKey, '-inf', now - maxTtlMs).pexpire(indexKey, maxTtlMs).zcard(indexKey);
      const replies = await multi.exec().catch(warn('write'));
      const count = Number(replies?.at(-1)?.[1] ?? 0);
      if (count > maxEntries) await evict(count - maxEntries).catch(warn('eviction'));
    },
    async invalidate(entities) {
      try {
        const keys = [...entities].map(({ typename, id }) => entityKey(typename, id));
        if (!keys.length) return;
        const members = await Promise.all(keys.map((key) => redis.smembers(key)));
        const doomed = [...new Set(members.flat())].map(responseKey);
        await redis.unlink(...keys, ...doomed);
      } catch (error) {
        warn('invalidation')(error);
      }
    },
    async purge() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${base}*`, 'COUNT', 1000);
        if (keys.length) await redis.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    },
  };
}
