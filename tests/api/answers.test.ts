/**
 * The public read API's answers, recorded. Every root field of the published SDL is asked with
 * every field of its types selected a few levels deep (in Spanish and in English), every object is fetched back by `node(id:)`, and the connections are paged
 * forwards and backwards. The answers must match the files in __answers__, which were recorded
 * from the first, Prisma-backed implementation: a change of implementation must not change what
 * partners get. A deliberate change of an answer is re-recorded with `vitest -u` and reviewed.
 * Every query is asked twice (a document runs interpreted the first time, compiled by graphql-jit
 * from the second) and also of a second server on the same database that only interprets
 * (GRAPHQL_JIT=false): the three answers must be the same, errors' locations included.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '@vigia/server';
import { gql } from '../helpers/graphql.js';
import { startWriteServer, type WriteServer } from '../write/support.js';

const sdl = buildSchema(readFileSync(resolve(import.meta.dirname, '../../packages/schema/schema.graphql'), 'utf8'));
/** Root fields that are not public reads (admin audit log, API keys, webhooks) or are asked apart (node lookups). */
const NOT_HERE = new Set(['auditLog', 'apiKeys', 'webhooks', 'node', 'nodes', 'me']);
/**
 * Object fields whose answers change from run to run or are the audit trail's. A revision's
 * `publishedAt` and a dataset's `citation` carry the day the test database was seeded
 * (tests/api/citation.test.ts and revisions.test.ts check them).
 */
const VOLATILE = new Set(['updatedAt', 'createdAt', 'lastChangedAt', 'changedAt', 'at', 'auditLog', 'history', 'publishedAt', 'citation']);
const DEPTH = 2;

/** Every leaf field of a type, and its object fields down to `depth` levels. */
function selection(type: GraphQLObjectType, depth: number, lang: 'ES' | 'EN'): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (VOLATILE.has(field.name)) continue;
    // Fields with required arguments (other than lang) are asked by their own queries.
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const args = field.args.some((a) => a.name === 'lang') ? `(lang: ${lang})` : '';
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      parts.push(`${field.name}${args}`);
    } else if (isObjectType(named)) {
      // Connections and their edges do not count as a level: they only wrap the nodes.
      const wrapper = named.name.endsWith('Connection') || named.name.endsWith('Edge') || named.name === 'PageInfo';
      const next = wrapper ? depth : depth - 1;
      if (next < 0) continue;
      const inner = selection(named, next, lang);
      if (inner) parts.push(`${field.name}${args} { ${inner} }`);
    }
  }
  return parts.join(' ');
}

function rootQuery(name: string, lang: 'ES' | 'EN', args = ''): string {
  const field = sdl.getQueryType()!.getFields()[name]!;
  const named = getNamedType(field.type);
  const langArg = field.args.some((a) => a.name === 'lang') ? `lang: ${lang}` : '';
  const all = [args, langArg].filter(Boolean).join(', ');
  const call = all ? `${name}(${all})` : name;
  return isLeafType(named) ? `{ ${call} }` : `{ ${call} { ${selection(named as GraphQLObjectType, DEPTH, lang)} } }`;
}

/** Root fields with their argument variants: each is asked on its own. */
const VARIANTS: Record<string, string[]> = {
  regions: ['', 'focus: true', 'focus: false'],
  region: ['code: "21"', 'code: "PUNO"', 'code: "madre-de-dios"', 'code: "99"', 'code: "nowhere"'],
  coordinationSpaces: ['', 'regionCode: "puno"', 'regionCode: "04", level: PROVINCIAL', 'level: DISTRICT', 'regionCode: "zz"', 'first: 3', 'last: 2'],
  closedCoordinationSpaces: ['', 'regionCode: "puno"'],
  coordinationSpaceSummary: ['', 'regionCode: "puno"', 'regionCode: "08"', 'regionCode: "lima"', 'regionCode: "nowhere"'],
  entities: ['', 'kind: SECTOR', 'kind: AUTONOMOUS_BODY'],
  indicators: ['', 'regionCode: "puno"', 'regionCode: "23"', 'regionCode: "nowhere"'],
  dataset: ['key: "police-officers-trained-2021-2023"', 'key: "coordination-spaces-national-2023"', 'key: "nope"'],
  indicator: ['key: "police-trained-puno"', 'key: "victims-women-share"', 'key: "nope"'],
  service: ['number: 4', 'number: 20', 'number: 1'],
  sources: ['', 'documentKey: "mininter-2024-02-nna"', 'documentKey: "nope"'],
};

let server: WriteServer;
let interpreted: RunningServer;
/** Database ids (cuids, new on every seed) → a stable label from the row's own key. */
const labels = new Map<string, string>();

/**
 * What is recorded: global IDs and cursors decoded, with each database id replaced by its row's
 * key ("Region:cmx…" → "Region:<region 21>"), and no port. The recording then holds no value
 * that changes from one seeded database to the next, and reads like the data.
 */
function recorded(answer: unknown): string {
  const relabel = (text: string) => text.replace(/c[a-z0-9]{24}/g, (id) => labels.get(id) ?? id);
  return JSON.stringify(answer, null, 2)
    .replaceAll(server.url, 'http://vigia.test')
    .replace(/"([A-Za-z0-9+/]{16,}={0,2})"/g, (whole, text: string) => {
      const decoded = Buffer.from(text, 'base64').toString('utf8');
      return /^(\w+:|GPC:)/.test(decoded) && /c[a-z0-9]{24}/.test(decoded) ? JSON.stringify(`⟨${relabel(decoded)}⟩`) : whole;
    });
}

beforeAll(async () => {
  // These queries ask for everything at once, far past what the public limits allow.
  Object.assign(process.env, { MAX_DEPTH: '100', MAX_COST: '10000000', MAX_TOKENS: '1000000', MAX_ALIASES: '10000' });
  // Every request executed: a cached second answer would not show the compiled one.
  process.env.RESPONSE_CACHE = 'false';
  server = await startWriteServer();
  interpreted = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: server.databaseUrl, env: { GRAPHQL_JIT: 'false' } });
  const db = server.prisma;
  const rows: [string, { id: string; [k: string]: unknown }[], (r: any) => unknown][] = [
    ['region', await db.region.findMany(), (r) => r.code],
    ['space', await db.coordinationSpace.findMany(), (r) => r.key],
    ['dataset', await db.dataset.findMany(), (r) => r.key],
    ['indicator', await db.observation.findMany(), (r) => r.key],
    ['entity', await db.entity.findMany(), (r) => r.key],
    ['service', await db.service.findMany(), (r) => r.number],
    ['source', await db.source.findMany(), (r) => r.key],
    ['document', await db.document.findMany(), (r) => r.key],
    ['policy', await db.policy.findMany(), (r) => r.key],
  ];
  for (const [kind, list, key] of rows) for (const row of list) labels.set(row.id, `<${kind} ${String(key(row))}>`);
}, 120_000);
afterAll(async () => {
  await interpreted?.close();
  await server?.stop();
});

const publicRoots = () =>
  Object.keys(sdl.getQueryType()!.getFields())
    .filter((name) => !NOT_HERE.has(name))
    .sort();

async function ask(role: 'EDITOR' | null, query: string) {
  const whole = (result: Awaited<ReturnType<typeof gql>>) => ({ data: result.data ?? null, errors: result.errors });
  const first = whole(await server.as(role, query));
  const compiled = whole(await server.as(role, query));
  const headers: Record<string, string> = role ? { authorization: `Bearer ${server.keys[role].key}` } : {};
  // Absolute URLs in answers (Dataset.csvUrl) name the server asked.
  const other = JSON.parse(JSON.stringify(whole(await gql(interpreted.graphqlUrl, query, {}, headers))).replaceAll(interpreted.url, server.url));
  expect(compiled, query).toEqual(first);
  expect(other, query).toEqual(first);
  // Recorded: the data, and each error's message and path.
  return { data: first.data, errors: first.errors?.map((e) => ({ message: e.message, path: (e as { path?: unknown }).path })) };
}

// Suppression (what a key changes) is proven in tests/write/suppression.test.ts: the seed holds no
// figure small enough to be suppressed, so the public answers here are everyone's.
describe.each([['public', null]] as const)('as %s', (who, role) => {
  it.each(publicRoots())('answers %s as recorded', async (name) => {
    const answers: Record<string, unknown> = {};
    for (const variant of VARIANTS[name] ?? ['']) {
      for (const lang of ['ES', 'EN'] as const) {
        answers[`${variant || '(no arguments)'} · ${lang}`] = await ask(role, rootQuery(name, lang, variant));
      }
    }
    await expect(recorded(answers)).toMatchFileSnapshot(`__answers__/${who}/${name}.json`);
  });
});

it('fetches every object back by node(id:) and nodes(ids:) as recorded', async () => {
  // Every global ID the public answers hold, with its type.
  const ids = new Map<string, string>();
  const collect = (value: unknown, type?: string) => {
    if (Array.isArray(value)) return value.forEach((v) => collect(v));
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.id === 'string' && typeof record.__typename === 'string') ids.set(record.id, record.__typename);
      Object.values(record).forEach((v) => collect(v, type));
    }
  };
  const nodeTypes = Object.values(sdl.getTypeMap()).filter(
    (t): t is GraphQLObjectType => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'),
  );
  // One fragment per id, of its own type: fragments of several types would conflict on shared field names.
  const fragment = (type: string) => `... on ${type} { ${selection(sdl.getType(type) as GraphQLObjectType, 1, 'ES')} }`;
  for (const name of ['regions', 'entities', 'services', 'datasets', 'indicators', 'coordinationSpaces', 'closedCoordinationSpaces']) {
    const field = sdl.getQueryType()!.getFields()[name]!;
    const named = getNamedType(field.type) as GraphQLObjectType;
    const body = named.name.endsWith('Connection') ? `edges { node { __typename id } }` : `__typename id`;
    const args = named.name.endsWith('Connection') ? '(first: 100)' : '';
    collect((await server.as(null, `{ ${name}${args} { ${body} } }`)).data);
  }
  expect(new Set(ids.values())).toEqual(new Set(nodeTypes.map((t) => t.name)));
  const answers: Record<string, unknown> = {};
  const byLabel = [...ids.keys()].map((id) => [recorded(id), id] as const).sort(([a], [b]) => a.localeCompare(b));
  for (const [label, id] of byLabel) answers[JSON.parse(label)] = await ask(null, `{ node(id: ${JSON.stringify(id)}) { __typename ${fragment(ids.get(id)!)} } }`);
  // Unknown, malformed and wrong-type ids.
  for (const id of ['UmVnaW9uOjk5OTk5', 'not-an-id', '', 'Rm9vOjE=']) answers[`unknown ${JSON.stringify(id)}`] = await ask(null, `{ node(id: ${JSON.stringify(id)}) { __typename id } }`);
  const some = byLabel.filter((_, i) => i % 7 === 0).map(([, id]) => id);
  answers.nodes = await ask(null, `{ nodes(ids: ${JSON.stringify([...some, 'UmVnaW9uOjk5OTk5'])}) { __typename id } }`);
  await expect(recorded(answers)).toMatchFileSnapshot('__answers__/public/node.json');
  // Enum values the answers may hold are the SDL's own.
  expect(isEnumType(sdl.getType('CoordinationLevel'))).toBe(true);
  expect(isInterfaceType(sdl.getType('Node'))).toBe(true);
});

it('pages every connection forwards and backwards as recorded', async () => {
  const page = (args: string) => `{ coordinationSpaces(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { key } } } }`;
  const answers: Record<string, unknown> = {};
  const first = await ask(null, page('first: 4'));
  answers['first: 4'] = first;
  let after = (first as any).data.coordinationSpaces.pageInfo.endCursor as string;
  for (let i = 2; i <= 4 && after; i += 1) {
    const next = await ask(null, page(`first: 4, after: ${JSON.stringify(after)}`));
    answers[`page ${i}`] = next;
    after = (next as any).data.coordinationSpaces.pageInfo.endCursor;
  }
  const last = await ask(null, page('last: 3'));
  answers['last: 3'] = last;
  const before = (last as any).data.coordinationSpaces.pageInfo.startCursor as string;
  answers['last: 3 before'] = await ask(null, page(`last: 3, before: ${JSON.stringify(before)}`));
  answers['region, first: 2, after'] = await ask(null, `{ region(code: "puno") { coordinationSpaces(first: 2) { pageInfo { endCursor } } } }`);
  const regionAfter = (answers['region, first: 2, after'] as any).data.region.coordinationSpaces.pageInfo.endCursor;
  answers['region page 2'] = await ask(
    null,
    `{ region(code: "puno") { coordinationSpaces(first: 2, after: ${JSON.stringify(regionAfter)}) { totalCount pageInfo { hasNextPage hasPreviousPage } edges { cursor node { key } } } } }`,
  );
  answers['region level'] = await ask(null, `{ region(code: "puno") { coordinationSpaces(level: PROVINCIAL) { totalCount edges { node { key } } } } }`);
  for (const bad of ['first: -1', 'first: 1000', 'after: "bogus"', 'first: 2, last: 2', 'after: "R1BDOk46OTk5OTk="', `after: "${Buffer.from('GPC:S:czzzzzzzzzzzzzzzzzzzzzzzz').toString('base64')}"`]) {
    answers[bad] = await ask(null, page(bad));
  }
  answers['totalCount only'] = await ask(null, `{ coordinationSpaces(regionCode: "cusco") { totalCount } }`);
  await expect(recorded(answers)).toMatchFileSnapshot('__answers__/public/paging.json');
});

/**
 * Invalid requests get one answer whatever the executor: the status, each error's message,
 * locations and extensions.code are the same the first time (interpreted), the second time
 * (graphql-jit where it applies) and on a server without graphql-jit; every error has a code.
 */
it('answers invalid requests the same with and without graphql-jit, each error with a code, as recorded', async () => {
  const invalid: [string, string, Record<string, unknown>?][] = [
    ['wrong variable type', 'query Card($code: String!) { region(code: $code) { name } }', { code: 5 }],
    ['missing variable', 'query Card($code: String!) { region(code: $code) { name } }', {}],
    ['null for a non-null variable', 'query Card($code: String!) { region(code: $code) { name } }', { code: null }],
    ['unknown enum value in a variable', 'query Spaces($level: CoordinationLevel) { coordinationSpaces(level: $level) { totalCount } }', { level: 'COUNTY' }],
    ['unknown enum value in the document', '{ coordinationSpaces(level: COUNTY) { totalCount } }'],
    ['an Int variable out of range', 'query Page($first: Int) { coordinationSpaces(first: $first) { totalCount } }', { first: 1e20 }],
    ['a list variable of the wrong type', 'query Many($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [{}] }],
    ['an unknown field', '{ region(code: "puno") { nombre } }'],
    ['a syntax error', '{ region(code: "puno") { name }'],
    ['a subscription selecting only __typename (a subscription needs one real field)', 'subscription Live { __typename }'],
    ['an invalid global id', '{ node(id: "not-an-id") { id } }'],
    ['a global id of an unknown type', '{ node(id: "Rm9vOjE=") { id } }'],
    ['invalid global ids in a list', `{ nodes(ids: ["not-an-id", "${Buffer.from('Region:').toString('base64')}"]) { id } }`],
    ['a bad cursor', '{ coordinationSpaces(after: "bogus") { totalCount } }'],
    ['a page too large', '{ coordinationSpaces(first: 1000) { totalCount } }'],
    ['two operations without operationName', 'query A { policy { name } } query B { policy { decree } }'],
    ['an operationName that is not in the document', 'query A { policy { name } }'],
  ];
  const post = async (url: string, query: string, variables?: Record<string, unknown>, operationName?: string) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, variables, operationName }),
    });
    const body = await res.json();
    return {
      status: res.status,
      data: body.data,
      errors: body.errors?.map((e: any) => ({ message: e.message, locations: e.locations, path: e.path, code: e.extensions?.code })),
    };
  };
  const answers: Record<string, unknown> = {};
  for (const [what, query, variables] of invalid) {
    const operationName = what.startsWith('an operationName') ? 'Nope' : undefined;
    const first = await post(server.graphqlUrl, query, variables, operationName);
    const second = await post(server.graphqlUrl, query, variables, operationName);
    const third = await post(server.graphqlUrl, query, variables, operationName);
    const other = await post(interpreted.graphqlUrl, query, variables, operationName);
    expect(second, what).toEqual(first);
    expect(third, what).toEqual(first);
    expect(other, what).toEqual(first);
    expect(first.errors?.length, what).toBeGreaterThan(0);
    for (const error of first.errors ?? []) expect(error.code, `${what}: ${error.message}`).toEqual(expect.any(String));
    answers[what] = first;
  }
  await expect(JSON.stringify(answers, null, 2)).toMatchFileSnapshot('__answers__/public/invalid.json');
});
