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

/** Runs `pnpm start` on a free port and resolves with the URL it prints. */
function start(): Promise<{ child: ChildProcess; url: string; output: string }> {
  const child = spawn('pnpm', ['start'], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATABASE_URL: `file:${file}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`pnpm start printed no URL:\n${output}`)), 45_000);
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
    child.on('exit', (code) => fail(new Error(`pnpm start exited with ${code}:\n${output}`)));
  });
}

async function stop(child: ChildProcess) {
  const exited = new Promise((done) => child.once('exit', done));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
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
});
