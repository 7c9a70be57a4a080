/** Production hygiene: persisted operations, CSRF, CORS, masked errors and suggestions, configuration. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, defaultPersistedManifest, loadConfig } from '../../packages/server/src/config.js';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { post, startProductionServer, type ProductionServer } from './support.js';

const policyDoc = 'query PolicyCard { policy { name horizonYear } }';
const policyHash = createHash('sha256').update(policyDoc).digest('hex');
const dir = mkdtempSync(join(tmpdir(), 'vigia-persisted-'));
const manifestFile = join(dir, 'persisted-operations.json');
writeFileSync(manifestFile, JSON.stringify({ [policyHash]: policyDoc }));

let server: ProductionServer;
let editorKey: string;
beforeAll(async () => {
  server = await startProductionServer({ NODE_ENV: 'production', PERSISTED_OPERATIONS: manifestFile, PERSISTED_OPERATIONS_ONLY: 'true' });
  editorKey = (await createKey(server.running.prisma, { name: 'hardening test', role: 'EDITOR' }, localOperator())).key;
});
afterAll(() => server?.close());

describe('persisted operations (PERSISTED_OPERATIONS_ONLY=true)', () => {
  it('answers a GET by documentId, cacheable by URL', async () => {
    const res = await fetch(`${server.graphqlUrl}?documentId=sha256:${policyHash}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data.policy.horizonYear).toBe(2030);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
  });
  it("answers Apollo's persistedQuery extension in a POST", async () => {
    const r = await post(server.graphqlUrl, { extensions: { persistedQuery: { version: 1, sha256Hash: policyHash } } });
    expect(r.json.data.policy.horizonYear).toBe(2030);
  });
  it('refuses an unknown hash with a clear message', async () => {
    const r = await post(server.graphqlUrl, { documentId: `sha256:${'0'.repeat(64)}` });
    expect(r.status).toBe(400);
    expect(r.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
  it('refuses a document sent as text by an anonymous caller (403)', async () => {
    const r = await post(server.graphqlUrl, { query: '{ policy { name } }' });
    expect(r.status).toBe(403);
    expect(r.json.errors[0].message).toMatch(/accepts only persisted operations from callers without an API key/);
    expect(r.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
  });
  it('lets a caller with an API key send any document', async () => {
    const r = await post(server.graphqlUrl, { query: '{ policy { decree } }' }, { authorization: `Bearer ${editorKey}` });
    expect(r.json.errors).toBeUndefined();
    expect(r.json.data.policy.decree).toMatch(/009-2021-IN/);
  });
  it('loads the widgets’ manifest by default once they are built, and serves their operations by hash', async () => {
    const widgetsManifest = resolve(import.meta.dirname, '../../packages/widgets/dist/persisted-operations.json');
    expect(existsSync(widgetsManifest), 'build the widgets: pnpm --filter @vigia/widgets build').toBe(true);
    expect(defaultPersistedManifest).toBe(widgetsManifest);
    expect(loadConfig({}).persisted.manifests).toEqual([widgetsManifest]);
    expect(loadConfig({ PERSISTED_OPERATIONS: 'off' }).persisted.manifests).toEqual([]);

    const operations = Object.entries(JSON.parse(readFileSync(widgetsManifest, 'utf8')) as Record<string, string>);
    const [hash] = operations.find(([, document]) => document.startsWith('query VigiaServices('))!;
    // PERSISTED_OPERATIONS unset ('' reads as unset): the default manifest, enough for persisted-only mode.
    const widgets = await startProductionServer({ PERSISTED_OPERATIONS: '', PERSISTED_OPERATIONS_ONLY: 'true' });
    try {
      const res = await fetch(`${widgets.graphqlUrl}?documentId=sha256:${hash}&variables=${encodeURIComponent('{"lang":"EN"}')}`);
      expect(res.status).toBe(200);
      // A stable URL with a public answer: what lets a CDN serve every partner page's widget.
      expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
      const body = await res.json();
      expect(body.errors).toBeUndefined();
      expect(body.data.policy.serviceCount).toBe(42);
      expect(body.data.entities).toHaveLength(15);
      // The same request again is a cache hit, logged under the operation's name like the miss
      // (the widgets send no operationName: the name comes from the persisted document).
      const again = await fetch(`${widgets.graphqlUrl}?documentId=sha256:${hash}&variables=${encodeURIComponent('{"lang":"EN"}')}`);
      expect(await again.json()).toEqual(body);
      const lines = widgets.logs.filter((l) => l.msg === 'request' && String(l.path) === '/graphql').slice(-2);
      expect(lines.map((l) => [l.operation, l.cache])).toEqual([
        ['VigiaServices', 'miss'],
        ['VigiaServices', 'hit'],
      ]);
      // Only those: this server's own test document is unknown here.
      const other = await fetch(`${widgets.graphqlUrl}?documentId=sha256:${policyHash}`);
      expect(other.status).toBe(400);
      expect((await other.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    } finally {
      await widgets.close();
    }
  });
  it('refuses to start with a manifest whose hash does not match its document', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ['a'.repeat(64)]: policyDoc }));
    expect(() => loadConfig({ PERSISTED_OPERATIONS: bad })).not.toThrow();
    return expect(startProductionServer({ PERSISTED_OPERATIONS: bad })).rejects.toThrow(/hashes to [0-9a-f]{64}/);
  });
});

describe('CSRF prevention and CORS', () => {
  const key = { authorization: `Bearer ${'x'}` };
  it('refuses a POST a cross-site form could send (text/plain, no preflight) with 403', async () => {
    const res = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ documentId: `sha256:${policyHash}` }),
    });
    expect(res.status).toBe(403);
    expect(JSON.stringify(await res.json())).toMatch(/CSRF/);
  });
  it('refuses a form POST without a header only scripts can set, and accepts it with one', async () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: policyHash } });
    const form = { method: 'POST', body: new URLSearchParams({ extensions }) };
    expect((await fetch(server.graphqlUrl, form)).status).toBe(403);
    const res = await fetch(server.graphqlUrl, { ...form, headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(res.status).toBe(200);
    expect((await res.json()).data.policy.horizonYear).toBe(2030);
  });
  it('lets any origin read with a literal "*" and never allows credentials', async () => {
    const preflight = await fetch(server.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://partner.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const res = await fetch(`${server.graphqlUrl}?documentId=${policyHash}`, { headers: { origin: 'https://partner.example', ...key } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
  });
});

describe('NODE_ENV=production', () => {
  it('gives no "Did you mean" suggestions', async () => {
    const r = await post(server.graphqlUrl, { query: '{ policy { nam } }' }, { authorization: `Bearer ${editorKey}` });
    expect(r.json.errors[0].message).toBe('Cannot query field "nam" on type "Policy".');
  });
  it('masks unexpected errors: no stack trace, no internals', async () => {
    // Break the database under the server to cause a genuine internal error in a write.
    await server.running.prisma.$executeRawUnsafe('ALTER TABLE "Document" RENAME TO "DocumentGone"');
    try {
      const r = await post(
        server.graphqlUrl,
        { query: 'mutation { upsertDocument(input: { key: "hardening-doc", title: "T" }) { changed } }' },
        { authorization: `Bearer ${editorKey}` },
      );
      expect(r.json.errors[0].message).toBe('Unexpected error.');
      expect(r.text).not.toMatch(/stack|DocumentGone|prisma|at .+\.ts/i);
      expect(server.logs.some((l) => l.msg === 'Unexpected error while resolving' && typeof l.reqId === 'string')).toBe(true);
    } finally {
      await server.running.prisma.$executeRawUnsafe('ALTER TABLE "DocumentGone" RENAME TO "Document"');
    }
  });
});

describe('a write whose answer cannot be read back', () => {
  it('says the change was saved, and the data shows it once the database answers again', async () => {
    const server = await startProductionServer();
    try {
      const prisma = server.running.prisma;
      const editor = (await createKey(prisma, { name: 'reload test', role: 'EDITOR' }, localOperator())).key;
      // The write touches Document only; reading the data back also needs TrainingCourse.
      await prisma.$executeRawUnsafe('ALTER TABLE "TrainingCourse" RENAME TO "TrainingCourseGone"');
      let r;
      try {
        r = await post(
          server.graphqlUrl,
          { query: 'mutation { upsertDocument(input: { key: "reload-doc", title: "Informe de prueba (fixture)", publisher: "Vigía", publishedOn: "2024" }) { changed } }' },
          { authorization: `Bearer ${editor}` },
        );
      } finally {
        await prisma.$executeRawUnsafe('ALTER TABLE "TrainingCourseGone" RENAME TO "TrainingCourse"');
      }
      expect(r.json.errors[0]).toMatchObject({ extensions: { code: 'SAVED_NOT_SHOWN' } });
      expect(await prisma.document.count({ where: { key: 'reload-doc' } })).toBe(1);
      // The data watch sees the write's audit entry and reloads (DATA_CHANGE_POLL_MS, 2 s by default).
      const started = Date.now();
      let upsert;
      do {
        await new Promise((done) => setTimeout(done, 200));
        upsert = await post(
          server.graphqlUrl,
          { query: 'mutation { upsertDocument(input: { key: "reload-doc", title: "Informe de prueba (fixture)" }) { changed document { title } } }' },
          { authorization: `Bearer ${editor}` },
        );
      } while (upsert.json.errors && Date.now() - started < 10_000);
      expect(upsert.json.data.upsertDocument).toEqual({ changed: false, document: { title: 'Informe de prueba (fixture)' } });
    } finally {
      await server.close();
    }
  });
});

describe('configuration from the environment', () => {
  it('names every bad variable, what it accepts and what it got', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', MAX_DEPTH: '0', REDIS_URL: 'http://cache', RESPONSE_CACHE: 'maybe', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT must be a whole number from 0 to 65535; got "eighty"/);
    expect(message).toMatch(/MAX_DEPTH must be a whole number from 1 to 100; got "0"/);
    expect(message).toMatch(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(message).toMatch(/RESPONSE_CACHE must be true or false; got "maybe"/);
    expect(message).toMatch(/LOG_LEVEL must be one of/);
  });
  it('stops `pnpm start` at once with that message and exit code 1', () => {
    const started = Date.now();
    const run = spawnSync('pnpm', ['start'], {
      cwd: resolve(import.meta.dirname, '../..'),
      env: { ...process.env, PORT: '0', RATE_LIMIT_PER_ADDRESS: 'lots', DATABASE_URL: `file:${join(dir, 'never.db')}` },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr + run.stdout).toMatch(/Vigía could not start: Invalid configuration:\s+- RATE_LIMIT_PER_ADDRESS must be a whole number from 1 to 100000000; got "lots"/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
