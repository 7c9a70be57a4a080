/**
 * API keys as an attacker tries them: guessing keys is rate-limited by the address that guesses
 * (a fresh random key gets no fresh budget), and an unknown key id costs the same time as a known
 * id with a wrong secret, so the answer's timing does not tell which ids exist.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { post, startProductionServer, type ProductionServer } from './support.js';

let server: ProductionServer;
let key: { id: string; key: string };
beforeAll(async () => {
  server = await startProductionServer({
    RATE_LIMIT_WINDOW_SECONDS: '600',
    RATE_LIMIT_PER_ADDRESS: '1000',
    RATE_LIMIT_PER_KEY: '1000',
    RATE_LIMIT_UNVERIFIED_KEYS: '5',
    // Each test speaks from its own address (X-Forwarded-For through one trusted proxy).
    TRUST_PROXY: '1',
  });
  key = await createKey(server.running.prisma, { name: 'keys test', role: 'EDITOR' }, localOperator());
});
afterAll(() => server?.close());

const query = { query: '{ policy { horizonYear } }' };
const randomKey = (id = randomBytes(9).toString('hex').slice(0, 12)) => `vigia_${id}_${randomBytes(32).toString('base64url')}`;
const from = (address: string, bearer?: string) => ({ 'x-forwarded-for': address, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) });

describe('guessing keys', () => {
  it('meets a 429 after a small budget of keys that do not verify, however many different keys it tries', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post(server.graphqlUrl, query, from('203.0.113.7', randomKey()))).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const refused = await post(server.graphqlUrl, query, from('203.0.113.7', randomKey()));
    expect(refused.json.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    // The same address without a key is not punished for it.
    expect((await post(server.graphqlUrl, query, from('203.0.113.7'))).status).toBe(200);
  });

  it('counts a valid key against its own budget once verified, not against the guesses', async () => {
    const first = await post(server.graphqlUrl, query, from('198.51.100.1', key.key));
    expect(first.status).toBe(200);
    const second = await post(server.graphqlUrl, query, from('198.51.100.1', key.key));
    expect(second.status).toBe(200);
    expect(second.headers.get('ratelimit-limit')).toBe('1000');
    // Verified: many more requests than the unverified budget.
    for (let i = 0; i < 10; i++) expect((await post(server.graphqlUrl, query, from('198.51.100.1', key.key))).status).toBe(200);
  });
});

describe('timing', () => {
  it('answers an unknown key id as slowly as a known id with a wrong secret', async () => {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const unknown: number[] = [];
    const wrongSecret: number[] = [];
    // Interleaved, each from a fresh address, so load on the machine hits both alike.
    for (let i = 0; i < 12; i++) {
      const a = await post(server.graphqlUrl, query, from(`192.0.2.${2 * i + 1}`, randomKey()));
      const b = await post(server.graphqlUrl, query, from(`192.0.2.${2 * i + 2}`, randomKey(key.id)));
      expect([a.status, b.status]).toEqual([401, 401]);
      unknown.push(a.ms);
      wrongSecret.push(b.ms);
    }
    // Both pay one scrypt (tens of ms); before, an unknown id answered ~10x faster.
    expect(median(unknown) / median(wrongSecret)).toBeGreaterThan(0.5);
    expect(median(unknown) / median(wrongSecret)).toBeLessThan(2);
  });
});
