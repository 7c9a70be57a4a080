/** Relay pagination, global IDs, unknown codes and bad arguments, over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, gql } from '../helpers/graphql.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const page = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id key } }`;

describe('connections', () => {
  it('walks all 23 spaces in pages of 5 with stable cursors and no duplicates', async () => {
    const keys: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { coordinationSpaces: c }: any = await data(server.graphqlUrl, `query ($after: String) { coordinationSpaces(first: 5, after: $after) { ${page} } }`, { after });
      expect(c.totalCount).toBe(23);
      keys.push(...c.edges.map((e: any) => e.node.key));
      pages++;
      if (!c.pageInfo.hasNextPage) break;
      expect(c.pageInfo.endCursor).toBe(c.edges.at(-1).cursor);
      after = c.pageInfo.endCursor;
    }
    expect(pages).toBe(5);
    expect(new Set(keys).size).toBe(23);
    const { coordinationSpaces: all }: any = await data(server.graphqlUrl, `{ coordinationSpaces(first: 100) { edges { node { key } } } }`);
    expect(keys).toEqual(all.edges.map((e: any) => e.node.key));
  });

  it('filters by region and level, on the root and on a region', async () => {
    const r: any = await data(server.graphqlUrl, `{
      a: coordinationSpaces(regionCode: "cusco", level: PROVINCIAL) { totalCount edges { node { province } } }
      b: coordinationSpaces(level: POPULATED_CENTER) { totalCount edges { node { locality region { name } } } }
      c: region(code: "08") { coordinationSpaces(level: DISTRICT) { totalCount edges { node { district } } } }
      d: coordinationSpaces(regionCode: "21", first: 2) { totalCount edges { node { key } } pageInfo { hasNextPage } }
    }`);
    expect(r.a.totalCount).toBe(5);
    expect(r.a.edges.map((e: any) => e.node.province)).toEqual(['Cusco', 'La Convención', 'Paruro', 'Quispicanchi', 'Urcos']);
    expect(r.b.edges).toEqual([{ node: { locality: 'La Rinconada', region: { name: 'Puno' } } }]);
    expect(r.c.coordinationSpaces.edges.map((e: any) => e.node.district)).toEqual(['Catta', 'Pitumarca']);
    expect(r.d.totalCount).toBe(7);
    expect(r.d.edges).toHaveLength(2);
    expect(r.d.pageInfo.hasNextPage).toBe(true);
  });

  it('gives the same order on every call', async () => {
    const query = `{ regions { coordinationSpaces(first: 10) { edges { cursor } } } }`;
    const [a, b] = await Promise.all([data(server.graphqlUrl, query), data(server.graphqlUrl, query)]);
    expect(a).toEqual(b);
  });
});

describe('global object identification', () => {
  it('resolves node and nodes for every node type, and null for unknown ids', async () => {
    const ids: any = await data(server.graphqlUrl, `{
      region(code: "puno") { id coordinationSpaces(first: 1) { edges { node { id } } } policeTrained { id } }
      entities { id } services { id } datasets { id }
    }`);
    const regionId = ids.region.id;
    const spaceId = ids.region.coordinationSpaces.edges[0].node.id;
    const indicatorId = ids.region.policeTrained.id;
    const r: any = await data(server.graphqlUrl, `query ($ids: [ID!]!, $region: ID!) {
      node(id: $region) { __typename ... on Region { name } }
      nodes(ids: $ids) { __typename id }
    }`, { region: regionId, ids: [spaceId, indicatorId, ids.entities[0].id, ids.services[0].id, ids.datasets[0].id] });
    expect(r.node).toEqual({ __typename: 'Region', name: 'Puno' });
    expect(r.nodes.map((n: any) => n.__typename)).toEqual(['CoordinationSpace', 'Indicator', 'Entity', 'Service', 'Dataset']);
    const unknown = Buffer.from('Region:does-not-exist').toString('base64');
    const u: any = await data(server.graphqlUrl, `query ($id: ID!) { node(id: $id) { id } }`, { id: unknown });
    expect(u.node).toBeNull();
  });
});

describe('unknown codes give null or empty lists, never an error', () => {
  it.each(['99', 'atlantis', '<script>alert(1)</script>', '', '1; DROP TABLE Region'])('region code %j', async (code) => {
    const r = await gql(server.graphqlUrl, `query ($c: String!) {
      region(code: $c) { name }
      coordinationSpaces(regionCode: $c) { totalCount edges { node { id } } }
      coordinationSpaceSummary(regionCode: $c) { total }
      indicators(regionCode: $c) { key }
    }`, { c: code });
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      region: null,
      coordinationSpaces: { totalCount: 0, edges: [] },
      coordinationSpaceSummary: { total: 0 },
      indicators: [],
    });
  });

  it('unknown dataset, indicator and service keys give null', async () => {
    const r: any = await data(server.graphqlUrl, `{ dataset(key: "nope") { key } indicator(key: "nope") { key } service(number: 999) { number } }`);
    expect(r).toEqual({ dataset: null, indicator: null, service: null });
  });
});

describe('bad arguments get a clear error', () => {
  it('refuses a negative page size', async () => {
    const r = await gql(server.graphqlUrl, `{ coordinationSpaces(first: -1) { totalCount } }`);
    expect(r.errors?.[0]?.message).toMatch(/"first" must be a non-negative integer/);
  });

  it('refuses a malformed cursor', async () => {
    const r = await gql(server.graphqlUrl, `{ coordinationSpaces(after: "not-a-cursor") { totalCount } }`);
    expect(r.errors?.[0]?.message).toMatch(/Invalid cursor/i);
  });

  it('refuses an unknown level with the allowed values', async () => {
    const r = await gql(server.graphqlUrl, `{ coordinationSpaces(level: COUNTY) { totalCount } }`);
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.message).toMatch(/COUNTY/);
  });

  it('refuses a wrong argument type and an unknown field', async () => {
    const a = await gql(server.graphqlUrl, `{ region(code: 21) { name } }`);
    expect(a.status).toBe(400);
    expect(a.errors?.[0]?.message).toMatch(/String/);
    const b = await gql(server.graphqlUrl, `{ regions { population } }`);
    expect(b.errors?.[0]?.message).toMatch(/Cannot query field "population"/);
  });

  it('refuses page sizes above 100 (no silent clamping) and answers 100', async () => {
    const r = await gql(server.graphqlUrl, `{ coordinationSpaces(first: 1000) { edges { cursor } } }`);
    expect(r.status).toBe(400);
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0]?.message).toMatch(/"first" on Query\.coordinationSpaces is 1000; a page holds at most 100 items/);
    const ok: any = await data(server.graphqlUrl, `{ coordinationSpaces(first: 100) { edges { cursor } } }`);
    expect(ok.coordinationSpaces.edges).toHaveLength(23);
  });
});
