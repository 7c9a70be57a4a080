/**
 * A real server (startServer) on a fresh SQLite file — or, in the "postgresql" vitest project, a
 * fresh PostgreSQL database — with its settings and its JSON log lines at hand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startServer, type RunningServer, type StartOptions } from '@vigia/server';
import { createTestDatabase } from '../postgres/support.js';

export interface ProductionServer {
  url: string;
  graphqlUrl: string;
  running: RunningServer;
  /** The server's DATABASE_URL, for a second client or the CLI. */
  databaseUrl: string;
  /** Every JSON log line written so far. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startProductionServer(
  env: Record<string, string> = {},
  databaseUrl?: string,
  options: Pick<StartOptions, 'widgetsDir'> = {},
): Promise<ProductionServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-prod-'));
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: env.LOG_LEVEL ?? 'info', formatters: { level: (label) => ({ level: label }) } }, sink);
  const postgres = !databaseUrl && process.env.VIGIA_TEST_DATABASE === 'postgresql' ? await createTestDatabase() : undefined;
  const url = databaseUrl ?? postgres?.url ?? `file:${join(dir, 'vigia.db')}`;
  const running = await startServer({
    ...options,
    port: 0,
    host: '127.0.0.1',
    databaseUrl: url,
    // Tests set exactly the limits they exercise; no rate limit unless asked.
    env: { RATE_LIMIT_WINDOW_SECONDS: '0', PERSISTED_OPERATIONS: 'off', ...env },
    logger,
  });
  return {
    url: running.url,
    graphqlUrl: running.graphqlUrl,
    running,
    databaseUrl: url,
    logs,
    close: async () => {
      await running.close();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text, ms: performance.now() - started };
}

/** The value of one Prometheus sample at /metrics (0 when absent). */
export async function metric(url: string, sample: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}

/**
 * Sends bytes as they are on a new socket (no client library to tidy them up) and resolves with
 * what came back once the server closes the connection, or after `waitMs` without a close.
 */
export async function rawRequest(url: string, payload: string, waitMs = 20_000) {
  const { connect } = await import('node:net');
  const { hostname, port } = new URL(url);
  const started = performance.now();
  return new Promise<{ raw: string; status: number | undefined; json: any; closed: boolean; ms: number }>((done) => {
    let raw = '';
    const socket = connect(Number(port), hostname, () => socket.write(payload));
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1];
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      let bodyText = rest.join('\r\n\r\n');
      if (/^transfer-encoding:\s*chunked/im.test(head)) bodyText = dechunk(bodyText);
      let json: any;
      try {
        json = JSON.parse(bodyText);
      } catch {
        json = undefined;
      }
      done({ raw, status: status ? Number(status) : undefined, json, closed, ms: performance.now() - started });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk) => (raw += chunk));
    socket.on('close', () => finish(true));
    socket.on('error', () => {});
  });
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, eol), 16);
    if (!(size > 0)) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}
