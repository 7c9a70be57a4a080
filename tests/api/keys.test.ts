/**
 * API keys over GraphQL (admin keys only), with the CLI's rules and audit entries: create (the
 * key shown once), list, revoke; `me` says who a key belongs to and what it may do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/graphql.js';
import { metric } from '../production/support.js';
import { startWriteServer, type Role, type WriteServer } from '../write/support.js';

let server: WriteServer;
beforeAll(async () => {
  server = await startWriteServer();
});
afterAll(() => server?.stop());

const CREATE = `mutation Create($name: String!, $role: ApiKeyRole!) {
  createApiKey(input: { name: $name, role: $role }) { key apiKey { keyId name role createdAt revokedAt active } }
}`;
const REVOKE = `mutation Revoke($id: String!) { revokeApiKey(input: { id: $id }) { changed apiKey { keyId name role revokedAt active } } }`;
const LIST = '{ apiKeys { keyId name role createdAt revokedAt active } }';
const ME = '{ me { keyId name role permissions } }';
const withKey = (key: string, query: string, variables: Record<string, unknown> = {}) => gql(server.graphqlUrl, query, variables, { authorization: `Bearer ${key}` });
const auditOf = (action: string) => server.prisma.auditEntry.findMany({ where: { action }, orderBy: { id: 'asc' } });

describe('createApiKey, apiKeys, revokeApiKey', () => {
  let created: { key: string; apiKey: { keyId: string; createdAt: string } };

  it('creates a key shown once in its payload, usable at once, listed without its secret, audited', async () => {
    const res = await server.as('ADMIN', CREATE, { name: '  Oficina regional Puno  ', role: 'EDITOR' });
    expect(res.errors).toBeUndefined();
    created = res.data.createApiKey;
    expect(created.key).toMatch(/^vigia_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toEqual({
      keyId: created.key.split('_')[1],
      name: 'Oficina regional Puno',
      role: 'EDITOR',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      revokedAt: null,
      active: true,
    });

    const me = await withKey(created.key, ME);
    expect(me.data.me).toEqual({ keyId: created.apiKey.keyId, name: 'Oficina regional Puno', role: 'EDITOR', permissions: ['READ_STORED_VALUES', 'EDIT_DATA', 'IMPORT_DATA'] });

    const list = await server.as('ADMIN', LIST);
    expect(list.data.apiKeys).toContainEqual(created.apiKey);
    // The four keys of the test server, then this one: oldest first.
    expect(list.data.apiKeys.at(-1)).toEqual(created.apiKey);
    expect(JSON.stringify(list)).not.toContain(created.key.split('_')[2]);

    // The test server's own four keys were made by the local operator, before this one.
    const entry = (await auditOf('createApiKey')).at(-1);
    expect(entry).toMatchObject({ subjectType: 'ApiKey', subjectKey: created.apiKey.keyId, actor: server.keys.ADMIN.name, before: null });
    expect(JSON.parse(entry!.after!)).toEqual({ id: created.apiKey.keyId, name: 'Oficina regional Puno', role: 'EDITOR', createdAt: created.apiKey.createdAt });
    // Only the salted hash is stored, never the secret.
    expect(JSON.stringify(await server.prisma.apiKey.findMany())).not.toContain(created.key.split('_')[2]);
  });

  it('revokes a key: it stops working at once (401), the list shows when, the audit log says who', async () => {
    const res = await server.as('ADMIN', REVOKE, { id: created.apiKey.keyId });
    expect(res.data.revokeApiKey).toMatchObject({ changed: true, apiKey: { keyId: created.apiKey.keyId, active: false, revokedAt: expect.any(String) } });
    const refused = await withKey(created.key, ME);
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const list = await server.as('ADMIN', LIST);
    expect(list.data.apiKeys.find((k: { keyId: string }) => k.keyId === created.apiKey.keyId)).toMatchObject({ active: false, revokedAt: res.data.revokeApiKey.apiKey.revokedAt });
    const entries = await auditOf('revokeApiKey');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ subjectKey: created.apiKey.keyId, actor: server.keys.ADMIN.name });
    expect(JSON.parse(entries[0]!.after!)).toMatchObject({ revokedAt: res.data.revokeApiKey.apiKey.revokedAt });
  });

  it('revoking again changes nothing and writes no audit entry; the whole key is accepted as the id, as in the CLI', async () => {
    const again = await server.as('ADMIN', REVOKE, { id: created.key });
    expect(again.data.revokeApiKey).toMatchObject({ changed: false, apiKey: { keyId: created.apiKey.keyId, active: false } });
    expect(await auditOf('revokeApiKey')).toHaveLength(1);
  });

  it('says what is wrong with bad input, naming the field', async () => {
    const unknown = await server.as('ADMIN', REVOKE, { id: 'aaaaaaaaaaaa' });
    expect(unknown.errors?.[0]).toMatchObject({ message: 'id: no API key with id "aaaaaaaaaaaa" (see apiKeys)', extensions: { code: 'NOT_FOUND', field: 'id' } });
    const blank = await server.as('ADMIN', CREATE, { name: '   ', role: 'VIEWER' });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const long = await server.as('ADMIN', CREATE, { name: 'x'.repeat(101), role: 'VIEWER' });
    expect(long.errors?.[0]).toMatchObject({ message: 'name: must be at most 100 characters', extensions: { code: 'BAD_USER_INPUT', field: 'name' } });
    const role = await server.as('ADMIN', CREATE, { name: 'x', role: 'OWNER' });
    expect(role.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses editors and viewers (FORBIDDEN) and anonymous callers (401); nothing is written', async () => {
    const before = await server.prisma.apiKey.findMany({ orderBy: { id: 'asc' } });
    const audit = await server.prisma.auditEntry.count();
    const target = before[0]!.id;
    for (const role of ['EDITOR', 'VIEWER', null] as (Role | null)[]) {
      for (const [query, variables] of [[LIST, {}], [CREATE, { name: 'intruder', role: 'ADMIN' }], [REVOKE, { id: target }]] as const) {
        const res = await server.as(role, query, variables);
        expect(res.errors?.[0]?.extensions?.code, `${role} ${query.slice(0, 30)}`).toBe(role ? 'FORBIDDEN' : 'UNAUTHENTICATED');
        if (role) expect(res.errors?.[0]?.message).toMatch(/needs a key with the admin role/);
      }
    }
    expect(await server.prisma.apiKey.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect(await server.prisma.auditEntry.count()).toBe(audit);
  });

  it('keeps the public response cache: creating or revoking a key changes no public data', async () => {
    const read = () => gql(server.graphqlUrl, '{ policy { horizonYear } }');
    const invalidations = () => metric(server.url, 'vigia_response_cache_invalidations_total');
    await read();
    const before = await invalidations();
    const made = await server.as('ADMIN', CREATE, { name: 'Portal de prueba', role: 'VIEWER' });
    await server.as('ADMIN', REVOKE, { id: made.data.createApiKey.apiKey.keyId });
    expect(await invalidations()).toBe(before);
    // A data write still empties it (the counter is the one that moves).
    await server.as('EDITOR', 'mutation { upsertDocument(input: { key: "test-fixture-doc", title: "TEST FIXTURE", publisher: "Vigía tests", publishedOn: "2024" }) { changed } }');
    expect(await invalidations()).toBeGreaterThan(before);
  });
});

describe('me', () => {
  it('says who a key belongs to and what it may do; null when anonymous', async () => {
    const perms = async (role: Role) => (await server.as(role, ME)).data.me;
    expect(await perms('VIEWER')).toMatchObject({ role: 'VIEWER', name: server.keys.VIEWER.name, permissions: [] });
    expect((await perms('EDITOR')).permissions).toEqual(['READ_STORED_VALUES', 'EDIT_DATA', 'IMPORT_DATA']);
    expect((await perms('ADMIN')).permissions).toEqual(['READ_STORED_VALUES', 'EDIT_DATA', 'IMPORT_DATA', 'REOPEN_AND_DELETE', 'READ_AUDIT_LOG', 'MANAGE_API_KEYS']);
    expect((await server.as(null, ME)).data).toEqual({ me: null });
  });
});
