/**
 * Helpers for the live tests: a GraphQL-over-SSE client on node:http (it sees the status, the
 * comments, each event and the end of the stream), conditions waited for instead of fixed
 * sleeps, and server processes started from the compiled `pnpm start` bundle.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request, type IncomingHttpHeaders } from 'node:http';
import { resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');

export interface SseEvent {
  event: string;
  data: string;
  /** performance.now() when it arrived. */
  at: number;
}

export interface Stream {
  status: number;
  headers: IncomingHttpHeaders;
  /** Every event so far, in order. */
  events: SseEvent[];
  /** `next` events' payloads (parsed JSON). */
  readonly results: any[];
  /** Comment lines (heartbeats) so far. */
  comments: number;
  /** Resolves when the server ends the response (or the connection drops). */
  ended: Promise<void>;
  isEnded(): boolean;
  close(): void;
}

export const DATA_CHANGED = 'subscription Live { dataChanged { version at datasets } }';

/**
 * Opens a subscription: GET /graphql?query=… (or documentId) with `Accept: text/event-stream`, or
 * a JSON POST with `method: 'POST'`. Resolves once the response's headers are in.
 */
export function subscribe(
  graphqlUrl: string,
  options: { query?: string; documentId?: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; accept?: string } = {},
): Promise<Stream> {
  const url = new URL(graphqlUrl);
  const method = options.method ?? 'GET';
  const query = options.query ?? (options.documentId ? undefined : DATA_CHANGED);
  if (method === 'GET') {
    if (query) url.searchParams.set('query', query);
    if (options.documentId) url.searchParams.set('documentId', options.documentId);
  }
  const body = method === 'POST' ? JSON.stringify({ query, ...(options.documentId ? { documentId: options.documentId } : {}) }) : undefined;
  return new Promise((done, fail) => {
    const req = request(
      url,
      {
        method,
        headers: {
          accept: options.accept ?? 'text/event-stream',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let ended = false;
        let buffer = '';
        const stream: Stream = {
          status: res.statusCode!,
          headers: res.headers,
          events: [],
          get results() {
            return this.events.filter((e) => e.event === 'next').map((e) => JSON.parse(e.data));
          },
          comments: 0,
          ended: new Promise<void>((end) => {
            const finish = () => ((ended = true), end());
            res.once('end', finish);
            res.once('close', finish);
            res.once('error', finish);
          }),
          isEnded: () => ended,
          close: () => req.destroy(),
        };
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const lines = block.split('\n');
            if (lines.every((line) => line.startsWith(':'))) {
              stream.comments += 1;
              continue;
            }
            let event = 'message';
            const data: string[] = [];
            for (const line of lines) {
              if (line.startsWith(':')) continue;
              if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
            }
            stream.events.push({ event, data: data.join('\n'), at: performance.now() });
          }
        });
        done(stream);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

/** Waits until `check` returns something truthy (polling every 20 ms), or fails after `timeoutMs`. */
export async function until<T>(check: () => T | undefined | null | false, timeoutMs: number, what: string): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** SIGTERM, then resolves with the exit code and how long the process took to exit. */
  stop(): Promise<{ code: number | null; ms: number }>;
}

/** `pnpm start`'s compiled bundle (built by the tests' global setup) in a child process. */
export function startProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['packages/server/dist/main.js'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null) return { code: child.exitCode, ms: 0 };
    const started = performance.now();
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    const code = await exited;
    return { code, ms: performance.now() - started };
  };
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no URL within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = /serving (http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        done({ child, url: match[1]!.replace('localhost', '127.0.0.1'), output: () => output, stop });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => (clearTimeout(timer), fail(new Error(`exited with ${code}:\n${output}`))));
  });
}
