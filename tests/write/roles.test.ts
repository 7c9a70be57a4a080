/**
 * Every role against every mutation, over real HTTP: anonymous callers and viewers are
 * refused (UNAUTHENTICATED / FORBIDDEN) with nothing changed; editors write data; admins
 * also read the audit log, reopen spaces and delete figures. Values marked TEST FIXTURE
 * are invented for these tests only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startWriteServer, type Role, type WriteServer } from './support.js';

let server: WriteServer;
beforeAll(async () => {
  server = await startWriteServer();
});
afterAll(() => server?.stop());

type Caller = Role | null;
const CALLERS: Caller[] = [null, 'VIEWER', 'EDITOR', 'ADMIN'];

/** Each mutation with an input that succeeds for a caller allowed to run it. */
const MUTATIONS: { name: string; admin?: boolean; query: string; input: (c: string) => Record<string, unknown> }[] = [
  {
    name: 'createCoordinationSpace',
    query: `mutation ($input: CreateCoordinationSpaceInput!) { createCoordinationSpace(input: $input) { coordinationSpace { key level isOpen } } }`,
    input: (c) => ({
      key: `test-fixture-space-${c.toLowerCase()}`,
      level: 'DISTRICT',
      regionCode: 'puno',
      province: 'Puno',
      district: `Distrito de prueba ${c}`,
      sourceText: 'TEST FIXTURE: not from the source',
      sourceKey: 'coordination-spaces-five-regions',
    }),
  },
  {
    name: 'updateCoordinationSpace',
    query: `mutation ($input: UpdateCoordinationSpaceInput!) { updateCoordinationSpace(input: $input) { coordinationSpace { key note } } }`,
    input: (c) => ({ key: 'puno-desaguadero', note: `TEST FIXTURE note by ${c}` }),
  },
  {
    name: 'closeCoordinationSpace',
    query: `mutation ($input: CloseCoordinationSpaceInput!) { closeCoordinationSpace(input: $input) { coordinationSpace { key closedOn } } }`,
    input: (c) => ({ key: c === 'ADMIN' ? 'moquegua-ilo' : 'tacna-pocollay', closedOn: '2024-06-30', reason: 'TEST FIXTURE closure' }),
  },
  {
    name: 'reopenCoordinationSpace',
    admin: true,
    query: `mutation ($input: ReopenCoordinationSpaceInput!) { reopenCoordinationSpace(input: $input) { coordinationSpace { key isOpen } } }`,
    input: () => ({ key: 'moquegua-ilo' }),
  },
  {
    name: 'upsertServiceResult',
    query: `mutation ($input: UpsertServiceResultInput!) { upsertServiceResult(input: $input) { service { number results { year achieved executionRate } } } }`,
    input: (c) => ({ serviceNumber: 4, year: 2024, achieved: c === 'ADMIN' ? 901 : 900, executionRate: 101.5 }),
  },
  {
    name: 'upsertIndicator',
    query: `mutation ($input: UpsertIndicatorInput!) { upsertIndicator(input: $input) { indicator { key value } dataset { status } } }`,
    input: (c) => ({
      key: `test-fixture-cases-puno-2022-${c.toLowerCase()}`,
      datasetKey: 'trafficking-cases-by-region-2021-2023',
      label: 'TEST FIXTURE: casos en Puno, 2022',
      labelEn: 'TEST FIXTURE: cases in Puno, 2022',
      value: 12,
      scope: 'REGION',
      regionCode: 'puno',
      periodStart: '2022-01-01',
      periodEnd: '2022-12-31',
    }),
  },
  {
    name: 'deleteIndicator',
    admin: true,
    query: `mutation ($input: DeleteIndicatorInput!) { deleteIndicator(input: $input) { deletedKey dataset { key } } }`,
    input: () => ({ key: 'test-fixture-cases-puno-2022-editor' }),
  },
  {
    name: 'upsertDocument',
    query: `mutation ($input: UpsertDocumentInput!) { upsertDocument(input: $input) { document { key title } } }`,
    input: (c) => ({ key: `test-fixture-document-${c.toLowerCase()}`, title: 'TEST FIXTURE document', publisher: 'Test', publishedOn: '2025-03' }),
  },
  {
    name: 'upsertSource',
    query: `mutation ($input: UpsertSourceInput!) { upsertSource(input: $input) { source { key section } } }`,
    input: (c) => ({ key: `test-fixture-source-${c.toLowerCase()}`, documentKey: 'mininter-2024-02-nna', section: 'TEST FIXTURE section' }),
  },
];

describe.each(CALLERS)('as %s', (caller) => {
  it.each(MUTATIONS)(`$name`, async (m) => {
    const allowed = caller === 'ADMIN' || (caller === 'EDITOR' && !m.admin);
    const before = await server.fingerprint();
    const result = await server.as(caller, m.query, { input: m.input(caller ?? 'ANONYMOUS') });
    if (allowed) {
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.data[m.name]).toBeTruthy();
      expect(await server.fingerprint()).not.toBe(before);
      return;
    }
    // Refused: the right code, a message about the key and nothing else, no data, nothing written.
    const { code, message } = errorOf(result);
    expect(code).toBe(caller === null ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    expect(message).toMatch(caller === null ? /needs an API key/ : /needs a key with the (editor|admin) role/);
    expect(result.data?.[m.name] ?? null).toBeNull();
    expect(await server.fingerprint()).toBe(before);
  });
});

describe('the audit log and the caller', () => {
  const AUDIT = `{ auditLog(first: 100) { totalCount edges { node { action actor at subjectType subjectKey before after } } } }`;

  it('is for admins only', async () => {
    expect(errorOf(await server.as(null, AUDIT)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await server.as('VIEWER', AUDIT)).code).toBe('FORBIDDEN');
    expect(errorOf(await server.as('EDITOR', AUDIT)).code).toBe('FORBIDDEN');
    const admin = await server.as('ADMIN', AUDIT);
    expect(admin.errors).toBeUndefined();
  });

  it('holds one entry per successful mutation, naming the key holder, newest first', async () => {
    const { data } = await server.as('ADMIN', AUDIT);
    const entries = data.auditLog.edges.map((e: any) => e.node);
    const mutations = entries.filter((e: any) => !/ApiKey$/.test(e.action));
    // The editor's new 2024 service result came with no source: it is cited as entered in Vigía
    // by that editor, whose data-entry source (and its document) were created and audited with it.
    const dataEntry = mutations.filter((e: any) => /^(vigia-)?data-entry/.test(e.subjectKey));
    expect(dataEntry.map((e: any) => [e.action, e.actor])).toEqual([
      ['upsertSource', server.keys.EDITOR.name],
      ['upsertDocument', server.keys.EDITOR.name],
    ]);
    // 7 editor mutations + 9 admin mutations succeeded above.
    expect(mutations.length - dataEntry.length).toBe(16);
    expect(new Set(mutations.map((e: any) => e.actor))).toEqual(new Set([server.keys.EDITOR.name, server.keys.ADMIN.name]));
    for (const e of entries) expect(new Date(e.at).toISOString()).toBe(e.at);
    expect(entries.map((e: any) => e.at)).toEqual([...entries.map((e: any) => e.at)].sort().reverse());
    const reopen = entries.find((e: any) => e.action === 'reopenCoordinationSpace');
    expect(reopen).toMatchObject({ actor: server.keys.ADMIN.name, subjectType: 'CoordinationSpace', subjectKey: 'moquegua-ilo' });
    expect(reopen.before).toMatchObject({ closedOn: '2024-06-30', closedReason: 'TEST FIXTURE closure' });
    expect(reopen.after).toMatchObject({ closedOn: null, closedReason: null });
    const deleted = entries.find((e: any) => e.action === 'deleteIndicator');
    expect(deleted.before).toMatchObject({ key: 'test-fixture-cases-puno-2022-editor', value: 12 });
    expect(deleted.after).toBeNull();
    // Keys made for this test are audited too, without their secrets.
    const keyEntries = entries.filter((e: any) => e.action === 'createApiKey');
    expect(keyEntries).toHaveLength(4);
    expect(JSON.stringify(keyEntries)).not.toMatch(/vigia_|secret|scrypt/);
  });

  it('tells a key holder who they are, and an anonymous caller null', async () => {
    expect((await server.as(null, '{ me { name } }')).data).toEqual({ me: null });
    const { data } = await server.as('EDITOR', '{ me { name role keyId } }');
    expect(data.me).toMatchObject({ name: server.keys.EDITOR.name, role: 'EDITOR' });
    expect(server.keys.EDITOR.key).toContain(`_${data.me.keyId}_`);
  });

  it('refuses a wrong, malformed or revoked key with 401 instead of reading as anonymous', async () => {
    const asKey = (authorization: string) =>
      fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: '{ policy { horizonYear } }' }),
      });
    const good = server.keys.VIEWER.key;
    const wrongSecret = good.slice(0, -4) + (good.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const header of [`Bearer ${wrongSecret}`, 'Bearer not-a-key', `Basic ${good}`]) {
      const res = await asKey(header);
      expect(res.status, header).toBe(401);
      const body = await res.json();
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.data ?? null).toBeNull();
    }
    expect((await asKey(`Bearer ${good}`)).status).toBe(200);
    const { revokeKey } = await import('../../packages/server/src/auth/keys.js');
    const { localOperator } = await import('../../packages/server/src/core/audit.js');
    await revokeKey(server.prisma, good, localOperator());
    expect((await asKey(`Bearer ${good}`)).status).toBe(401);
  });
});
