/**
 * PUBLIC_URL: where partners reach Vigía. Canonical URLs, oEmbed, Open Graph and the widget's
 * data-endpoint use it, whatever Host header a request carries (a cached page must never name
 * another host). Set here before the server starts; each test file runs in its own process.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { request } from 'node:http';
import { startTestServer, type TestServer } from '../helpers/server.js';

const PUBLIC = 'https://vigia.example.org';
let api: TestServer;

beforeAll(async () => {
  process.env.PUBLIC_URL = `${PUBLIC}/`;
  api = await startTestServer();
});
afterAll(async () => {
  await api?.close();
  delete process.env.PUBLIC_URL;
});

/** A GET with a Host header of our choosing (fetch does not let us set one). */
function getWithHost(path: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(api.url);
  return new Promise((done, fail) => {
    request({ hostname, port, path, headers: { host, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c) => (body += c)).on('end', () => done({ status: res.statusCode!, body }));
    })
      .on('error', fail)
      .end();
  });
}

it('embed pages name PUBLIC_URL, never the Host header they were asked with', async () => {
  const { status, body } = await getWithHost('/embed/region-card?region=puno', 'attacker.example');
  expect(status).toBe(200);
  expect(body).toContain(`<link rel="canonical" href="${PUBLIC}/embed/region-card?region=puno">`);
  expect(body).toContain(`<meta property="og:image" content="${PUBLIC}/embed/region-card.png?region=puno">`);
  expect(body).toContain(`data-endpoint="${PUBLIC}/graphql"`);
  expect(body).not.toContain('attacker.example');
});

it('oEmbed answers for PUBLIC_URL embeds (any scheme) and refuses the others', async () => {
  for (const url of [`${PUBLIC}/embed/indicator?key=victims-women-share`, `http://vigia.example.org/embed/indicator?key=victims-women-share`]) {
    const res = await fetch(`${api.url}/oembed?url=${encodeURIComponent(url)}`);
    expect(res.status, url).toBe(200);
    const o = await res.json();
    expect(o.provider_url).toBe(`${PUBLIC}/`);
    expect(o.html).toContain(`<iframe src="${PUBLIC}/embed/indicator?key=victims-women-share"`);
    expect(o.html).toContain(JSON.stringify(PUBLIC));
  }
  const other = await fetch(`${api.url}/oembed?url=${encodeURIComponent(`${api.url}/embed/indicator?key=victims-women-share`)}`);
  expect(other.status).toBe(404);
});
