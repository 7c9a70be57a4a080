/**
 * The Redis response cache keeps at most RESPONSE_CACHE_MAX_ENTRIES answers, as the memory one
 * does: a stream of distinct variables (one entry each) must not grow Redis without bound.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startProductionServer, type ProductionServer } from './support.js';
import { redisAvailable, redisUrl } from '../helpers/redis.js';

const redisUp = await redisAvailable();
if (!redisUp) console.warn(`Redis is not reachable at ${redisUrl}: the Redis response-cache bound test is SKIPPED.`);

describe.skipIf(!redisUp)('Redis response cache', () => {
  const prefix = `vigia-test-${randomBytes(4).toString('hex')}:`;
  let server: ProductionServer;
  let redis: Redis;
  beforeAll(async () => {
    server = await startProductionServer({ REDIS_URL: redisUrl, REDIS_PREFIX: prefix, RESPONSE_CACHE_MAX_ENTRIES: '5' });
    redis = new Redis(redisUrl);
  });
  afterAll(async () => {
    await server?.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('keeps at most RESPONSE_CACHE_MAX_ENTRIES answers, however many distinct variables are asked', async () => {
    const query = 'query Card($code: String!) { region(code: $code) { name } }';
    for (let i = 0; i < 20; i++) {
      const r = await post(server.graphqlUrl, { query, variables: { code: `nowhere-${i}` } });
      expect(r.status).toBe(200);
    }
    // Yoga stores an answer after sending it: wait (bounded) for the last writes to land.
    let answers: string[] = [];
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((done) => setTimeout(done, 100))) {
      answers = await redis.keys(`${prefix}rc:r:*`);
      if (answers.length > 0 && answers.length <= 5 && (await redis.zcard(`${prefix}rc:i`)) <= 5) break;
    }
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.length).toBeLessThanOrEqual(5);
    // The newest answers are the ones kept: the last one asked is a hit.
    const hitsBefore = await redis.keys(`${prefix}rc:r:*`);
    const again = await post(server.graphqlUrl, { query, variables: { code: 'nowhere-19' } });
    expect(again.status).toBe(200);
    expect(await redis.keys(`${prefix}rc:r:*`)).toEqual(expect.arrayContaining(hitsBefore));
  });
});
