/** The HTTP surface around GraphQL: GraphQL-over-HTTP audits, GraphiQL, health, CSV, CORS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAudits } from 'graphql-http';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  it('passes every MUST and SHOULD audit', async () => {
    const audits = serverAudits({ url: () => server.graphqlUrl, fetchFn: fetch });
    const results = await Promise.all(audits.map((audit) => audit.fn()));
    const failures = results.filter((r) => r.status !== 'ok').map((r) => `${r.status}: ${r.name} — ${r.reason}`);
    // "notice" audits are MAYs; MUSTs ("error") and SHOULDs ("warn") must all pass.
    expect(failures.filter((f) => !f.startsWith('notice'))).toEqual([]);
    expect(results.length).toBeGreaterThan(30);
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
    expect(await unknown.json()).toEqual({ error: 'No dataset with key "nope"' });
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
