/** Rate limits, request ids and JSON logs, /ready, /metrics, and a graceful shutdown. */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { post, startProductionServer, type ProductionServer } from './support.js';
import { createTestDatabase } from '../postgres/support.js';

let limited: ProductionServer;
let server: ProductionServer;
beforeAll(async () => {
  [limited, server] = await Promise.all([
    startProductionServer({ RATE_LIMIT_WINDOW_SECONDS: '60', RATE_LIMIT_PER_ADDRESS: '5', RATE_LIMIT_PER_KEY: '3', TRUST_PROXY: '1' }),
    startProductionServer(),
  ]);
});
afterAll(() => Promise.all([limited?.close(), server?.close()]));

describe('rate limits', () => {
  it('refuses the 6th request of an address in the window with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await fetch(`${limited.graphqlUrl}?query=${encodeURIComponent('{ policy { horizonYear } }')}`);
      statuses.push(last.status);
      if (i < 5) expect(last.headers.get('ratelimit-remaining')).toBe(String(4 - i));
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const retryAfter = Number(last!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = await last!.json();
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0].message).toMatch(/the limit is 5 per 60 s\. Retry after \d+ s/);
  });

  it('counts an API key on its own budget once the key is verified', async () => {
    const { key } = await createKey(limited.running.prisma, { name: 'rate limit test', role: 'VIEWER' }, localOperator());
    // From an address of its own (one trusted proxy), so the address budget spent above does not interfere.
    const headers = { authorization: `Bearer ${key}`, 'x-forwarded-for': '198.51.100.9' };
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(limited.graphqlUrl, { query: '{ policy { name } }' }, headers)).status);
    // The first request verifies the key (counted against the address); then 3 on the key's budget, the 5th over it.
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const text = await (await fetch(`${limited.url}/metrics`)).text();
    expect(text).toMatch(/vigia_rate_limited_total\{bucket="address"\} 1/);
    expect(text).toMatch(/vigia_rate_limited_total\{bucket="key"\} 1/);
  });
});

describe('request ids, logs, readiness and metrics', () => {
  it('echoes a sane X-Request-Id, makes one otherwise, and logs a JSON line per request with it', async () => {
    const res = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'lb-1234' } });
    expect(res.headers.get('x-request-id')).toBe('lb-1234');
    const made = await fetch(`${server.url}/data/police-officers-trained-2021-2023.csv`, { headers: { 'x-request-id': 'bad id with spaces' } });
    const id = made.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((done) => setTimeout(done, 50));
    const line = server.logs.find((l) => l.reqId === id);
    expect(line).toMatchObject({ msg: 'request', level: 'info', method: 'GET', path: '/data/police-officers-trained-2021-2023.csv', status: 200 });
    expect(typeof line!.ms).toBe('number');
  });

  it('GET /ready answers 200 when the database answers (Redis not configured)', async () => {
    const res = await fetch(`${server.url}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: 'up', redis: 'not configured' });
  });

  it('GET /metrics serves Prometheus text with requests, latency by operation, errors, cache and process metrics', async () => {
    await post(server.graphqlUrl, { query: 'query RegionCard { region(code: "tacna") { name } }', operationName: 'RegionCard' });
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/vigia_http_requests_total\{route="graphql",method="POST",status="200"\} \d+/);
    expect(text).toMatch(/vigia_graphql_operation_duration_seconds_bucket\{le="0\.01",operation="RegionCard",type="query"\} \d+/);
    expect(text).toMatch(/vigia_response_cache_requests_total\{result="miss"\} \d+/);
    expect(text).toMatch(/vigia_process_resident_memory_bytes \d+/);
  });
});

describe('graceful shutdown', () => {
  const root = resolve(import.meta.dirname, '../..');
  const dir = mkdtempSync(join(tmpdir(), 'vigia-shutdown-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on SIGTERM stops accepting, finishes the request in flight, then exits 0', async () => {
    // The server process itself (what a container runs), so the signal reaches it alone.
    const postgres = process.env.VIGIA_TEST_DATABASE === 'postgresql' ? await createTestDatabase() : undefined;
    onTestFinished(() => postgres?.drop());
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: join(root, 'packages/server'),
      env: { ...process.env, PORT: '0', DATABASE_URL: postgres?.url ?? `file:${join(dir, 'vigia.db')}`, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL:\n${output}`)), 45_000);
      const read = (chunk: Buffer) => {
        output += chunk;
        const match = /serving (http:\/\/\S+)\/graphql/.exec(output);
        if (match) (clearTimeout(timer), done(match[1]!));
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
    });
    const exited = new Promise<number | null>((done) => child.once('exit', done));

    // A request in flight: headers and half its body sent, the rest after SIGTERM.
    const body = JSON.stringify({ query: '{ policy { horizonYear } }' });
    const { port } = new URL(url);
    const answer = new Promise<{ status: number; text: string }>((done, fail) => {
      const req = request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => done({ status: res.statusCode!, text }));
      });
      req.on('error', fail);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 100);
    });
    const { status, text } = await answer;
    expect(status).toBe(200);
    expect(JSON.parse(text).data.policy.horizonYear).toBe(2030);
    expect(await exited).toBe(0);
    expect(output).toMatch(/"msg":"Shutting down: no new connections, finishing the requests in flight"/);
    expect(output).toMatch(/"msg":"Stopped"/);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});

describe('when Redis is down', () => {
  it('still answers (cache misses, rate limits fail open) and /ready says 503', async () => {
    const down = await startProductionServer({ REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_WINDOW_SECONDS: '60', RATE_LIMIT_PER_ADDRESS: '2' });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await post(down.graphqlUrl, { query: '{ policy { horizonYear } }' })).status);
      expect(statuses).toEqual([200, 200, 200, 200]);
      const ready = await fetch(`${down.url}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', database: 'up', redis: 'down' });
      expect(down.logs.some((l) => l.level === 'error' && /Redis is not reachable/.test(String(l.msg)))).toBe(true);
    } finally {
      await down.close();
    }
  });
});
