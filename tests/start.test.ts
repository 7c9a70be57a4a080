/** `pnpm start` as a newcomer runs it: first start creates, migrates and seeds; the next reuses. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'vigia-start-'));
const file = join(dir, 'start.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Generous but bounded: on a busy machine a first start (migrate and seed a new database) can take
// tens of seconds; a start that never answers fails the test instead of hanging it.
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
const running = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of running) await stop(child);
});

/** Runs `pnpm start` on a free port and resolves with the URL it prints. */
function start(): Promise<{ child: ChildProcess; url: string; output: string }> {
  const child = spawn('pnpm', ['start'], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATABASE_URL: `file:${file}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() reaches pnpm and the server under it.
    detached: true,
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  return new Promise((done, fail) => {
    const failAndStop = (error: Error) => {
      clearTimeout(timer);
      void stop(child).finally(() => fail(error));
    };
    const timer = setTimeout(() => failAndStop(new Error(`pnpm start printed no URL within ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = /serving (http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        done({ child, url: match[1]!, output });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => failAndStop(new Error(`pnpm start exited with ${code}:\n${output}`)));
  });
}

/** SIGTERM to the whole group (a graceful shutdown); SIGKILL if it is still there after STOP_TIMEOUT_MS. */
async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const deadline = setTimeout(() => signal('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(deadline);
}

async function query(url: string, q: string) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
  return (await res.json()).data;
}

it('creates, migrates and seeds the database on first start, and reuses it after', async () => {
  expect(existsSync(file)).toBe(false);
  const first = await start();
  try {
    expect(existsSync(file)).toBe(true);
    expect(first.output).toMatch(/Applied migrations: \d+_init/);
    expect(first.output).toMatch(/Seeded the new database/);
    expect((await fetch(`${first.url}/health`)).status).toBe(200);
    expect(await query(first.url, '{ coordinationSpaceSummary { total } }')).toEqual({ coordinationSpaceSummary: { total: 23 } });
  } finally {
    await stop(first.child);
  }
  const second = await start();
  try {
    expect(second.output).not.toMatch(/Applied migrations|Seeded/);
    expect((await query(second.url, '{ regions { code } }')).regions).toHaveLength(25);
  } finally {
    await stop(second.child);
  }
}, 2 * START_TIMEOUT_MS + 2 * STOP_TIMEOUT_MS);
