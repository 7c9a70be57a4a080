/** The HTTP surface around GraphQL: GraphQL-over-HTTP audits, GraphiQL, health, CSV, CORS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga } from 'graphql-yoga';
import { serverAudits } from 'graphql-http';
import { schema } from '../../packages/server/src/graphql/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  const run = async (url: string) => {
    const results = await Promise.all(serverAudits({ url: () => url, fetchFn: fetch }).map((audit) => audit.fn()));
    return new Map(results.map((r) => [r.name, r]));
  };

  it('passes every MUST, SHOULD and MAY audit that a bare graphql-yoga passes', async () => {
    // The reference: graphql-yoga with our schema and nothing else (no limits, caching, jit…).
    const bare = createServer(createYoga({ schema, graphqlEndpoint: '/graphql', maskedErrors: true, logging: false }));
    await new Promise<void>((done) => bare.listen(0, '127.0.0.1', done));
    try {
      const reference = await run(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/graphql`);
      // Twice: graphql-jit compiles a document from its second request on, and must answer the same.
      for (const round of [1, 2]) {
        const ours = await run(server.graphqlUrl);
        const failures = [...reference.values()]
          .filter((r) => r.status === 'ok' && ours.get(r.name)?.status !== 'ok')
          .map((r) => `round ${round}: ${r.name} — ${(ours.get(r.name) as { reason?: string } | undefined)?.reason}`);
        expect(failures).toEqual([]);
        // MUSTs ("error") and SHOULDs ("warn") pass whatever the reference does.
        expect([...ours.values()].filter((r) => r.status === 'error' || r.status === 'warn').map((r) => r.name)).toEqual([]);
        expect(ours.size).toBeGreaterThan(30);
      }
    } finally {
      await new Promise((done) => bare.close(done));
    }
  });

  it('answers GET queries (cacheable by a CDN)', async () => {
    const url = `${server.graphqlUrl}?query=${encodeURIComponent('{ region(code: "tacna") { name } }')}`;
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { region: { name: 'Tacna' } }, extensions: { cost: expect.any(Object) } });
  });
});

describe('routes', () => {
  it('GET /health answers 200 with JSON once the database answers', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('serves GraphiQL to a browser at /graphql', async () => {
    const res = await fetch(server.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/graphiql/i);
    expect(html).toMatch(/Vigía GraphQL API/);
  });

  it('lets any origin read the API, without credentials', async () => {
    const preflight = await fetch(server.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://partner.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBeLessThan(300);
    // A literal "*": browsers then never send credentials, and CDN caches are not split by Origin.
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-credentials')).not.toBe('true');
    const res = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { origin: 'https://partner.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ policy { horizonYear } }' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).not.toBe('true');
  });

  it('serves a dataset as CSV with one header row', async () => {
    const res = await fetch(`${server.url}/data/police-officers-trained-2021-2023.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^dataset,key,label,label_en,value,unit,period_start,period_end,scope,region_code/);
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.includes('police-trained-puno'))).toMatch(/,420,efectivos policiales,2021-01-01,2023-12-31,REGION,21,/);
  });

  it('serves a pending dataset as a header alone, and 404 for an unknown one', async () => {
    const pending = await fetch(`${server.url}/data/trafficking-cases-by-region-2021-2023.csv`);
    expect((await pending.text()).trim().split('\n')).toHaveLength(1);
    const unknown = await fetch(`${server.url}/data/nope.csv`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'No dataset with key "nope"', code: 'NOT_FOUND' });
  });

  it('links each dataset to its CSV', async () => {
    const res = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ dataset(key: "trafficking-victims-profile-2021-2022") { csvUrl } }' }),
    });
    const { data } = await res.json();
    expect(data.dataset.csvUrl).toBe(`${server.url}/data/trafficking-victims-profile-2021-2022.csv`);
    expect((await fetch(data.dataset.csvUrl)).status).toBe(200);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await fetch(`${server.url}/nope`);
    expect(res.status).toBe(404);
  });
});
