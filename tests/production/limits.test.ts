/** Hostile input is refused fast with a message saying what to change; a query at each limit is answered. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema, createYoga } from 'graphql-yoga';
import { useGraphQLLimits } from '../../packages/server/src/limits/plugin.js';
import { post, startProductionServer, type ProductionServer } from './support.js';

let server: ProductionServer;
beforeAll(async () => {
  server = await startProductionServer({
    MAX_DEPTH: '6',
    MAX_ALIASES: '3',
    MAX_DIRECTIVES: '2',
    MAX_TOKENS: '200',
    MAX_COST: '300',
    MAX_BODY_BYTES: '4096',
    MAX_BATCH: '2',
  });
});
afterAll(() => server?.close());

/** Refused within milliseconds: no database work happens before the refusal. */
const FAST_MS = 250;

async function refused(query: string, code: string, message: RegExp) {
  const r = await post(server.graphqlUrl, { query });
  expect(r.status).toBe(400);
  expect(r.json.data).toBeUndefined();
  expect(r.json.errors[0].extensions.code).toBe(code);
  expect(r.json.errors[0].message).toMatch(message);
  expect(r.ms).toBeLessThan(FAST_MS);
}

async function answered(query: string) {
  const r = await post(server.graphqlUrl, { query });
  expect(r.json.errors).toBeUndefined();
  expect(r.status).toBe(200);
  return r.json;
}

describe('depth', () => {
  const atLimit = '{ region(code: "puno") { coordinationSpaces(first: 1) { edges { node { region { name } } } } } }';
  it('answers a query nested 6 levels deep (the limit)', async () => {
    expect((await answered(atLimit)).data.region.coordinationSpaces.edges[0].node.region.name).toBe('Puno');
  });
  it('refuses 7 levels', async () => {
    await refused(
      '{ region(code: "puno") { coordinationSpaces(first: 1) { edges { node { region { policeTrained { value } } } } } } }',
      'DEPTH_LIMIT_EXCEEDED',
      /nested 7 levels deep; the limit is 6/,
    );
  });
  it('counts depth through fragments', async () => {
    await refused(
      'query Deep { region(code: "puno") { ...R } } fragment R on Region { coordinationSpaces(first: 1) { edges { node { region { policeTrained { value } } } } } }',
      'DEPTH_LIMIT_EXCEEDED',
      /Operation "Deep" is nested 7 levels/,
    );
  });
});

describe('aliases and directives', () => {
  it('answers 3 aliases and refuses 4', async () => {
    await answered('{ a: policy { name } b: policy { name } c: policy { name } }');
    await refused('{ a: policy { name } b: policy { name } c: policy { name } d: policy { name } }', 'ALIAS_LIMIT_EXCEEDED', /uses 4 aliases; the limit is 3/);
  });
  it('answers 2 directives and refuses 3', async () => {
    await answered('{ policy { name @include(if: true) decree @skip(if: false) } }');
    await refused(
      '{ policy { name @include(if: true) decree @skip(if: false) horizonYear @include(if: true) } }',
      'DIRECTIVE_LIMIT_EXCEEDED',
      /uses 3 directives; the limit is 2/,
    );
  });
  it('refuses a fragment bomb in milliseconds (fragments counted once each, as large as they expand)', async () => {
    const levels = 12;
    let doc = `query Bomb { policy { ...F0 } } fragment F${levels} on Policy { x: name }`;
    for (let i = 0; i < levels; i++) doc += ` fragment F${i} on Policy { ...F${i + 1} ...F${i + 1} }`;
    const r = await post(server.graphqlUrl, { query: doc });
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: any) => e.extensions.code)).toContain('ALIAS_LIMIT_EXCEEDED');
    expect(r.ms).toBeLessThan(FAST_MS);
  });
});

describe('tokens', () => {
  const fields = (n: number) => `{ policy { ${'name '.repeat(n)}} }`;
  it('answers 200 tokens and refuses 201', async () => {
    await answered(fields(195));
    const r = await post(server.graphqlUrl, { query: fields(196) });
    expect(r.status).toBe(400);
    expect(r.json.errors[0].message).toMatch(/more than 200 tokens, the limit/);
    expect(r.json.errors[0].extensions.code).toBe('TOKEN_LIMIT_EXCEEDED');
  });
});

describe('cost, page size and extensions.cost', () => {
  const spaces = (n: number) => `{ coordinationSpaces(first: ${n}) { edges { node { region { name } } } } }`;
  it('reports the cost of every answer in extensions.cost', async () => {
    const r = await answered('{ policy { name } }');
    expect(r.extensions.cost).toEqual({ requestedQueryCost: 1, maximumQueryCost: 300 });
  });
  it('costs lists by their first: 1 + 99 × 3 = 298 is answered, 1 + 100 × 3 = 301 refused', async () => {
    expect((await answered(spaces(99))).extensions.cost.requestedQueryCost).toBe(298);
    await refused(spaces(100), 'COST_LIMIT_EXCEEDED', /would cost 301; the limit is 300/);
  });
  it('uses variables and their defaults to cost a page', async () => {
    const r = await post(server.graphqlUrl, { query: 'query ($n: Int = 150) { coordinationSpaces(first: $n) { totalCount } }' });
    expect(r.status).toBe(400);
    expect(r.json.errors[0].extensions.code).toBe('PAGE_SIZE_LIMIT_EXCEEDED');
    const ok = await post(server.graphqlUrl, { query: 'query ($n: Int) { coordinationSpaces(first: $n) { totalCount } }', variables: { n: 100 } });
    expect(ok.json.data.coordinationSpaces.totalCount).toBe(23);
  });
});

describe('request size and batches', () => {
  it('refuses a body over MAX_BODY_BYTES with 413 and a clear message', async () => {
    const query = `{ policy { name } } # ${'x'.repeat(5000)}`;
    const r = await post(server.graphqlUrl, { query });
    expect(r.status).toBe(413);
    expect(r.json.errors[0].message).toMatch(/the limit is 4096 bytes/);
    expect(r.ms).toBeLessThan(FAST_MS);
  });
  it('answers a batch of 2 and refuses a batch of 3 with 413', async () => {
    const one = { query: '{ policy { horizonYear } }' };
    const ok = await post(server.graphqlUrl, [one, one], { accept: 'application/json' });
    expect(ok.status).toBe(200);
    expect(ok.json).toHaveLength(2);
    const r = await post(server.graphqlUrl, [one, one, one], { accept: 'application/json' });
    expect(r.status).toBe(413);
    expect(JSON.stringify(r.json)).toMatch(/Batching is limited to 2 operations/);
  });
});

describe('execution time limit', () => {
  it('stops a query that runs past EXECUTION_TIMEOUT_MS with a TIMEOUT error, and lets writes finish', async () => {
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { slow: String fast: String } type Mutation { save: String }',
        resolvers: {
          Query: { slow: () => new Promise((done) => setTimeout(() => done('late'), 2000)), fast: () => 'ok' },
          Mutation: { save: () => new Promise((done) => setTimeout(() => done('saved'), 300)) },
        },
      }),
      plugins: [
        useGraphQLLimits({
          maxDepth: 10,
          maxAliases: 10,
          maxDirectives: 10,
          maxTokens: 100,
          maxCost: 100,
          maxPageSize: 100,
          assumedListSize: 10,
          defaultPageSize: 20,
          executionTimeoutMs: 100,
        }),
      ],
      logging: false,
    });
    const started = performance.now();
    const slow = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ slow }' }),
    });
    const body = await slow.json();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(body.errors[0].extensions.code).toBe('TIMEOUT');
    expect(body.errors[0].message).toMatch(/longer than 100 ms/);
    const fast = await yoga.fetch('http://yoga/graphql?query=%7Bfast%7D');
    expect((await fast.json()).data).toEqual({ fast: 'ok' });
    // A write is never cut short: it answers with what happened to it.
    const save = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { save }' }),
    });
    expect((await save.json()).data).toEqual({ save: 'saved' });
  });
});
