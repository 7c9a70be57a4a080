/**
 * What the stewards' console needs from the API (issue 14's gaps): the lists of documents and
 * sources (answered from the data in memory, a source nothing cites included), the audit log
 * filtered by who and when in the database, and `expectedVersion: 0` — "create only" — on the
 * upserts, refused as a CONFLICT when the object exists. Values written here are test-only, on a
 * throw-away SQLite database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '@vigia/server';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { gql } from '../helpers/graphql.js';
import { createTestDatabase, type TestDatabase } from '../postgres/support.js';

let server: RunningServer;
let dir: string;
let postgres: TestDatabase | undefined;
const statements: string[] = [];
const selects = () => statements.filter((s) => /^\s*SELECT/i.test(s));
const keys = {} as Record<'EDITOR' | 'EDITOR2' | 'ADMIN', { key: string; id: string; name: string }>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigia-steward-'));
  // The filters run in the database: on PostgreSQL too when the suite runs there.
  postgres = process.env.VIGIA_TEST_DATABASE === 'postgresql' ? await createTestDatabase() : undefined;
  // No response cache: every request below is executed (and its SQL, if any, seen).
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    databaseUrl: postgres?.url ?? `file:${join(dir, 'vigia.db')}`,
    env: { RESPONSE_CACHE: 'false', DATA_CHANGE_POLL_MS: '0' },
    onQuery: (sql) => statements.push(sql),
  });
  const make = async (name: string, role: 'EDITOR' | 'ADMIN') => {
    const made = await createKey(server.prisma, { name, role }, localOperator());
    return { key: made.key, id: made.key.split('_')[1]!, name };
  };
  keys.EDITOR = await make('Ana Quispe (editor)', 'EDITOR');
  keys.EDITOR2 = await make('Luis Mamani (editor)', 'EDITOR');
  keys.ADMIN = await make('Administración Vigía (admin)', 'ADMIN');
}, 120_000);
afterAll(async () => {
  await server?.close();
  await postgres?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const as = (who: keyof typeof keys | null, query: string, variables: Record<string, unknown> = {}) =>
  gql(server.graphqlUrl, query, variables, who ? { authorization: `Bearer ${keys[who].key}` } : {});
const errorOf = (r: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): Record<string, unknown> => ({
  message: r.errors?.[0]?.message,
  ...r.errors?.[0]?.extensions,
});
/** Every table these writes could touch: equal fingerprints mean nothing was written. */
const fingerprint = async () =>
  JSON.stringify(
    await Promise.all([
      server.prisma.observation.findMany({ orderBy: { key: 'asc' } }),
      server.prisma.serviceResult.findMany({ orderBy: [{ serviceId: 'asc' }, { year: 'asc' }] }),
      server.prisma.source.findMany({ orderBy: { key: 'asc' } }),
      server.prisma.document.findMany({ orderBy: { key: 'asc' } }),
      server.prisma.auditEntry.findMany({ orderBy: { id: 'asc' } }),
      server.prisma.publication.findMany({ orderBy: { id: 'asc' } }),
    ]),
  );

const UPSERT_DOCUMENT = `mutation ($input: UpsertDocumentInput!) { upsertDocument(input: $input) { created changed document { key version } } }`;
const UPSERT_SOURCE = `mutation ($input: UpsertSourceInput!) { upsertSource(input: $input) { created changed source { key version document { key } } } }`;
const UPSERT_INDICATOR = `mutation ($input: UpsertIndicatorInput!) { upsertIndicator(input: $input) { created changed indicator { key value version } } }`;
const UPSERT_RESULT = `mutation ($input: UpsertServiceResultInput!) { upsertServiceResult(input: $input) { created changed result { year achieved version } } }`;
const DELETE_INDICATOR = `mutation ($input: DeleteIndicatorInput!) { deleteIndicator(input: $input) { deletedKey } }`;

describe('documents and sources, listed on their own', () => {
  const LISTS = `query ($documentKey: String) {
    documents { key title publishedOn version }
    sources(documentKey: $documentKey) { key section slide version document { key } }
  }`;

  it('lists every document and every source stored, in the documented order, without a single SQL statement', async () => {
    const [storedDocuments, storedSources] = await Promise.all([
      server.prisma.document.findMany(),
      server.prisma.source.findMany({ include: { document: true } }),
    ]);
    statements.length = 0;
    const r = await as(null, LISTS);
    expect(r.errors).toBeUndefined();
    expect(selects()).toEqual([]);
    const { documents, sources } = r.data;
    expect(documents.map((d: { key: string }) => d.key).sort()).toEqual(storedDocuments.map((d) => d.key).sort());
    expect(sources.map((s: { key: string }) => s.key).sort()).toEqual(storedSources.map((s) => s.key).sort());
    // Newest publication first, then by key.
    const expectedDocuments = [...storedDocuments]
      .sort((a, b) => (a.publishedOn === b.publishedOn ? (a.key < b.key ? -1 : 1) : a.publishedOn < b.publishedOn ? 1 : -1))
      .map((d) => d.key);
    expect(documents.map((d: { key: string }) => d.key)).toEqual(expectedDocuments);
    // By document (in that order), then slide (none last), then key.
    const rank = (key: string) => expectedDocuments.indexOf(key);
    const expectedSources = [...storedSources]
      .sort((a, b) => rank(a.document.key) - rank(b.document.key) || (a.slide ?? Infinity) - (b.slide ?? Infinity) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((s) => s.key);
    expect(sources.map((s: { key: string }) => s.key)).toEqual(expectedSources);
    // The briefing itself is there, with the slide of its police-training chart.
    expect(sources).toContainEqual(expect.objectContaining({ key: 'police-training', version: 1 }));
  });

  it('filters sources by their document; an unknown document gives an empty list', async () => {
    const all = (await as(null, LISTS)).data.sources as { key: string; document: { key: string } }[];
    const documentKey = all.find((s) => s.key === 'police-training')!.document.key;
    const one = await as(null, LISTS, { documentKey });
    expect(one.data.sources).toEqual(all.filter((s) => s.document.key === documentKey));
    expect(one.data.sources.length).toBeGreaterThan(0);
    const none = await as(null, LISTS, { documentKey: 'no-such-document' });
    expect(none.errors).toBeUndefined();
    expect(none.data.sources).toEqual([]);
  });

  it('lists a new document and a new source that nothing cites yet, at once after the write', async () => {
    const doc = await as('EDITOR', UPSERT_DOCUMENT, {
      input: { key: 'test-fixture-document', title: 'TEST FIXTURE: documento', publisher: 'Equipo de pruebas', publishedOn: '2026-01', expectedVersion: 0 },
    });
    expect(doc.errors).toBeUndefined();
    expect(doc.data.upsertDocument).toMatchObject({ created: true, document: { key: 'test-fixture-document', version: 1 } });
    const empty = await as(null, LISTS, { documentKey: 'test-fixture-document' });
    // The most recently published document comes first.
    expect(empty.data.documents[0]).toMatchObject({ key: 'test-fixture-document', title: 'TEST FIXTURE: documento' });
    expect(empty.data.sources).toEqual([]);

    const src = await as('EDITOR', UPSERT_SOURCE, {
      input: { key: 'test-fixture-source', documentKey: 'test-fixture-document', section: 'TEST FIXTURE: cuadro', expectedVersion: 0 },
    });
    expect(src.errors).toBeUndefined();
    statements.length = 0;
    const listed = await as(null, LISTS, { documentKey: 'test-fixture-document' });
    // (After a write the webhook worker may be reading its own tables meanwhile.)
    expect(selects().filter((sql) => /\b(FROM|JOIN)\s+\S*\b(Document|Source)\b/i.test(sql))).toEqual([]);
    expect(listed.data.sources).toEqual([{ key: 'test-fixture-source', section: 'TEST FIXTURE: cuadro', slide: null, version: 1, document: { key: 'test-fixture-document' } }]);
    expect((await as(null, LISTS)).data.sources.map((s: { key: string }) => s.key)).toContain('test-fixture-source');
  });
});

describe('expectedVersion: 0 — create only', () => {
  const figure = {
    key: 'test-fixture-cases-puno-2021',
    datasetKey: 'trafficking-cases-by-region-2021-2023',
    label: 'TEST FIXTURE: casos en Puno, 2021',
    labelEn: 'TEST FIXTURE: cases in Puno, 2021',
    scope: 'REGION',
    regionCode: '21',
    value: 11,
  };

  it('creates a figure that does not exist yet, and refuses the second creation as a CONFLICT, writing nothing', async () => {
    const created = await as('EDITOR', UPSERT_INDICATOR, { input: { ...figure, expectedVersion: 0 } });
    expect(created.errors).toBeUndefined();
    expect(created.data.upsertIndicator).toMatchObject({ created: true, indicator: { key: figure.key, value: 11, version: 1 } });

    const before = await fingerprint();
    const again = await as('EDITOR2', UPSERT_INDICATOR, { input: { ...figure, value: 12, expectedVersion: 0 } });
    expect(again.data).toBeNull();
    expect(errorOf(again)).toEqual({
      code: 'CONFLICT',
      message: `expectedVersion: indicator "${figure.key}" already exists (at version 1), not 0: someone created it since you read. Reload it and try again.`,
    });
    expect(await fingerprint()).toBe(before);
  });

  it('lets exactly one of two simultaneous creations of the same figure through', async () => {
    const key = 'test-fixture-cases-puno-2022';
    const both = await Promise.all(
      (['EDITOR', 'EDITOR2'] as const).map((who, i) => as(who, UPSERT_INDICATOR, { input: { ...figure, key, label: `${figure.label} (${i})`, value: 20 + i, expectedVersion: 0 } })),
    );
    const codes = both.map((r) => (r.errors ? r.errors[0]!.extensions!.code : 'created')).sort();
    expect(codes).toEqual(['CONFLICT', 'created']);
    const winner = both.find((r) => !r.errors)!.data.upsertIndicator.indicator;
    const stored = await server.prisma.observation.findUnique({ where: { key } });
    expect(stored).toMatchObject({ value: winner.value, version: 1 });
    expect(await server.prisma.auditEntry.count({ where: { subjectKey: key } })).toBe(1);
  });

  it('guards a new year of a service result the same way', async () => {
    const input = { serviceNumber: 20, year: 2024, achieved: 7, expectedVersion: 0 };
    const created = await as('EDITOR', UPSERT_RESULT, { input });
    expect(created.errors).toBeUndefined();
    expect(created.data.upsertServiceResult).toMatchObject({ created: true, result: { year: 2024, achieved: 7, version: 1 } });
    const before = await fingerprint();
    const again = await as('EDITOR2', UPSERT_RESULT, { input: { ...input, achieved: 8 } });
    expect(errorOf(again)).toEqual({
      code: 'CONFLICT',
      message: 'expectedVersion: the 2024 result of service 20 already exists (at version 1), not 0: someone created it since you read. Reload it and try again.',
    });
    expect(await fingerprint()).toBe(before);
  });

  it('guards documents and sources the same way', async () => {
    const before = await fingerprint();
    const doc = await as('EDITOR2', UPSERT_DOCUMENT, { input: { key: 'test-fixture-document', title: 'Otro', publisher: 'Otro', publishedOn: '2026-02', expectedVersion: 0 } });
    expect(errorOf(doc)).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^expectedVersion: document "test-fixture-document" already exists \(at version 1\)/) });
    const src = await as('EDITOR2', UPSERT_SOURCE, { input: { key: 'police-training', documentKey: 'test-fixture-document', section: 'Otro', expectedVersion: 0 } });
    expect(errorOf(src)).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^expectedVersion: source "police-training" already exists/) });
    expect(await fingerprint()).toBe(before);
  });

  it('keeps the other versions as they were: a version of something missing, and 0 on a deletion, are conflicts', async () => {
    const before = await fingerprint();
    const missing = await as('EDITOR', UPSERT_INDICATOR, { input: { ...figure, key: 'test-fixture-cases-puno-2023', expectedVersion: 1 } });
    expect(errorOf(missing)).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/does not exist yet, so it has no version 1/) });
    const deletion = await as('ADMIN', DELETE_INDICATOR, { input: { key: figure.key, expectedVersion: 0 } });
    expect(errorOf(deletion)).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/is at version 1, not 0/) });
    expect(await fingerprint()).toBe(before);
    // A version that matches still updates.
    const updated = await as('EDITOR', UPSERT_INDICATOR, { input: { key: figure.key, value: 13, expectedVersion: 1 } });
    expect(updated.data.upsertIndicator).toMatchObject({ created: false, changed: true, indicator: { value: 13, version: 2 } });
  });
});

describe('auditLog filtered by who and when, in the database', () => {
  const LOG = `query ($actor: String, $since: DateTime, $until: DateTime, $action: String, $first: Int, $after: String) {
    auditLog(actor: $actor, since: $since, until: $until, action: $action, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { action actor keyId at subjectKey } }
    }
  }`;
  type Node = { action: string; actor: string; keyId: string | null; at: string; subjectKey: string | null };
  const nodes = (r: Awaited<ReturnType<typeof as>>): Node[] => r.data.auditLog.edges.map((e: { node: Node }) => e.node);
  /** The whole log as stored, newest first, shaped as the API answers it. */
  const stored = async (): Promise<Node[]> =>
    (await server.prisma.auditEntry.findMany({ orderBy: { id: 'desc' } })).map((e) => ({
      action: e.action,
      actor: e.actor,
      keyId: e.apiKeyId,
      at: e.at.toISOString(),
      subjectKey: e.subjectKey,
    }));

  beforeAll(async () => {
    // A few more changes by each editor, so that who and when have something to tell apart.
    for (const [who, achieved] of [['EDITOR', 2601], ['EDITOR2', 2602], ['EDITOR', 2603], ['EDITOR2', 2604]] as const) {
      const r = await as(who, UPSERT_RESULT, { input: { serviceNumber: 20, year: 2023, achieved } });
      expect(r.errors).toBeUndefined();
    }
  });

  it('names the key each entry was made with (keyId), null for the local operator', async () => {
    const r = await as('ADMIN', LOG, { first: 100 });
    expect(r.errors).toBeUndefined();
    expect(nodes(r)).toEqual((await stored()).slice(0, 100));
    expect(nodes(r).find((n) => n.actor === keys.EDITOR2.name)?.keyId).toBe(keys.EDITOR2.id);
    // The keys themselves were made from the command line, by the local operator.
    expect(nodes(r).filter((n) => n.action === 'createApiKey').every((n) => n.keyId === null && n.actor.startsWith('local operator'))).toBe(true);
  });

  it('filters by actor exactly: the key’s name or its public id, nothing else', async () => {
    const all = await stored();
    const byName = await as('ADMIN', LOG, { actor: keys.EDITOR2.name, first: 100 });
    const expected = all.filter((n) => n.actor === keys.EDITOR2.name);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(nodes(byName)).toEqual(expected);
    expect(byName.data.auditLog.totalCount).toBe(expected.length);
    const byId = await as('ADMIN', LOG, { actor: keys.EDITOR2.id, first: 100 });
    expect(nodes(byId)).toEqual(expected);
    // Exact: neither a part of the name nor another case matches.
    for (const near of ['Luis Mamani', keys.EDITOR2.name.toUpperCase(), ` ${keys.EDITOR2.name}`, keys.EDITOR2.id.slice(0, 6)]) {
      const r = await as('ADMIN', LOG, { actor: near, first: 100 });
      expect(r.data.auditLog, near).toMatchObject({ totalCount: 0, edges: [] });
    }
    // The local operator, by the name it was recorded with.
    const local = all.find((n) => n.keyId === null)!.actor;
    expect(nodes(await as('ADMIN', LOG, { actor: local, first: 100 }))).toEqual(all.filter((n) => n.actor === local));
  });

  it('filters by when: since is inclusive, until exclusive; combined with the other filters; paged', async () => {
    const all = await stored();
    const editorTwo = all.filter((n) => n.actor === keys.EDITOR2.name && n.action === 'upsertServiceResult');
    // Cut at the instants of two real entries (entries may share a millisecond: the expected
    // lists are filtered from the stored log by the same rule, not assumed).
    const since = all.find((n) => n.actor === keys.EDITOR.name && n.action === 'upsertServiceResult')!.at;
    const until = editorTwo[0]!.at;
    const inRange = (n: Node) => n.at >= since && n.at < until;
    const window = await as('ADMIN', LOG, { since, until, first: 100 });
    expect(window.errors).toBeUndefined();
    expect(nodes(window)).toEqual(all.filter(inRange));
    expect(nodes(window).some((n) => n.at === since)).toBe(true);
    expect(nodes(window).some((n) => n.at === until)).toBe(false);

    const sinceOnly = await as('ADMIN', LOG, { since: until, first: 100 });
    expect(nodes(sinceOnly)).toEqual(all.filter((n) => n.at >= until));
    const untilOnly = await as('ADMIN', LOG, { until: since, first: 100 });
    expect(nodes(untilOnly)).toEqual(all.filter((n) => n.at < since));
    // Another zone, the same instant.
    const offset = new Date(Date.parse(since) - 5 * 3600_000).toISOString().replace('Z', '-05:00');
    expect(nodes(await as('ADMIN', LOG, { since: offset, first: 100 }))).toEqual(all.filter((n) => n.at >= since));

    // All the filters together, one entry a page: the pages add up to the count.
    const combined = { actor: keys.EDITOR2.id, since: editorTwo.at(-1)!.at, action: 'upsertServiceResult' };
    const expected = all.filter((n) => n.keyId === keys.EDITOR2.id && n.at >= combined.since && n.action === 'upsertServiceResult');
    const seen: Node[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const r = await as('ADMIN', LOG, { ...combined, first: 1, after });
      expect(r.data.auditLog.totalCount).toBe(expected.length);
      seen.push(...nodes(r));
      if (!r.data.auditLog.pageInfo.hasNextPage) break;
      after = r.data.auditLog.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('refuses a range that ends before it starts, naming until; and a malformed instant', async () => {
    const at = '2024-02-29T15:00:00Z';
    for (const until of [at, '2024-02-29T14:59:59Z']) {
      const r = await as('ADMIN', LOG, { since: at, until });
      expect(r.data).toBeNull();
      expect(errorOf(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until', message: expect.stringMatching(/^until: must be later than since \(2024-02-29T15:00:00.000Z\)/) });
    }
    const bad = await as('ADMIN', LOG, { since: '2024-02-29' });
    expect(bad.data).toBeUndefined();
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/\$since.*DateTime must be an ISO 8601 date and time with a zone/) });
    const literal = await as('ADMIN', '{ auditLog(until: "yesterday") { totalCount } }');
    expect(errorOf(literal)).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/DateTime must be an ISO 8601/) });
  });

  it('stays an admin’s: an editor filtering by who is refused', async () => {
    const r = await as('EDITOR', LOG, { actor: keys.EDITOR.name });
    expect(errorOf(r).code).toBe('FORBIDDEN');
  });
});
