/**
 * Structured JSON logs (pino), one line per request with its request id, so a log shipper can
 * follow a request across the load balancer, the server and the client's report.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pino, type Logger } from 'pino';
import type { YogaLogger } from 'graphql-yoga';
import type { LogLevel } from '../config.js';

export type { Logger };

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go (default stdout, in batches: `stdoutLines`). */
  destination?: NodeJS.WritableStream;
}

export function createLogger({ level, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service: 'vigia', pid: process.pid },
      timestamp: isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? stdoutLines(),
  );
}

/** Bytes gathered before a write, and the longest a line waits for one. */
const BATCH_BYTES = 16_000;
const FLUSH_EVERY_MS = 100;

let stdout: { write(line: string): boolean; flush(done?: (error?: Error) => void): void } | undefined;

/**
 * stdout, in batches: pino's own destination (sonic-boom) gathers lines and writes them at least
 * 16 kB at a time (one write for some fifty request lines, not one each), and whatever waits
 * every 100 ms. Writes are synchronous, as pino's default and Node's own stdout to a pipe are:
 * measured, handing each batch to libuv's thread pool cost more CPU than writing it. Lines are
 * held as bytes, which sonic-boom appends without measuring the batch again. Nothing is lost at
 * exit: what waits is written when the process exits, and `logger.flush()` (the shutdown's last
 * step) writes it before. One destination for every logger of the process (one stdout).
 */
function stdoutLines() {
  if (!stdout) {
    const stream = pino.destination({ dest: 1, sync: true, contentMode: 'buffer', minLength: BATCH_BYTES, maxWrite: 4 * BATCH_BYTES, periodicFlush: FLUSH_EVERY_MS });
    process.once('exit', () => stream.flushSync());
    stdout = {
      write: (line) => stream.write(Buffer.from(line) as unknown as string),
      flush: (done) => stream.flush(done),
    };
  }
  return stdout;
}

/** pino's isoTime, made once per millisecond (a busy server logs several lines in each). */
let lastMs = Number.NaN;
let lastTime = '';
function isoTime(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastTime = `,"time":"${new Date(now).toISOString()}"`;
  }
  return lastTime;
}

/** graphql-yoga's own messages (e.g. unexpected errors) go to the same JSON log. */
export function yogaLogger(logger: Logger): YogaLogger {
  const child = logger.child({ component: 'graphql' });
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const [first, ...rest] = args;
      if (first instanceof Error) child[level]({ err: first }, first.message);
      else child[level]({ details: rest.length ? rest : undefined }, String(first));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id when it is a sane token (a proxy's id), else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}
