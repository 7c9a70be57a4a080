/**
 * Compiled execution (graphql-jit, GRAPHQL_JIT): a document is interpreted on its first request
 * and compiled from its second; the compiled answer is the interpreted one; a document with
 * several operations runs the one named on every request, compiled or not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metric, post, startProductionServer, type ProductionServer } from './support.js';

const COMPILED = 'vigia_graphql_compiled_documents_total';

describe('GRAPHQL_JIT=true (the default)', () => {
  let server: ProductionServer;
  beforeAll(async () => {
    server = await startProductionServer({ RESPONSE_CACHE: 'false' });
  });
  afterAll(() => server?.close());

  it('interprets a document the first time and compiles it the second, with the same answer', async () => {
    const query = '{ region(code: "puno") { name coordinationSpaceSummary { total } policeTrained { value source { section } } } }';
    const before = await metric(server.url, COMPILED);
    const first = await post(server.graphqlUrl, { query });
    expect(await metric(server.url, COMPILED)).toBe(before);
    const second = await post(server.graphqlUrl, { query });
    const third = await post(server.graphqlUrl, { query });
    expect(await metric(server.url, COMPILED)).toBe(before + 1);
    expect(first.json.data.region.name).toBe('Puno');
    expect(second.json).toEqual(first.json);
    expect(third.json).toEqual(first.json);
  });

  it('runs the named operation of a document that holds several, every time', async () => {
    const query = 'query Policy { policy { key } } query Services { services { number } }';
    for (let i = 0; i < 3; i++) {
      const policy = await post(server.graphqlUrl, { query, operationName: 'Policy' });
      const services = await post(server.graphqlUrl, { query, operationName: 'Services' });
      expect(policy.json.data).toEqual({ policy: { key: 'pnt-2030' } });
      expect(services.json.data.services.map((s: { number: number }) => s.number)).toEqual([4, 20]);
    }
  });

  it('gives compiled errors as interpreted ones: a bad cursor, a missing variable', async () => {
    const bad = '{ coordinationSpaces(after: "bogus") { totalCount } }';
    const first = await post(server.graphqlUrl, { query: bad });
    const second = await post(server.graphqlUrl, { query: bad });
    expect(first.json.errors[0].message).toBe('Invalid cursor: bogus');
    expect(second.json).toEqual(first.json);
    const needsCode = 'query ($code: String!) { region(code: $code) { name } }';
    const a = await post(server.graphqlUrl, { query: needsCode, variables: {} });
    const b = await post(server.graphqlUrl, { query: needsCode, variables: {} });
    expect(a.json.errors[0].message).toMatch(/\$code/);
    expect(b.json).toEqual(a.json);
  });
});

describe('GRAPHQL_JIT=false', () => {
  let server: ProductionServer;
  beforeAll(async () => {
    server = await startProductionServer({ RESPONSE_CACHE: 'false', GRAPHQL_JIT: 'false' });
  });
  afterAll(() => server?.close());

  it('interprets every request and compiles nothing', async () => {
    const query = '{ regions(focus: true) { name } }';
    for (let i = 0; i < 3; i++) expect((await post(server.graphqlUrl, { query })).json.data.regions).toHaveLength(5);
    expect(await metric(server.url, COMPILED)).toBe(0);
  });
});
