/**
 * Webhooks against a local receiver: a change is POSTed as the DataChange JSON, signed
 * (Vigia-Signature: t=…,v1=HMAC-SHA256("<t>.<body>")), retried with backoff until it answers 2xx,
 * given up after WEBHOOK_GIVE_UP_AFTER_MS, sent once per change however many servers see it, and
 * never sent to a loopback or private address — checked on the resolved address, at delivery —
 * unless WEBHOOK_ALLOW_LOOPBACK=true.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '@vigia/server';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { checkedLookup, refusedAddress } from '../../packages/server/src/live/webhook-target.js';
import { verifySignature } from '../../packages/server/src/live/webhooks.js';
import { gql } from '../helpers/graphql.js';
import { createTestDatabase, postgresAvailable, skipMessage } from '../postgres/support.js';
import { until } from './support.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A webhook receiver on 127.0.0.1 that answers each POST with the next status of `answers` (then 200). */
async function receiver() {
  const received: Received[] = [];
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body, at: performance.now() });
      res.writeHead(answers.shift() ?? 200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/vigia`, port, received, answers, close: () => new Promise<void>((done) => server.close(() => done())) };
}

const FAST = { WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_POLL_MS: '100', PERSISTED_OPERATIONS: 'off' };
const RESULT = (achieved: number) => `mutation { upsertServiceResult(input: { serviceNumber: 4, year: 2024, achieved: ${achieved} }) { service { number } } }`;
const CREATE = 'mutation Create($url: String!, $datasets: [String!]!) { createWebhook(input: { url: $url, datasets: $datasets }) { secret webhook { id url datasets createdAt } } }';
const LIST = '{ webhooks { id url datasets deliveries(first: 20) { id version datasets payload status nextAttemptAt attempts { attempt at statusCode error durationMs } } } }';

describe('webhooks', () => {
  let dir: string;
  let server: RunningServer;
  let admin: string;
  let editor: string;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const as = (key: string | null, query: string, variables: Record<string, unknown> = {}) =>
    gql(server.graphqlUrl, query, variables, key ? { authorization: `Bearer ${key}` } : {});
  const deliveriesOf = async (id: string) => (await as(admin, LIST)).data.webhooks.find((w: any) => w.id === id)?.deliveries ?? [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigia-webhooks-'));
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      databaseUrl: `file:${join(dir, 'vigia.db')}`,
      env: { ...FAST, WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_GIVE_UP_AFTER_MS: '3000' },
    });
    admin = (await createKey(server.prisma, { name: 'Webhook tests (admin)', role: 'ADMIN' }, localOperator())).key;
    editor = (await createKey(server.prisma, { name: 'Webhook tests (editor)', role: 'EDITOR' }, localOperator())).key;
  });
  afterEach(async () => {
    // Each test registers its own webhook and receiver.
    for (const w of (await as(admin, '{ webhooks { id } }')).data.webhooks) await as(admin, 'mutation($id: ID!) { deleteWebhook(input: { id: $id }) { id } }', { id: w.id });
    await hook?.close();
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('POSTs each matching change as signed DataChange JSON; the signature verifies; admins see the attempt', async () => {
    hook = await receiver();
    const created = await as(admin, CREATE, { url: hook.url, datasets: ['service-results'] });
    expect(created.errors).toBeUndefined();
    const { secret, webhook } = created.data.createWebhook;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).toMatchObject({ url: hook.url, datasets: ['service-results'] });

    // A change to another dataset is not sent to it.
    await as(admin, 'mutation { upsertIndicator(input: { key: "police-trained-puno", value: 422 }) { indicator { value } } }');
    const write = await as(admin, RESULT(61));
    expect(write.errors).toBeUndefined();
    const [post] = await until(() => (hook.received.length ? hook.received : null), 5000, 'the POST');

    expect(post!.headers['content-type']).toBe('application/json');
    expect(post!.headers['user-agent']).toBe('Vigia-Webhooks/1');
    const body = JSON.parse(post!.body);
    const { _max } = await server.prisma.auditEntry.aggregate({ _max: { id: true }, where: { action: 'upsertServiceResult' } });
    expect(body).toEqual({ version: _max.id, at: expect.any(String), datasets: ['service-results'] });
    expect(Object.keys(body)).toEqual(['version', 'at', 'datasets']);

    // The receiver's check, written out as the README shows it.
    const header = String(post!.headers['vigia-signature']);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
    expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(60);
    expect(createHmac('sha256', secret).update(`${t}.${post!.body}`).digest('hex')).toBe(v1);
    expect(verifySignature(secret, header, post!.body)).toBe(true);
    // A body changed on the way, another secret, or an old timestamp do not verify.
    expect(verifySignature(secret, header, post!.body.replace('service-results', 'coordination-spaces'))).toBe(false);
    expect(verifySignature(`${secret}x`, header, post!.body)).toBe(false);
    expect(verifySignature(secret, header, post!.body, 300, Date.now() + 3600_000)).toBe(false);

    // The attempt is recorded just after the receiver answers.
    const delivery = await untilAsync(async () => {
      const [d] = await deliveriesOf(webhook.id);
      return d?.status === 'DELIVERED' ? d : null;
    }, 2000, 'the delivery recorded');
    expect(delivery).toMatchObject({ version: _max.id, datasets: ['service-results'], payload: post!.body, status: 'DELIVERED', nextAttemptAt: null });
    expect(delivery.attempts).toEqual([{ attempt: 1, at: expect.any(String), statusCode: 200, error: null, durationMs: expect.any(Number) }]);
    expect(post!.headers['vigia-delivery']).toBe(delivery.id);
    expect(hook.received).toHaveLength(1);
  });

  it('retries with growing waits until the receiver answers 2xx', async () => {
    hook = await receiver();
    hook.answers.push(500, 503);
    const { webhook } = (await as(admin, CREATE, { url: hook.url, datasets: [] })).data.createWebhook;
    await as(admin, RESULT(62));
    await until(() => hook.received.length >= 3, 5000, 'three attempts');
    const gaps = [hook.received[1]!.at - hook.received[0]!.at, hook.received[2]!.at - hook.received[1]!.at];
    // 100 ms, then 200 ms (± 20 % jitter).
    expect(gaps[0]).toBeGreaterThanOrEqual(75);
    expect(gaps[1]).toBeGreaterThan(gaps[0]! * 1.2);
    expect(hook.received.map((r) => r.headers['vigia-attempt'])).toEqual(['1', '2', '3']);
    // The same delivery and body each time; the signature is made afresh.
    expect(new Set(hook.received.map((r) => r.headers['vigia-delivery'])).size).toBe(1);
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(1);
    const delivery = await untilAsync(async () => {
      const [d] = await deliveriesOf(webhook.id);
      return d?.status === 'DELIVERED' ? d : null;
    }, 2000, 'the delivery recorded');
    expect(delivery.attempts.map((a: any) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 503],
      [3, 200],
    ]);
  });

  it('gives up after WEBHOOK_GIVE_UP_AFTER_MS and records every attempt', async () => {
    hook = await receiver();
    hook.answers.push(...Array(50).fill(500));
    const { webhook } = (await as(admin, CREATE, { url: hook.url, datasets: [] })).data.createWebhook;
    await as(admin, RESULT(63));
    const failed = await untilAsync(async () => {
      const [d] = await deliveriesOf(webhook.id);
      return d?.status === 'FAILED' ? d : null;
    }, 8000, 'the delivery to be given up');
    expect(failed.nextAttemptAt).toBeNull();
    expect(failed.attempts.length).toBeGreaterThanOrEqual(3);
    expect(failed.attempts.every((a: any) => a.statusCode === 500)).toBe(true);
    expect(failed.attempts.map((a: any) => a.attempt)).toEqual(failed.attempts.map((_: unknown, i: number) => i + 1));
    const sent = hook.received.length;
    expect(sent).toBe(failed.attempts.length);
    await new Promise((r) => setTimeout(r, 800));
    expect(hook.received.length).toBe(sent);
  });

  it('is for admins only, checks what it is given, and deletes', async () => {
    expect((await as(null, '{ webhooks { id } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await as(editor, '{ webhooks { id } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await as(editor, CREATE, { url: 'https://portal.example/hook', datasets: [] })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const [url, problem] of [
      ['ftp://portal.example/hook', /http or https/],
      ['not a url', /absolute/],
      ['https://user:secret@portal.example/hook', /user name or password/],
      // Link-local (cloud metadata services) even with WEBHOOK_ALLOW_LOOPBACK.
      ['http://169.254.169.254/latest/meta-data', /link-local/],
      ['http://[fe80::1]/hook', /link-local/],
    ] as const) {
      const refused = await as(admin, CREATE, { url, datasets: [] });
      expect(refused.errors?.[0]?.extensions?.code, url).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message, url).toMatch(problem);
    }
    const unknown = await as(admin, CREATE, { url: 'https://portal.example/hook', datasets: ['no-such-dataset'] });
    expect(unknown.errors?.[0]?.message).toMatch(/unknown key "no-such-dataset"; known keys: .*coordination-spaces/);
    const { webhook } = (await as(admin, CREATE, { url: 'https://portal.example/hook', datasets: ['coordination-spaces'] })).data.createWebhook;
    const audit = await server.prisma.auditEntry.findMany({ where: { subjectType: 'Webhook', subjectKey: webhook.id } });
    expect(audit.map((e) => e.action)).toEqual(['createWebhook']);
    expect(audit[0]!.after).not.toContain('whsec_');
    const deleted = await as(admin, 'mutation($id: ID!) { deleteWebhook(input: { id: $id }) { id url } }', { id: webhook.id });
    expect(deleted.data.deleteWebhook).toEqual({ id: webhook.id, url: 'https://portal.example/hook' });
    expect((await as(admin, '{ webhooks { id } }')).data.webhooks).toEqual([]);
    const again = await as(admin, 'mutation($id: ID!) { deleteWebhook(input: { id: $id }) { id } }', { id: webhook.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

const pgUp = await postgresAvailable();
if (!pgUp) console.warn(skipMessage);
const databases: [name: string, postgres: boolean][] = [['SQLite', false], ...(pgUp ? [['PostgreSQL', true] as [string, boolean]] : [])];

describe('webhooks with several servers on one database', () => {
  it.each(databases)('sends each change once, whichever server sees it (%s)', async (_name, postgres) => {
    const dir = mkdtempSync(join(tmpdir(), 'vigia-webhooks-'));
    const env = { ...FAST, WEBHOOK_ALLOW_LOOPBACK: 'true', DATA_CHANGE_POLL_MS: '200' };
    const pg = postgres ? await createTestDatabase('vigia_webhooks') : undefined;
    const databaseUrl = pg?.url ?? `file:${join(dir, 'vigia.db')}`;
    const one = await startServer({ port: 0, host: '127.0.0.1', databaseUrl, env });
    const two = await startServer({ port: 0, host: '127.0.0.1', databaseUrl, env });
    const hook = await receiver();
    try {
      const admin = (await createKey(one.prisma, { name: 'Webhook tests (admin)', role: 'ADMIN' }, localOperator())).key;
      const auth = { authorization: `Bearer ${admin}` };
      await gql(one.graphqlUrl, CREATE, { url: hook.url, datasets: [] }, auth);
      // Writes through both servers; both see every change (their own, and the other's by the data watch).
      for (const [i, target] of [one, two, one, two].entries()) {
        const write = await gql(target.graphqlUrl, RESULT(70 + i), {}, auth);
        expect(write.errors).toBeUndefined();
        await until(() => hook.received.length > i, 5000, `delivery ${i + 1}`);
      }
      // Time for a late duplicate to show up: each server polls every 200 ms.
      await new Promise((r) => setTimeout(r, 1500));
      const versions = hook.received.map((r) => JSON.parse(r.body).version);
      expect(versions).toHaveLength(4);
      expect(new Set(versions).size).toBe(4);
      expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    } finally {
      await hook.close();
      await one.close();
      await two.close();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('webhooks to loopback and private addresses', () => {
  it('are refused without WEBHOOK_ALLOW_LOOPBACK — at registration, and at delivery on the resolved address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigia-webhooks-'));
    const databaseUrl = `file:${join(dir, 'vigia.db')}`;
    const hook = await receiver();
    let strict: RunningServer | undefined;
    try {
      // An operator registered "localhost" while the flag was on…
      const lenient = await startServer({ port: 0, host: '127.0.0.1', databaseUrl, env: { ...FAST, WEBHOOK_ALLOW_LOOPBACK: 'true' } });
      const admin = (await createKey(lenient.prisma, { name: 'Webhook tests (admin)', role: 'ADMIN' }, localOperator())).key;
      const auth = { authorization: `Bearer ${admin}` };
      const created = await gql(lenient.graphqlUrl, CREATE, { url: `http://localhost:${hook.port}/hooks`, datasets: [] }, auth);
      expect(created.errors).toBeUndefined();
      await lenient.close();

      // …then turned it off: the same server refuses new ones…
      strict = await startServer({ port: 0, host: '127.0.0.1', databaseUrl, env: FAST });
      for (const url of [hook.url, `http://localhost:${hook.port}/`, 'http://10.1.2.3/hook', 'http://192.168.1.20/hook', 'http://[::1]:8080/', 'http://[::ffff:127.0.0.1]/', 'http://[fd12::1]/']) {
        const refused = await gql(strict.graphqlUrl, CREATE, { url, datasets: [] }, auth);
        expect(refused.errors?.[0]?.extensions?.code, url).toBe('BAD_USER_INPUT');
        expect(refused.errors?.[0]?.message, url).toMatch(/refused: .*(loopback|private)/);
      }
      // …and, at delivery, resolves "localhost", finds a loopback address and sends nothing.
      await gql(strict.graphqlUrl, RESULT(80), {}, auth);
      const delivery = await untilAsync(async () => {
        const list = (await gql(strict!.graphqlUrl, LIST, {}, auth)).data.webhooks[0].deliveries;
        return list[0]?.attempts.length ? list[0] : null;
      }, 5000, 'the first attempt');
      expect(delivery.attempts[0]).toMatchObject({ attempt: 1, statusCode: null });
      expect(delivery.attempts[0].error).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1) is a loopback address/);
      expect(hook.received).toHaveLength(0);
    } finally {
      await strict?.close();
      await hook.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks every address a name resolves to, so a DNS answer that changes (rebinding) cannot slip through', async () => {
    const resolver = (answers: { address: string; family: number }[]) =>
      ((_host: string, _options: unknown, callback: (error: Error | null, found: unknown) => void) => callback(null, answers)) as never;
    const lookup = (answers: { address: string; family: number }[], allow = false) =>
      new Promise<{ error: Error | null; address: unknown }>((done) =>
        checkedLookup(allow, resolver(answers))('portal.example', { all: true }, (error, address) => done({ error, address })),
      );
    expect((await lookup([{ address: '203.0.114.10', family: 4 }])).error).toBeNull();
    expect((await lookup([{ address: '10.0.0.7', family: 4 }])).error?.message).toMatch(/portal\.example resolves to 10\.0\.0\.7 is a private address/);
    // One bad address among good ones is enough to refuse.
    expect((await lookup([{ address: '203.0.114.10', family: 4 }, { address: '::1', family: 6 }])).error?.message).toMatch(/loopback/);
    expect((await lookup([{ address: '169.254.169.254', family: 4 }], true)).error?.message).toMatch(/link-local/);
    expect((await lookup([{ address: '127.0.0.1', family: 4 }], true)).error).toBeNull();
    expect(refusedAddress('::ffff:10.0.0.1', false)).toMatch(/private/);
    expect(refusedAddress('100.64.0.1', false)).toMatch(/private/);
    expect(refusedAddress('0.0.0.0', true)).toMatch(/reserved/);
    expect(refusedAddress('2001:4860:4860::8888', false)).toBeNull();
  });
});

async function untilAsync<T>(check: () => Promise<T | null>, timeoutMs: number, what: string): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
