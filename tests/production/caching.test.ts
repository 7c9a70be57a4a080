/** The response cache (hits, keyed callers, invalidation by writes) and HTTP caching (Cache-Control, ETag, 304). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { vigia } from '../write/support.js';
import { metric, post, startProductionServer, type ProductionServer } from './support.js';

let server: ProductionServer;
let editorKey: string;
beforeAll(async () => {
  server = await startProductionServer({ HTTP_CACHE_MAX_AGE_SECONDS: '60' });
  editorKey = (await createKey(server.running.prisma, { name: 'caching test', role: 'EDITOR' }, localOperator())).key;
});
afterAll(() => server?.close());

const hits = () => metric(server.url, 'vigia_response_cache_requests_total{result="hit"}');
const results = '{ service(number: 4) { number results { year achieved } } }';
const upsert = (achieved: number) => ({
  query: `mutation ($input: UpsertServiceResultInput!) { upsertServiceResult(input: $input) { service { number results { year achieved } } } }`,
  variables: { input: { serviceNumber: 4, year: 2023, achieved } },
});

describe('response cache', () => {
  it('answers a repeated anonymous read from the cache, with its cost', async () => {
    const before = await hits();
    const first = await post(server.graphqlUrl, { query: '{ regions(focus: true) { name } }' });
    const second = await post(server.graphqlUrl, { query: '{ regions(focus: true) { name } }' });
    expect(second.json).toEqual(first.json);
    expect(second.json.extensions.cost.requestedQueryCost).toBeGreaterThan(0);
    expect(await hits()).toBe(before + 1);
  });

  it('never caches answers for callers with an API key', async () => {
    const before = await hits();
    const auth = { authorization: `Bearer ${editorKey}` };
    await post(server.graphqlUrl, { query: '{ policy { entityCount } }' }, auth);
    await post(server.graphqlUrl, { query: '{ policy { entityCount } }' }, auth);
    expect(await hits()).toBe(before);
  });

  it('is emptied by a mutation: the next anonymous read is fresh', async () => {
    const cachedBefore = await post(server.graphqlUrl, { query: results });
    await post(server.graphqlUrl, { query: results });
    const old = cachedBefore.json.data.service.results.find((r: any) => r.year === 2023).achieved;
    const write = await post(server.graphqlUrl, upsert(old + 7), { authorization: `Bearer ${editorKey}` });
    expect(write.json.errors).toBeUndefined();
    const after = await post(server.graphqlUrl, { query: results });
    expect(after.json.data.service.results.find((r: any) => r.year === 2023).achieved).toBe(old + 7);
    expect(await metric(server.url, 'vigia_response_cache_invalidations_total')).toBeGreaterThanOrEqual(1);
    // The write reloaded the public data in memory, up to its own audit entry.
    expect(await metric(server.url, 'vigia_data_reload_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    const newest = await server.running.prisma.auditEntry.aggregate({ _max: { id: true } });
    expect(await metric(server.url, 'vigia_data_version')).toBe(newest._max.id);
  });

  it('does not let an anonymous caller write (and the cache stays as it was)', async () => {
    const r = await post(server.graphqlUrl, upsert(1));
    expect(r.json.errors?.length).toBeGreaterThan(0);
    expect((await post(server.graphqlUrl, { query: results })).json.data.service.results.find((x: any) => x.year === 2023).achieved).not.toBe(1);
  });
});

describe('writes made outside the server (a CLI import next to it)', () => {
  let watched: ProductionServer;
  let dir: string;
  beforeAll(async () => {
    watched = await startProductionServer({ DATA_CHANGE_POLL_MS: '200' });
    dir = mkdtempSync(join(tmpdir(), 'vigia-watch-'));
  });
  afterAll(async () => {
    await watched?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('empty the response cache within DATA_CHANGE_POLL_MS, so the next read is fresh', async () => {
    const read = '{ region(code: "puno") { policeTrained { key value } } }';
    const first = (await post(watched.graphqlUrl, { query: read })).json.data.region.policeTrained;
    const cachedHits = await metric(watched.url, 'vigia_response_cache_requests_total{result="hit"}');
    expect((await post(watched.graphqlUrl, { query: read })).json.data.region.policeTrained).toEqual(first);
    expect(await metric(watched.url, 'vigia_response_cache_requests_total{result="hit"}')).toBe(cachedHits + 1);

    // What a data steward does: export, change one figure, import — with `pnpm vigia`, another process.
    const env = { DATABASE_URL: watched.databaseUrl };
    const exported = await vigia(['export', 'indicators', '--format', 'csv'], env);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = exported.stdout.trimEnd().split('\n');
    const keyColumn = lines[0]!.split(',').indexOf('key');
    const valueColumn = lines[0]!.split(',').indexOf('value');
    const row = lines.findIndex((line) => line.split(',')[keyColumn] === first.key);
    expect(row).toBeGreaterThan(0);
    const cells = lines[row]!.split(',');
    cells[valueColumn] = String(first.value + 3);
    lines[row] = cells.join(',');
    const file = join(dir, 'indicators.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const imported = await vigia(['import', file], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/0 created, 1 updated/);

    // No Redis, no mutation through this server: only the watch can tell it.
    await expect.poll(async () => (await post(watched.graphqlUrl, { query: read })).json.data.region.policeTrained.value, { timeout: 3000, interval: 100 }).toBe(first.value + 3);
  });
});

describe('cache hits served before yoga (the fast path)', () => {
  it('answers a hit byte for byte as yoga answered the miss, for each Accept', async () => {
    const doc = '{ region(code: "moquegua") { name coordinationSpaceSummary { total } } }';
    for (const accept of [undefined, '*/*', 'application/json', 'application/graphql-response+json']) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(accept ? { accept } : {}) };
      const body = JSON.stringify({ query: doc, variables: { unused: accept ?? 'none' } });
      const miss = await fetch(server.graphqlUrl, { method: 'POST', headers, body });
      const before = await hits();
      const hit = await fetch(server.graphqlUrl, { method: 'POST', headers, body });
      expect(await hits()).toBe(before + 1);
      expect(await hit.text()).toBe(await miss.text());
      for (const name of ['content-type', 'cache-control', 'access-control-allow-origin']) expect(hit.headers.get(name)).toBe(miss.headers.get(name));
      expect(hit.headers.get('etag')).toBeNull();
    }
  });

  it('keeps answers apart per host: their URLs are built from it', async () => {
    const query = '{ dataset(key: "police-officers-trained-2021-2023") { csvUrl } }';
    const { request } = await import('node:http');
    const ask = (host: string) =>
      new Promise<string>((done, fail) => {
        const url = new URL(server.graphqlUrl);
        const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { host, 'content-type': 'application/json' } }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => done(JSON.parse(text).data.dataset.csvUrl));
        });
        req.on('error', fail);
        req.end(JSON.stringify({ query }));
      });
    expect(await ask('one.example')).toBe('http://one.example/data/police-officers-trained-2021-2023.csv');
    expect(await ask('one.example')).toBe('http://one.example/data/police-officers-trained-2021-2023.csv');
    expect(await ask('two.example')).toBe('http://two.example/data/police-officers-trained-2021-2023.csv');
  });

  it('answers GET hits with the same ETag, and 304 to it', async () => {
    const url = `${server.graphqlUrl}?query=${encodeURIComponent('{ regions(focus: true) { slug } }')}`;
    const miss = await fetch(url);
    const hit = await fetch(url);
    expect(await hit.text()).toBe(await miss.text());
    expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'));
    expect(hit.headers.get('cache-control')).toBe(miss.headers.get('cache-control'));
    expect((await fetch(url, { headers: { 'if-none-match': miss.headers.get('etag')! } })).status).toBe(304);
  });
});

describe('HTTP caching for GET', () => {
  const url = () => `${server.graphqlUrl}?query=${encodeURIComponent('{ region(code: "cusco") { name isFocus } }')}`;

  it('sends Cache-Control public with a max-age and an ETag of the answer', async () => {
    const res = await fetch(url());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]{20,}"$/);
    expect(res.headers.get('vary')).toMatch(/Accept/);
  });

  it('answers 304 Not Modified to If-None-Match with the same ETag, and 200 when it changed', async () => {
    const etag = (await fetch(url())).headers.get('etag')!;
    const again = await fetch(url(), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const stale = await fetch(url(), { headers: { 'if-none-match': '"something-else"' } });
    expect(stale.status).toBe(200);
  });

  it('gives a new ETag once a write changed the answer', async () => {
    const get = `${server.graphqlUrl}?query=${encodeURIComponent(results)}`;
    const before = (await fetch(get)).headers.get('etag')!;
    const old = (await (await fetch(get)).json()).data.service.results.find((r: any) => r.year === 2023).achieved;
    await post(server.graphqlUrl, upsert(old + 1), { authorization: `Bearer ${editorKey}` });
    const res = await fetch(get, { headers: { 'if-none-match': before } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(before);
  });

  it('marks POST answers, errors and keyed answers no-store', async () => {
    const postAnswer = await post(server.graphqlUrl, { query: '{ policy { name } }' });
    expect(postAnswer.headers.get('cache-control')).toBe('no-store');
    expect(postAnswer.headers.get('etag')).toBeNull();
    const error = await fetch(`${server.graphqlUrl}?query=${encodeURIComponent('{ nope }')}`);
    expect(error.headers.get('cache-control')).toBe('no-store');
    const keyed = await fetch(url(), { headers: { authorization: `Bearer ${editorKey}` } });
    expect(keyed.status).toBe(200);
    expect(keyed.headers.get('cache-control')).toBe('no-store');
  });
});

describe('cache hints', () => {
  it('never caches audit or per-caller data, and public data for the configured TTL', async () => {
    const { parse } = await import('graphql');
    const { schema } = await import('@vigia/server');
    const { collectCacheHints, documentMaxAge } = await import('../../packages/server/src/cache/hints.js');
    const maxAge = documentMaxAge(schema, collectCacheHints(schema), 3600);
    expect(maxAge(parse('{ policy { name } regions { name } }'))).toBe(3600);
    expect(maxAge(parse('{ auditLog(first: 5) { edges { node { action } } } }'))).toBe(0);
    expect(maxAge(parse('{ me { name } }'))).toBe(0);
    expect(maxAge(parse('{ __schema { types { name } } }'))).toBe(0);
  });
});
