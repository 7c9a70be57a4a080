/**
 * A real server (startServer) on a fresh SQLite file — or, in the "postgresql" vitest project, a
 * fresh PostgreSQL database — with its settings and its JSON log lines at hand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startServer, type RunningServer } from '@vigia/server';
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

export async function startProductionServer(env: Record<string, string> = {}, databaseUrl?: string): Promise<ProductionServer> {
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
