/**
 * Stateless processes: two servers on one PostgreSQL database and one Redis share the response
 * cache and the rate-limit counters; a write through one is read, fresh, through the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, resolveDatabaseTarget } from '@vigia/schema';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { createTestDatabase, postgresAvailable, skipMessage, type TestDatabase } from './support.js';
import { redisAvailable, redisUrl } from '../helpers/redis.js';

const redisUp = await redisAvailable();
const pgUp = await postgresAvailable();
if (!pgUp) console.warn(skipMessage);
if (!redisUp) console.warn(`Redis is not reachable at ${redisUrl}: the two-process suite is SKIPPED.`);

const serverDir = resolve(import.meta.dirname, '../../packages/server');

interface Process {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function startProcess(env: Record<string, string>): Promise<Process> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, ...env, PORT: '0', PERSISTED_OPERATIONS: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no URL:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = /serving (http:\/\/\S+)\/graphql/.exec(output);
      if (match) (clearTimeout(timer), done({ child, url: match[1]!.replace('localhost', '127.0.0.1'), output: () => output }));
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => fail(new Error(`exited with ${code}:\n${output}`)));
  });
}

async function stopProcess(p: Process | undefined) {
  if (!p || p.child.exitCode !== null) return;
  const exited = new Promise((done) => p.child.once('exit', done));
  p.child.kill('SIGTERM');
  await exited;
}

/** POST /graphql with the public host name a load balancer would pass on (answers are cached per origin). */
function gql(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; body: any }>((done, fail) => {
    const req = request(
      { host: hostname, port, path: '/graphql', method: 'POST', headers: { host: 'vigia.example', 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => done({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    req.on('error', fail);
    req.end(JSON.stringify({ query, variables }));
  });
}

async function hits(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('vigia_response_cache_requests_total{result="hit"} '));
  return line ? Number(line.split(' ')[1]) : 0;
}

describe.skipIf(!pgUp || !redisUp)('two server processes on one PostgreSQL and one Redis', () => {
  let db: TestDatabase;
  let a: Process | undefined;
  let b: Process | undefined;
  let editorKey: string;
  const env = () => ({
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `vigia-test-${randomBytes(4).toString('hex')}:`,
    RATE_LIMIT_WINDOW_SECONDS: '60',
    RATE_LIMIT_PER_KEY: '5',
    // No polling for writes: B learns of A's writes through the data version in Redis alone.
    DATA_CHANGE_POLL_MS: '0',
    LOG_LEVEL: 'warn',
  });

  beforeAll(async () => {
    db = await createTestDatabase('vigia_two_process');
    const shared = env();
    // The first start migrates and seeds; the second finds the database ready.
    a = await startProcess({ ...shared, LOG_LEVEL: 'info' });
    b = await startProcess({ ...shared, LOG_LEVEL: 'info' });
    const prisma = createPrismaClient(resolveDatabaseTarget(db.url));
    try {
      editorKey = (await createKey(prisma, { name: 'two-process test', role: 'EDITOR' }, localOperator())).key;
    } finally {
      await prisma.$disconnect();
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all([stopProcess(a), stopProcess(b)]);
    await db?.drop();
  });

  it('both are ready: database and Redis up', async () => {
    for (const p of [a!, b!]) {
      const res = await fetch(`${p.url}/ready`);
      expect(await res.json()).toEqual({ status: 'ready', database: 'up', redis: 'up' });
    }
  });

  it('share one response cache: an answer cached through B is a hit through A', async () => {
    const query = '{ regions(focus: true) { name coordinationSpaceSummary { total } } }';
    const before = await hits(a!.url);
    const fromB = await gql(b!.url, query);
    const fromA = await gql(a!.url, query);
    expect(fromA.body).toEqual(fromB.body);
    expect(await hits(a!.url)).toBe(before + 1);
  });

  it('a write through A is read, fresh, through B (whose answer was cached)', async () => {
    const read = '{ service(number: 20) { results { year achieved } } }';
    const achieved = async (url: string) => (await gql(url, read)).body.data.service.results.find((r: any) => r.year === 2023).achieved as number;
    const old = await achieved(b!.url);
    expect(await achieved(b!.url)).toBe(old);
    const write = await gql(
      a!.url,
      'mutation ($input: UpsertServiceResultInput!) { upsertServiceResult(input: $input) { service { number } } }',
      { input: { serviceNumber: 20, year: 2023, achieved: old + 11 } },
      { authorization: `Bearer ${editorKey}` },
    );
    expect(write.body.errors).toBeUndefined();
    expect(await achieved(b!.url)).toBe(old + 11);
  });

  it('share the rate-limit budget of a key across processes', async () => {
    const prisma = createPrismaClient(resolveDatabaseTarget(db.url));
    let key: string;
    try {
      key = (await createKey(prisma, { name: 'rate-limit test', role: 'VIEWER' }, localOperator())).key;
    } finally {
      await prisma.$disconnect();
    }
    const auth = { authorization: `Bearer ${key}` };
    // Each process verifies the key on its first request (counted against the address, as any key
    // it has not verified); from then on the key's own budget is shared through Redis.
    for (const p of [a!, b!]) expect((await gql(p.url, '{ policy { name } }', {}, auth)).status).toBe(200);
    const statuses = [];
    for (const p of [a!, b!, a!, b!, a!, b!]) statuses.push((await gql(p.url, '{ policy { name } }', {}, auth)).status);
    // 5 per window in all, wherever they land: the 6th is refused.
    expect(statuses.slice(0, 5).includes(429)).toBe(false);
    expect(statuses[5]).toBe(429);
  });
});

describe.skipIf(!pgUp)('PostgreSQL: migrations and seed on a fresh database', () => {
  it('`pnpm start` migrates and seeds an empty PostgreSQL database, then serves it', async () => {
    const db = await createTestDatabase('vigia_start');
    let p: Process | undefined;
    try {
      p = await startProcess({ DATABASE_URL: db.url, LOG_LEVEL: 'info' });
      expect(p.output()).toMatch(/Applied migrations: \d+_init/);
      expect(p.output()).toMatch(/Seeded the new database/);
      expect(p.output()).toMatch(/"database":"postgresql"/);
      const r = await gql(p.url, '{ coordinationSpaceSummary { regional local total } region(code: "PUNO") { code } }');
      expect(r.body.data).toEqual({ coordinationSpaceSummary: { regional: 5, local: 18, total: 23 }, region: { code: '21' } });
    } finally {
      await stopProcess(p);
      await db.drop();
    }
  });
});

