/**
 * Vigía at the edges (issue #10): requests no client library would send, written byte by byte
 * on raw sockets. None may stop the process: each gets a 400-class answer saying what is wrong
 * (with a code), and the server keeps serving.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startProductionServer, type ProductionServer } from './support.js';

let server: ProductionServer;
beforeAll(async () => {
  // A short request timeout, so the slow-header case below is quick to observe.
  server = await startProductionServer({ REQUEST_TIMEOUT_MS: '2000' });
});
afterAll(() => server?.close());

const stillServing = async () => {
  const res = await fetch(`${server.url}/health`);
  expect(res.status).toBe(200);
};

const request = (target: string, headers = 'Host: vigia.test\r\n') => `GET ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`;

describe('malformed request targets', () => {
  it.each([
    ['a broken percent-encoding in a CSV path', '/data/%E0%A4%A.csv', 'BAD_REQUEST'],
    ['a lone percent sign in a CSV path', '/data/%.csv', 'BAD_REQUEST'],
    ['a target that reads as a host with a bad port', '//x:notaport/graphql', 'BAD_REQUEST'],
    ['an absolute target with a broken IPv6 host', 'http://[::1/graphql', 'BAD_REQUEST'],
  ])('answers %s with 400 and a code, and keeps serving', async (_what, target, code) => {
    const answer = await rawRequest(server.url, request(target));
    expect(answer.status).toBe(400);
    const error = answer.json.errors?.[0] ?? answer.json;
    expect(error.extensions?.code ?? error.code).toBe(code);
    await stillServing();
  });

  it('answers a broken percent-encoding in a widget path without stopping', async () => {
    const answer = await rawRequest(server.url, request('/widgets/%E0%A4%A.js'));
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    await stillServing();
  });

  it('answers a GraphQL request with a malformed Host header as a client error', async () => {
    const answer = await rawRequest(server.url, request('/graphql?query=%7B__typename%7D', 'Host: [::1\r\n'));
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    await stillServing();
  });
});

describe('requests Node refuses before any handler', () => {
  it('answers a request line that is not HTTP with 400 and a JSON reason', async () => {
    const answer = await rawRequest(server.url, 'HELLO\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    await stillServing();
  });

  it('answers headers that are too large with 431', async () => {
    const answer = await rawRequest(server.url, request('/health', `Host: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n`));
    expect(answer.status).toBe(431);
    expect(answer.json.errors[0].extensions.code).toBe('HEADERS_TOO_LARGE');
    await stillServing();
  });

  it('closes a connection whose headers never finish within the configured timeout, not ~30 s later', async () => {
    // Headers started but never ended. REQUEST_TIMEOUT_MS=2000 bounds the headers too.
    const answer = await rawRequest(server.url, 'GET /health HTTP/1.1\r\nHost: x\r\n', 15_000);
    expect(answer.closed).toBe(true);
    expect(answer.status).toBe(408);
    expect(answer.json.errors[0].extensions.code).toBe('REQUEST_TIMEOUT');
    // 2 s limit, checked every 500 ms; a loaded machine gets generous slack, but far from Node's 30 s check.
    expect(answer.ms).toBeLessThan(9_000);
    await stillServing();
  });
});

describe('static files after a rebuild', () => {
  let withWidgets: ProductionServer;
  const dir = mkdtempSync(join(tmpdir(), 'vigia-static-'));
  beforeAll(async () => {
    writeFileSync(join(dir, 'vigia-widgets.js'), 'console.log(1);\n');
    withWidgets = await startProductionServer({}, undefined, { widgetsDir: dir });
  });
  afterAll(async () => {
    await withWidgets?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the current size and ETag of a file rebuilt while the server runs', async () => {
    const url = `${withWidgets.url}/widgets/vigia-widgets.js`;
    const before = await fetch(url);
    expect(await before.text()).toBe('console.log(1);\n');
    const etag = before.headers.get('etag');
    // A stable name: fresh for five minutes, then revalidated (the release under v/<hash>/ is immutable).
    expect(before.headers.get('cache-control')).toBe('public, max-age=300');
    // A rebuild: longer content, a later modification time.
    const rebuilt = `console.log(${'2'.repeat(500)});\n`;
    writeFileSync(join(dir, 'vigia-widgets.js'), rebuilt);
    utimesSync(join(dir, 'vigia-widgets.js'), new Date(), new Date(Date.now() + 5000));
    // Over a raw socket: a stale Content-Length would show as a cut body, not be hidden by fetch.
    const raw = await rawRequest(withWidgets.url, 'GET /widgets/vigia-widgets.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(raw.raw).toMatch(new RegExp(`content-length: ${Buffer.byteLength(rebuilt)}\\r\\n`, 'i'));
    expect(raw.raw.endsWith(rebuilt)).toBe(true);
    const after = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.text()).toBe(rebuilt);
    // A file added after the start is served too.
    writeFileSync(join(dir, 'new.js'), 'export {};\n');
    expect((await fetch(`${withWidgets.url}/widgets/new.js`)).status).toBe(200);
  });

  it('sends the brotli or gzip copy the build wrote, by Accept-Encoding, and the plain file otherwise', async () => {
    const body = `console.log(${JSON.stringify('vigía '.repeat(200))});\n`;
    writeFileSync(join(dir, 'packed.js'), body);
    writeFileSync(join(dir, 'packed.js.br'), brotliCompressSync(body));
    writeFileSync(join(dir, 'packed.js.gz'), gzipSync(body));
    const ask = (encoding: string) =>
      rawRequest(withWidgets.url, `GET /widgets/packed.js HTTP/1.1\r\nHost: x\r\nAccept-Encoding: ${encoding}\r\nConnection: close\r\n\r\n`);
    const br = await ask('gzip, deflate, br');
    expect(br.raw).toMatch(/content-encoding: br\r\n/i);
    expect(br.raw).toMatch(/vary: Accept-Encoding/i);
    expect(br.raw).toMatch(/content-type: text\/javascript/i);
    const gz = await ask('gzip');
    expect(gz.raw).toMatch(/content-encoding: gzip\r\n/i);
    const plain = await ask('identity');
    expect(plain.raw).not.toMatch(/content-encoding/i);
    expect(plain.raw.endsWith(body)).toBe(true);
    // fetch decodes what it asked for: the same script either way.
    expect(await (await fetch(`${withWidgets.url}/widgets/packed.js`)).text()).toBe(body);
  });
});
