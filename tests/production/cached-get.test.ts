/**
 * The GET widgets and embeds send, answered from the response cache before yoga (http/fast-path.ts):
 * every HTTP step still applies to it — request id, CORS, rate limit, request log, metrics — and
 * its headers are the ones yoga gave the miss. And the server's own logger: lines reach stdout in
 * batches, promptly, and none is lost when the process exits.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { metric, startProductionServer, type ProductionServer } from './support.js';

let server: ProductionServer;
let limited: ProductionServer;
beforeAll(async () => {
  [server, limited] = await Promise.all([
    startProductionServer({ HTTP_CACHE_MAX_AGE_SECONDS: '60', RATE_LIMIT_WINDOW_SECONDS: '60', RATE_LIMIT_PER_ADDRESS: '1000' }),
    startProductionServer({ RATE_LIMIT_WINDOW_SECONDS: '60', RATE_LIMIT_PER_ADDRESS: '3' }),
  ]);
});
afterAll(() => Promise.all([server?.close(), limited?.close()]));

const getUrl = (base: string, query: string) => `${base}?query=${encodeURIComponent(query)}`;

describe('a cached GET answered before yoga', () => {
  const url = () => getUrl(server.graphqlUrl, 'query FocusSlugs { regions(focus: true) { slug } }');

  it("carries every step's headers, and the same caching headers as the miss", async () => {
    const hitsBefore = await metric(server.url, 'vigia_response_cache_requests_total{result="hit"}');
    const miss = await fetch(url());
    const hit = await fetch(url(), { headers: { 'x-request-id': 'partner-page-7' } });
    expect(await metric(server.url, 'vigia_response_cache_requests_total{result="hit"}')).toBe(hitsBefore + 1);
    expect(await hit.text()).toBe(await miss.text());
    expect(hit.headers.get('x-request-id')).toBe('partner-page-7');
    expect(miss.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    for (const name of ['content-type', 'cache-control', 'etag', 'vary', 'access-control-allow-origin', 'access-control-expose-headers', 'ratelimit-limit']) {
      expect(hit.headers.get(name), name).toBe(miss.headers.get(name));
      expect(hit.headers.get(name), name).toBeTruthy();
    }
    expect(Number(hit.headers.get('ratelimit-remaining'))).toBe(Number(miss.headers.get('ratelimit-remaining')) - 1);
    expect(Number(hit.headers.get('ratelimit-reset'))).toBeGreaterThan(0);

    const notModified = await fetch(url(), { headers: { 'if-none-match': miss.headers.get('etag')! } });
    expect(notModified.status).toBe(304);
    for (const name of ['x-request-id', 'etag', 'cache-control', 'access-control-allow-origin', 'ratelimit-remaining']) expect(notModified.headers.get(name), name).toBeTruthy();
  });

  it('writes its request line with the fields of any request line', async () => {
    await fetch(url());
    const hit = await fetch(url());
    const id = hit.headers.get('x-request-id');
    const line = await vi.waitFor(() => {
      const found = server.logs.find((l) => l.reqId === id);
      if (!found) throw new Error(`no request line for ${id} yet`);
      return found;
    });
    expect(line).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: '/graphql', status: 200, operation: 'FocusSlugs', cache: 'hit', client: '127.0.0.1' });
    expect(typeof line.ms).toBe('number');
    expect(line.cost).toBeGreaterThan(0);
  });

  it('is counted in the metrics: requests by route, method and status; latency by route and operation', async () => {
    await fetch(url());
    const samples = [
      'vigia_http_requests_total{route="graphql",method="GET",status="200"}',
      'vigia_http_request_duration_seconds_count{route="graphql"}',
      'vigia_graphql_operation_duration_seconds_count{operation="FocusSlugs",type="query"}',
      'vigia_response_cache_requests_total{result="hit"}',
    ];
    const before = await Promise.all(samples.map((s) => metric(server.url, s)));
    await fetch(url());
    // Counted when the response closes, a moment after the client has it.
    await vi.waitFor(async () => {
      const after = await Promise.all(samples.map((s) => metric(server.url, s)));
      expect(after).toEqual(before.map((n) => n + 1));
    });
  });

  it('is refused past the rate limit like any request, though its answer is cached', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await fetch(getUrl(limited.graphqlUrl, '{ policy { horizonYear } }'));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await last!.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(last!.headers.get('x-request-id')).toBeTruthy();
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe("the server's logger (observability/logger.ts) on stdout", () => {
  const logger = resolve(import.meta.dirname, '../../packages/server/src/observability/logger.ts');
  const dir = mkdtempSync(join(tmpdir(), 'vigia-log-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `body` in a process of its own with `logger` at hand; resolves its stdout lines as they come. */
  function run(name: string, body: string) {
    const file = join(dir, `${name}.mts`);
    writeFileSync(file, `import { createLogger } from ${JSON.stringify(logger)};\nconst logger = createLogger({ level: 'info' });\n${body}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: resolve(import.meta.dirname, '../../packages/server'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const exited = new Promise<number | null>((done) => child.once('close', done));
    return { child, lines: () => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), exited, stderr: () => stderr };
  }

  it('writes a line within moments even when no batch fills up', async () => {
    const proc = run('idle', `logger.info({ n: 1 }, 'alone'); setTimeout(() => {}, 20_000);`);
    try {
      await vi.waitFor(() => expect(proc.lines()).toMatchObject([{ msg: 'alone', n: 1, level: 'info', service: 'vigia' }]), { timeout: 5_000, interval: 50 });
    } finally {
      proc.child.kill('SIGKILL');
    }
  });

  it('loses no line when the process exits right after writing, batched or not', async () => {
    const proc = run('exit', `for (let n = 0; n < 3000; n++) logger.info({ n, path: '/graphql' }, 'request');\nlogger.warn('last words');\nprocess.exit(0);`);
    expect(await proc.exited, proc.stderr()).toBe(0);
    const lines = proc.lines();
    expect(lines).toHaveLength(3001);
    expect(lines.slice(0, 3000).map((l) => l.n)).toEqual([...Array(3000).keys()]);
    expect(lines[3000]).toMatchObject({ msg: 'last words', level: 'warn' });
  });

  it('writes everything out on flush (the last step of a shutdown)', async () => {
    const proc = run('flush', `for (let n = 0; n < 10; n++) logger.info({ n }, 'line');\nlogger.flush(() => process.exit(0));\nsetTimeout(() => process.exit(2), 10_000);`);
    expect(await proc.exited, proc.stderr()).toBe(0);
    expect(proc.lines().map((l) => l.n)).toEqual([...Array(10).keys()]);
  });
});
