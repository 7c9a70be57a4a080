/**
 * A failing data centre: the server reaches PostgreSQL through a TCP proxy that the test cuts
 * and restores. While the database is away, public reads are answered from memory (for key
 * holders too, where their key was verified lately); anything that needs the database answers
 * 503 with Retry-After and SERVICE_UNAVAILABLE, never a 500; once it is back, writes work again.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { post, startProductionServer, type ProductionServer } from '../production/support.js';
import { adminUrl, createTestDatabase, postgresAvailable, skipMessage, type TestDatabase } from './support.js';

const pgUp = await postgresAvailable();
if (!pgUp) console.warn(skipMessage);

/** A TCP proxy to PostgreSQL on a fixed local port, which can be cut (connections dropped, port closed) and restored. */
function tcpProxy(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((done) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {});
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        done();
      });
    });
  return {
    listen,
    get port() {
      return port;
    },
    cut: async () => {
      await new Promise<void>((done) => {
        server!.close(() => done());
        for (const s of sockets) s.destroy();
      });
    },
    restore: listen,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((done) => (server?.listening ? server.close(() => done()) : done()));
    },
  };
}

const publicRead = '{ region(code: "puno") { name coordinationSpaceSummary { total } } }';
const write = (achieved: number) => ({
  query: 'mutation ($input: UpsertServiceResultInput!) { upsertServiceResult(input: $input) { service { number } } }',
  variables: { input: { serviceNumber: 4, year: 2024, achieved } },
});

describe.skipIf(!pgUp)('PostgreSQL goes away mid-service (a proxy the test cuts)', () => {
  let database: TestDatabase;
  let proxy: ReturnType<typeof tcpProxy>;
  let server: ProductionServer;
  let editorKey: string;
  let neverUsedKey: string;

  beforeAll(async () => {
    database = await createTestDatabase('vigia_outage');
    proxy = tcpProxy(new URL(adminUrl));
    await proxy.listen();
    const viaProxy = new URL(database.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    // No polling: the outage is met by requests, not by the data watch.
    server = await startProductionServer({ DATA_CHANGE_POLL_MS: '0', DATABASE_POOL_SIZE: '2' }, viaProxy.toString());
    editorKey = (await createKey(server.running.prisma, { name: 'outage editor', role: 'EDITOR' }, localOperator())).key;
    neverUsedKey = (await createKey(server.running.prisma, { name: 'outage unused', role: 'VIEWER' }, localOperator())).key;
    // The editor's key is verified once while the database is up.
    const before = await post(server.graphqlUrl, { query: publicRead }, { authorization: `Bearer ${editorKey}` });
    expect(before.json.data.region.name).toBe('Puno');
    await proxy.cut();
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('answers public reads from memory, anonymous and for a key verified lately', async () => {
    const anonymous = await post(server.graphqlUrl, { query: publicRead });
    expect(anonymous.status).toBe(200);
    expect(anonymous.json.data.region).toEqual({ name: 'Puno', coordinationSpaceSummary: { total: 7 } });
    const keyed = await post(server.graphqlUrl, { query: publicRead }, { authorization: `Bearer ${editorKey}` });
    expect(keyed.status).toBe(200);
    expect(keyed.json.data.region.name).toBe('Puno');
  });

  it('answers 503 with Retry-After and a code for a key it cannot check, never 500', async () => {
    const r = await post(server.graphqlUrl, { query: publicRead }, { authorization: `Bearer ${neverUsedKey}` });
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(r.json.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('answers a write 503 with Retry-After and a code, never "Unexpected error."', async () => {
    const r = await post(server.graphqlUrl, write(901), { authorization: `Bearer ${editorKey}` });
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(r.json.errors.map((e: any) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(r.text).not.toMatch(/Unexpected error/);
  });

  it('answers a public CSV download from memory; one with a key it cannot check, and /health, 503 with a code', async () => {
    const csv = await fetch(`${server.url}/data/police-officers-trained-2021-2023.csv`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain(',police-trained-puno,');
    const keyed = await fetch(`${server.url}/data/police-officers-trained-2021-2023.csv`, { headers: { authorization: `Bearer ${neverUsedKey}` } });
    expect(keyed.status).toBe(503);
    expect(keyed.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await keyed.json()).code).toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${server.url}/health`)).status).toBe(503);
  });

  it('writes again once the database is back', async () => {
    await proxy.restore();
    let last: Awaited<ReturnType<typeof post>> | undefined;
    // Wait for the condition (the pool reconnects on its own), bounded.
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      last = await post(server.graphqlUrl, write(902), { authorization: `Bearer ${editorKey}` });
      if (last.status === 200 && !last.json.errors) break;
      await new Promise((done) => setTimeout(done, 200));
    }
    expect(last?.json.errors).toBeUndefined();
    expect(last?.json.data.upsertServiceResult.service.number).toBe(4);
  });
});
