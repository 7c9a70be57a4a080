/**
 * Persisted operations: the widgets send fixed documents by the SHA-256 their build embedded.
 * dist/persisted-operations.json (the server's default manifest) holds exactly the documents a real
 * page sends, each one valid against the published schema; a server that accepts only persisted
 * operations from anonymous callers serves every widget; a server without the manifest gets the
 * text instead, once per operation.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, getOperationAST, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { TAGS, open, sent, settled, startHarness, text, type Harness } from './support.js';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const manifest = JSON.parse(readFileSync(root('packages/widgets/dist/persisted-operations.json'), 'utf8')) as Record<string, string>;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every operation of the widgets, once each: every element, each of the counter's three kinds, and (a live element) the subscription. */
const EVERY = `
  <vigia-region-card region="puno"></vigia-region-card>
  <vigia-coordination-counter></vigia-coordination-counter>
  <vigia-coordination-counter region="cusco" level="provincial"></vigia-coordination-counter>
  <vigia-coordination-counter national lang="en"></vigia-coordination-counter>
  <vigia-services></vigia-services>
  <vigia-indicator key="victims-women-share"></vigia-indicator>
  <vigia-training-chart></vigia-training-chart>
  <vigia-region-map live></vigia-region-map>`;

/** The console's own line for each 400 answer a fallback starts from; nothing else may be logged. */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 400 \(Bad Request\)/.test(e));

describe('dist/persisted-operations.json', () => {
  it('holds each document under the SHA-256 of its exact text: one named query (or the live subscription), valid against the published schema', () => {
    const schema = buildSchema(readFileSync(root('packages/schema/schema.graphql'), 'utf8'));
    expect(Object.keys(manifest).length).toBe(9);
    for (const [hash, document] of Object.entries(manifest)) {
      expect(sha256(document)).toBe(hash);
      const ast = parse(document);
      expect(validate(schema, ast).map((e) => e.message), document).toEqual([]);
      const operation = getOperationAST(ast);
      expect(operation?.operation).toBe(operation?.name?.value === 'VigiaLive' ? 'subscription' : 'query');
      expect(operation?.name?.value).toMatch(/^Vigia[A-Z]\w+$/);
      expect(ast.definitions.filter((d) => d.kind === 'OperationDefinition')).toHaveLength(1);
    }
  });
});

describe('a server that accepts only persisted operations from anonymous callers (PERSISTED_OPERATIONS_ONLY=true)', () => {
  let h: Harness;
  beforeAll(async () => {
    // No PERSISTED_OPERATIONS: the server's default manifest is the widgets' dist/ one.
    h = await startHarness({ env: { PERSISTED_OPERATIONS_ONLY: 'true' } });
  });
  afterAll(() => h?.close());

  it('refuses a document sent as text', async () => {
    const res = await fetch(`${h.api.graphqlUrl}?query=${encodeURIComponent('{ policy { name } }')}`);
    expect(res.status).toBe(403);
    expect((await res.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('serves a page of every widget, which sends exactly the documents of the manifest, by hash', async () => {
    const tab = await open(h, h.embed(EVERY));
    for (const tag of TAGS) {
      const shown = await text(tab.page, tag);
      expect(shown.length, tag).toBeGreaterThan(20);
      expect(shown, tag).not.toMatch(/could not be loaded|No se pudieron cargar/);
    }
    expect(await text(tab.page, 'vigia-region-card')).toMatch(/^Puno .*420 efectivos policiales capacitados/);
    expect(await text(tab.page, 'vigia-coordination-counter', 2)).toContain('115 coordination spaces');
    for (const request of tab.graphql) {
      expect(request.method).toBe('GET');
      expect(request.status).toBe(200);
      expect(sent(request.url).query).toBeNull();
    }
    const hashes = tab.graphql.map((r) => sent(r.url).hash);
    expect(hashes).toHaveLength(9);
    expect(new Set(hashes)).toEqual(new Set(Object.keys(manifest)));
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  it('shows its error state, with Retry, when the server does not know its hash and refuses its text', async () => {
    const context = await h.browser.newContext();
    const page = await context.newPage();
    // A bundle from another build than the server's manifest: the hash is unknown.
    await page.route((url) => url.searchParams.has('documentId'), (route) =>
      route.fulfill({
        status: 400,
        headers: { 'access-control-allow-origin': '*' },
        contentType: 'application/graphql-response+json',
        body: JSON.stringify({ errors: [{ message: 'Unknown persisted operation', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] }),
      }),
    );
    const texts: number[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).searchParams.has('query')) texts.push(r.status());
    });
    await page.goto(h.embed('<vigia-indicator key="victims-women-share" lang="en"></vigia-indicator>'));
    await settled(page);
    expect(await text(page, 'vigia-indicator')).toBe(
      'Vigía’s data on the indicator “victims-women-share” could not be loaded. The Vigía data service answered with an error (403). Try again',
    );
    expect(texts).toEqual([403]);
    await context.close();
  });
});

describe('a server without the widgets’ manifest', () => {
  let h: Harness;
  let other: TestServer;
  const dir = mkdtempSync(join(tmpdir(), 'vigia-manifest-'));
  beforeAll(async () => {
    const document = 'query Other { policy { name } }';
    const file = join(dir, 'other.json');
    writeFileSync(file, JSON.stringify({ [sha256(document)]: document }));
    [h, other] = await Promise.all([
      startHarness({ env: { PERSISTED_OPERATIONS: 'off' } }),
      startTestServer({ env: { PERSISTED_OPERATIONS: file } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([h?.close(), other?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('gets the text of each operation after one 400 (PERSISTED_OPERATIONS=off), exactly the manifest’s documents, and sends text from then on', async () => {
    const tab = await open(h, h.embed(EVERY));
    for (const tag of TAGS) expect((await text(tab.page, tag)).length, tag).toBeGreaterThan(20);
    expect(await text(tab.page, 'vigia-services')).toContain('42 servicios a cargo de 15 entidades');

    const byHash = tab.graphql.filter((r) => sent(r.url).hash);
    const byText = tab.graphql.filter((r) => sent(r.url).query);
    expect(byHash).toHaveLength(9);
    expect(byText).toHaveLength(9);
    expect(byHash.every((r) => r.status === 400)).toBe(true);
    expect(byText.every((r) => r.status === 200)).toBe(true);
    // Each text is the manifest's document under the hash first tried, with the same variables.
    for (const request of byHash) {
      const { hash, variables } = sent(request.url);
      const fallback = byText.find((r) => sha256(sent(r.url).query!) === hash);
      expect(fallback, hash!).toBeDefined();
      expect(sent(fallback!.url).query).toBe(manifest[hash!]);
      expect(sent(fallback!.url).variables).toEqual(variables);
    }
    expect(new Set(byText.map((r) => sent(r.url).query))).toEqual(new Set(Object.values(manifest)));

    // The client remembers: new widgets of these operations send their text straight away.
    await tab.page.evaluate(() =>
      document.querySelector('main')!.insertAdjacentHTML(
        'beforeend',
        '<vigia-region-card region="tacna"></vigia-region-card><vigia-training-chart dataset="trafficking-victims-profile-2021-2022"></vigia-training-chart>',
      ),
    );
    await settled(tab.page);
    expect(await text(tab.page, 'vigia-region-card', 1)).toMatch(/^Tacna .*320 efectivos policiales capacitados/);
    expect(tab.graphql.slice(18).map((r) => [sent(r.url).hash, r.status])).toEqual([
      [null, 200],
      [null, 200],
    ]);
    expect(unexpected(tab.errors)).toEqual([]);
    await tab.context.close();
  });

  it('falls back to the text on PERSISTED_QUERY_NOT_FOUND (a server with another manifest)', async () => {
    const operation = Object.keys(manifest)[0]!;
    const refused = await fetch(`${other.graphqlUrl}?documentId=sha256:${operation}`);
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const tab = await open(h, h.embed('<vigia-region-card region="cusco" lang="en"></vigia-region-card>', { scriptAttrs: `data-endpoint="${other.graphqlUrl}"` }));
    expect(await text(tab.page, 'vigia-region-card')).toMatch(/^Cusco: .*370 police officers trained/);
    expect(tab.graphql.map((r) => [r.url.startsWith(other.graphqlUrl), Boolean(sent(r.url).hash), r.status])).toEqual([
      [true, true, 400],
      [true, false, 200],
    ]);
    expect(unexpected(tab.errors)).toEqual([]);
    await tab.context.close();
  });
});
