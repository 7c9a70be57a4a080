/**
 * `Subscription.dataChanged` over Server-Sent Events: every write — a mutation in any process,
 * a CLI import, a seed — reaches subscribers within 2 s, one event per change naming what
 * changed; the same limits as queries, a cap on streams per client address, heartbeats that
 * the request timeouts do not cut, and streams that complete when the server shuts down.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, resolveDatabaseTarget, type PrismaClient } from '@vigia/schema';
import { startServer, type RunningServer } from '@vigia/server';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { gql } from '../helpers/graphql.js';
import { redisAvailable, redisUrl } from '../helpers/redis.js';
import { createTestDatabase, postgresAvailable, skipMessage, type TestDatabase } from '../postgres/support.js';
import { vigia } from '../write/support.js';
import { DATA_CHANGED, startProcess, subscribe, until, type ServerProcess, type Stream } from './support.js';

const RESULT = (achieved: number) => `mutation { upsertServiceResult(input: { serviceNumber: 4, year: 2024, achieved: ${achieved} }) { service { number } } }`;

async function start(env: Record<string, string> = {}): Promise<{ server: RunningServer; dir: string; admin: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-live-'));
  // The widgets' manifest is not what these tests are about (tests/live/widget-live.test.ts uses it).
  const server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: `file:${join(dir, 'vigia.db')}`, env: { PERSISTED_OPERATIONS: 'off', ...env } });
  const admin = (await createKey(server.prisma, { name: 'Live tests (admin)', role: 'ADMIN' }, localOperator())).key;
  return { server, dir, admin };
}

describe('dataChanged on one server (SQLite)', () => {
  let server: RunningServer;
  let dir: string;
  let admin: string;
  const open: Stream[] = [];
  const stream = async (options?: Parameters<typeof subscribe>[1]) => {
    const s = await subscribe(server.graphqlUrl, options);
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    ({ server, dir, admin } = await start({
      SUBSCRIPTION_HEARTBEAT_MS: '200',
      // The shortest request timeouts there are: a stream must outlive them.
      REQUEST_TIMEOUT_MS: '1000',
      SUBSCRIPTION_MAX_STREAMS_PER_CLIENT: '3',
    }));
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a mutation sends one event with the data version, the time and what changed — and only one', async () => {
    const s = await stream();
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(s.headers['cache-control']).toBe('no-store');
    await until(() => s.comments > 0, 2000, 'the first comment');
    const before = (await gql(server.graphqlUrl, '{ __typename }')).status;
    expect(before).toBe(200);
    const sent = performance.now();
    const write = await gql(server.graphqlUrl, RESULT(41), {}, { authorization: `Bearer ${admin}` });
    const answered = performance.now();
    expect(write.errors).toBeUndefined();
    const [event] = await until(() => (s.results.length ? s.results : null), 2000, 'dataChanged');
    // Within 2 s of the write's commit (its answer); on a busy machine the mutation itself may take a while.
    expect(s.events[0]!.at - answered).toBeLessThan(2000);
    console.info(`live: mutation sent → event, same process: ${Math.round(s.events[0]!.at - sent)} ms (the mutation's answer came after ${Math.round(answered - sent)} ms)`);
    const change = event.data.dataChanged;
    expect(change.datasets).toEqual(['service-results']);
    const { _max } = await server.prisma.auditEntry.aggregate({ _max: { id: true } });
    expect(change.version).toBe(_max.id);
    expect(Math.abs(Date.parse(change.at) - Date.now())).toBeLessThan(5000);
    // The data watch polls every second and sees the same audit entry: still one event.
    await new Promise((r) => setTimeout(r, 1500));
    expect(s.results).toHaveLength(1);
    s.close();
  });

  it('an indicator names its dataset; writes that change no public data (a webhook, an API key) send nothing', async () => {
    const s = await stream();
    const hook = await gql(
      server.graphqlUrl,
      'mutation { createWebhook(input: { url: "https://portal.example/hook", datasets: [] }) { webhook { id } } }',
      {},
      { authorization: `Bearer ${admin}` },
    );
    expect(hook.errors).toBeUndefined();
    await createKey(server.prisma, { name: 'Another portal', role: 'VIEWER' }, localOperator());
    const write = await gql(server.graphqlUrl, 'mutation { upsertIndicator(input: { key: "police-trained-puno", value: 421 }) { indicator { value } } }', {}, {
      authorization: `Bearer ${admin}`,
    });
    expect(write.errors).toBeUndefined();
    const results = await until(() => (s.results.length ? s.results : null), 2000, 'dataChanged');
    // Wait out a poll of the data watch: the webhook and the key never make an event of their own.
    await new Promise((r) => setTimeout(r, 1500));
    expect(results.map((r) => r.data.dataChanged.datasets)).toEqual([['police-officers-trained-2021-2023']]);
    s.close();
  });

  it('a CLI import reaches the subscriber within 2 s of the command', async () => {
    const s = await stream();
    const csv = await (await fetch(`${server.url}/data/police-officers-trained-2021-2023.csv`)).text();
    expect(csv).toContain('police-trained-cusco');
    const file = join(dir, 'training.csv');
    writeFileSync(file, csv.replace(/(police-trained-cusco,[^\n]*?,)370,/, '$1371,'));
    const imported = await vigia(['import', file], { DATABASE_URL: `file:${join(dir, 'vigia.db')}` });
    const done = performance.now();
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/1 (updated|changed)/);
    const [event] = await until(() => (s.results.length ? s.results : null), 2000, 'dataChanged after the import');
    expect(s.events.find((e) => e.event === 'next')!.at - done).toBeLessThan(2000);
    console.info(`live: CLI import → event (SQLite, poll): ${Math.round(s.events.find((e) => e.event === 'next')!.at - done)} ms after the command exited`);
    expect(event.data.dataChanged.datasets).toEqual(['police-officers-trained-2021-2023']);
    s.close();
  });

  it('a seed reaches the subscriber within 2 s, naming every key', async () => {
    const s = await stream();
    const seeded = await vigiaSeed(join(dir, 'vigia.db'));
    const done = performance.now();
    expect(seeded.code, seeded.stderr).toBe(0);
    const [event] = await until(() => (s.results.length ? s.results : null), 2000, 'dataChanged after the seed');
    expect(s.events.find((e) => e.event === 'next')!.at - done).toBeLessThan(2000);
    expect(event.data.dataChanged.datasets).toEqual(expect.arrayContaining(['coordination-spaces', 'service-results', 'police-officers-trained-2021-2023']));
    s.close();
  });

  it('sends a heartbeat every SUBSCRIPTION_HEARTBEAT_MS, and the request timeouts (1 s) do not cut the stream', async () => {
    const s = await stream();
    await until(() => s.comments >= 8, 4000, '8 heartbeats');
    // Over 1.6 s at 200 ms: the request and headers timeouts (REQUEST_TIMEOUT_MS=1000) have passed.
    expect(s.isEnded()).toBe(false);
    const events = s.events.length;
    await gql(server.graphqlUrl, RESULT(42), {}, { authorization: `Bearer ${admin}` });
    await until(() => s.events.length > events, 2000, 'an event on the old stream');
    s.close();
  });

  it('caps open streams per client address (429 TOO_MANY_STREAMS), and frees a slot when a stream closes', async () => {
    const three = [await stream(), await stream(), await stream()];
    expect(three.map((s) => s.status)).toEqual([200, 200, 200]);
    const fourth = await stream();
    expect(fourth.status).toBe(429);
    expect(fourth.headers['retry-after']).toBe('5');
    await fourth.ended;
    const refusal = fourth.results[0];
    expect(refusal.errors[0].extensions.code).toBe('TOO_MANY_STREAMS');
    expect(refusal.errors[0].message).toMatch(/at most 3/);
    expect(JSON.stringify(refusal)).not.toContain('"http"');
    three[0]!.close();
    await three[0]!.ended;
    const replacement = await untilAsync(async () => {
      const s = await stream();
      if (s.status === 200) return s;
      s.close();
      return null;
    }, 2000, 'a free slot');
    expect(replacement.status).toBe(200);
    for (const s of [...three, replacement]) s.close();
  });

  it('is never answered from the response cache: the same subscription streams again, over GET or a JSON POST', async () => {
    const first = await stream();
    const second = await stream({ method: 'POST' });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers['content-type']).toMatch(/^text\/event-stream/);
    // Asked for JSON, a stream cannot be answered: 406, never a stored answer.
    const json = await fetch(`${server.graphqlUrl}?query=${encodeURIComponent(DATA_CHANGED)}`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(406);
    await gql(server.graphqlUrl, RESULT(43), {}, { authorization: `Bearer ${admin}` });
    await until(() => first.results.length && second.results.length, 2000, 'both streams');
    expect(first.results[0]).toEqual(second.results[0]);
    // A third time (graphql-jit compiles documents from their second sighting; subscriptions stay interpreted).
    const third = await stream();
    expect(third.status).toBe(200);
    for (const s of [first, second, third]) s.close();
  });

  it('refuses a text/plain POST (CSRF), as for every operation', async () => {
    const res = await fetch(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'text/plain', accept: 'text/event-stream' }, body: JSON.stringify({ query: DATA_CHANGED }) });
    expect(res.status).toBe(403);
  });
});

async function untilAsync<T>(check: () => Promise<T | null>, timeoutMs: number, what: string): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `pnpm db:seed` on a database file. */
async function vigiaSeed(file: string) {
  const { spawn } = await import('node:child_process');
  const { root } = await import('./support.js');
  const child = spawn('pnpm', ['--silent', 'db:seed'], { cwd: root, env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => child.once('close', (code) => done({ code: code ?? -1, stdout, stderr })));
}

describe('subscriptions obey the limits of queries', () => {
  let server: RunningServer;
  let dir: string;
  beforeAll(async () => {
    ({ server, dir } = await start({ MAX_DEPTH: '1', MAX_ALIASES: '0', RATE_LIMIT_WINDOW_SECONDS: '60', RATE_LIMIT_PER_ADDRESS: '4' }));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a document too deep or with aliases before any stream opens, then rate-limits the address', async () => {
    const deep = await subscribe(server.graphqlUrl);
    await deep.ended;
    expect(deep.status).toBe(400);
    expect(deep.results[0].errors[0].extensions.code).toBe('DEPTH_LIMIT_EXCEEDED');
    const aliased = await subscribe(server.graphqlUrl, { query: 'subscription { change: dataChanged { __typename } }' });
    await aliased.ended;
    expect(aliased.status).toBe(400);
    expect(aliased.results[0].errors.map((e: any) => e.extensions.code)).toContain('ALIAS_LIMIT_EXCEEDED');
    // RATE_LIMIT_PER_ADDRESS=4: two more requests, then a 429 before the subscription is even read.
    for (let i = 0; i < 2; i++) await (await subscribe(server.graphqlUrl)).ended;
    const limited = await subscribe(server.graphqlUrl);
    await limited.ended;
    expect(limited.status).toBe(429);
  });
});

describe('subscriptions as persisted operations', () => {
  it('with PERSISTED_OPERATIONS_ONLY, anonymous callers subscribe by documentId; a document sent as text is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigia-live-'));
    const manifest = join(dir, 'operations.json');
    const hash = createHash('sha256').update(DATA_CHANGED).digest('hex');
    writeFileSync(manifest, JSON.stringify({ [hash]: DATA_CHANGED }));
    const { server } = await start({ PERSISTED_OPERATIONS: manifest, PERSISTED_OPERATIONS_ONLY: 'true' });
    try {
      const byHash = await subscribe(server.graphqlUrl, { documentId: `sha256:${hash}` });
      expect(byHash.status).toBe(200);
      const byText = await subscribe(server.graphqlUrl);
      await byText.ended;
      expect(byText.status).toBe(403);
      expect(byText.results[0].errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
      byHash.close();
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const pgUp = await postgresAvailable();
const redisUp = await redisAvailable();
if (!pgUp) console.warn(skipMessage);
if (!redisUp) console.warn(`Redis is not reachable at ${redisUrl}: the live two-process suite (PostgreSQL + Redis) is SKIPPED.`);

describe.skipIf(!pgUp || !redisUp)('dataChanged across server processes (PostgreSQL + Redis)', () => {
  let db: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let prisma: PrismaClient;
  let admin: string;
  const prefix = `vigia-live-${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    db = await createTestDatabase('vigia_live');
    const env = { DATABASE_URL: db.url, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, SUBSCRIPTION_HEARTBEAT_MS: '500' };
    // A first, alone, so it migrates and seeds the new database; then B.
    // A does not poll: only Redis can tell it of B's writes.
    a = await startProcess({ ...env, DATA_CHANGE_POLL_MS: '0' });
    b = await startProcess(env);
    prisma = createPrismaClient(resolveDatabaseTarget(db.url));
    admin = (await createKey(prisma, { name: 'Live tests (admin)', role: 'ADMIN' }, localOperator())).key;
  }, 120_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await prisma?.$disconnect();
    await db?.drop();
  });

  it('a mutation through one process reaches subscribers of both within 2 s, once each', async () => {
    const onA = await subscribe(`${a.url}/graphql`);
    const onB = await subscribe(`${b.url}/graphql`);
    await until(() => onA.comments && onB.comments, 5000, 'both streams open');
    const sent = performance.now();
    const write = await gql(`${b.url}/graphql`, RESULT(51), {}, { authorization: `Bearer ${admin}` });
    const answered = performance.now();
    expect(write.errors).toBeUndefined();
    await until(() => onA.results.length && onB.results.length, 2000, 'dataChanged on both processes');
    const arrivedA = onA.events.find((e) => e.event === 'next')!.at;
    expect(arrivedA - answered).toBeLessThan(2000);
    console.info(`live: mutation through B → event on A (PostgreSQL + Redis): ${Math.round(arrivedA - answered)} ms after B answered (${Math.round(answered - sent)} ms for the mutation)`);
    const changeA = onA.results[0].data.dataChanged;
    expect(changeA).toEqual(onB.results[0].data.dataChanged);
    expect(changeA.datasets).toEqual(['service-results']);
    // A re-reads through A and gets the new figure at once.
    const read = await gql(`${a.url}/graphql`, '{ services { number results { year achieved } } }');
    expect(read.data.services.find((s: any) => s.number === 4).results.find((r: any) => r.year === 2024).achieved).toBe(51);

    const second = await gql(`${a.url}/graphql`, RESULT(52), {}, { authorization: `Bearer ${admin}` });
    expect(second.errors).toBeUndefined();
    await until(() => onA.results.length >= 2 && onB.results.length >= 2, 2000, 'the second change on both');
    await new Promise((r) => setTimeout(r, 1500));
    expect(onA.results.map((r) => r.data.dataChanged.version)).toEqual(onB.results.map((r) => r.data.dataChanged.version));
    expect(onA.results).toHaveLength(2);
    const [v1, v2] = onA.results.map((r) => r.data.dataChanged.version);
    expect(v2).toBeGreaterThan(v1);
    onA.close();
    onB.close();
  });

  it('a process with open streams completes them and exits promptly on SIGTERM', async () => {
    const s = await subscribe(`${b.url}/graphql`);
    await until(() => s.comments, 5000, 'the stream open');
    const { code, ms } = await b.stop();
    await s.ended;
    expect(s.events.at(-1)?.event).toBe('complete');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(3000);
  });
  it('a CLI import with REDIS_URL reaches a process that does not poll (the only one left), within 2 s', async () => {
    const s = await subscribe(`${a.url}/graphql`);
    await until(() => s.comments, 5000, 'the stream open');
    const csv = await (await fetch(`${a.url}/data/police-officers-trained-2021-2023.csv`)).text();
    const dir = mkdtempSync(join(tmpdir(), 'vigia-live-'));
    try {
      const file = join(dir, 'training.csv');
      writeFileSync(file, csv.replace(/(police-trained-moquegua,[^\n]*?,)250,/, '$1251,'));
      const imported = await vigia(['import', file], { DATABASE_URL: db.url, REDIS_URL: redisUrl, REDIS_PREFIX: prefix });
      const done = performance.now();
      expect(imported.code, imported.stderr).toBe(0);
      const [event] = await until(() => (s.results.length ? s.results : null), 2000, 'dataChanged after the import');
      expect(s.events.find((e) => e.event === 'next')!.at - done).toBeLessThan(2000);
      console.info(`live: CLI import → event on A (Redis, no poll): ${Math.round(s.events.find((e) => e.event === 'next')!.at - done)} ms after the command exited`);
      expect(event.data.dataChanged.datasets).toEqual(['police-officers-trained-2021-2023']);
    } finally {
      s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

});

describe('shutdown', () => {
  it('completes every open stream and closes in well under SHUTDOWN_TIMEOUT_MS', async () => {
    const { server, dir } = await start();
    try {
      const streams = [await subscribe(server.graphqlUrl), await subscribe(server.graphqlUrl, { method: 'POST' })];
      await until(() => streams.every((s) => s.comments > 0), 2000, 'streams open');
      const started = performance.now();
      await server.close();
      const ms = performance.now() - started;
      await Promise.all(streams.map((s) => s.ended));
      for (const s of streams) expect(s.events.at(-1)?.event).toBe('complete');
      expect(ms).toBeLessThan(2000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
