/**
 * Browser-test plumbing for the stewards' console: the real Vigía server on a fresh seeded SQLite
 * file (served /console/ from packages/console/dist under its CSP), API keys made as the CLI makes
 * them, Debian's Chromium through playwright-core, axe-core, and screenshots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startServer, type RunningServer } from '@vigia/server';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { gql } from '../helpers/graphql.js';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const consoleRoot = fileURLToPath(new URL('../../packages/console/', import.meta.url));
const consoleIndex = join(consoleRoot, 'dist/index.html');
const widgetsBundle = fileURLToPath(new URL('../../packages/widgets/dist/vigia-widgets.js', import.meta.url));

export type Role = 'VIEWER' | 'EDITOR' | 'ADMIN';

export interface ConsoleHarness {
  server: RunningServer;
  browser: Browser;
  consoleUrl: string;
  /** A new key, as `pnpm vigia keys create` makes it. */
  key(name: string, role: Role): Promise<string>;
  close(): Promise<void>;
}

/**
 * Builds the console when a source is newer than its build, so the tests run what the sources say.
 * Test files start in parallel: a lock directory lets one build while the others wait for it.
 */
function ensureConsoleBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  const fresh = () =>
    existsSync(consoleIndex) && statSync(consoleIndex).mtimeMs >= Math.max(newest(join(consoleRoot, 'src')), statSync(join(consoleRoot, 'index.html')).mtimeMs);
  const lock = join(tmpdir(), 'vigia-console-build.lock');
  const started = Date.now();
  while (!fresh()) {
    try {
      mkdirSync(lock);
    } catch {
      // Another test file is building (or a crashed one left the lock: taken over after a minute).
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      if (Date.now() - started > 120_000) throw new Error('Timed out waiting for another process to build the console');
      continue;
    }
    try {
      if (!fresh()) execFileSync(process.execPath, [join(consoleRoot, 'scripts/build.mjs')], { cwd: consoleRoot, stdio: 'inherit' });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

export async function startConsoleHarness(): Promise<ConsoleHarness> {
  ensureConsoleBuilt();
  if (!existsSync(widgetsBundle)) throw new Error('Build the widgets first: pnpm --filter @vigia/widgets build');
  const dir = mkdtempSync(join(tmpdir(), 'vigia-console-'));
  const [server, browser] = await Promise.all([
    startServer({ port: 0, host: '127.0.0.1', databaseUrl: `file:${join(dir, 'vigia.db')}` }),
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    }),
  ]);
  return {
    server,
    browser,
    consoleUrl: `${server.url}/console/`,
    key: async (name, role) => (await createKey(server.prisma, { name, role }, localOperator())).key,
    close: async () => {
      await Promise.all([browser.close(), server.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Tab {
  page: Page;
  context: BrowserContext;
  /** Console errors (CSP violations among them) and uncaught exceptions. */
  errors: string[];
}

export async function openConsole(
  h: ConsoleHarness,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark'; clock?: boolean; hash?: string } = {},
): Promise<Tab> {
  const context = await h.browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.server.url });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  if (options.clock) await page.clock.install();
  await page.goto(h.consoleUrl + (options.hash ?? ''));
  await page.locator('#key, main h1').first().waitFor();
  return { page, context, errors };
}

/** Types the key into the sign-in form, as a steward pastes it, and waits for the console. */
export async function signIn(page: Page, key: string): Promise<void> {
  await page.locator('#key').fill(key);
  await page.locator('#key').press('Enter');
  await page.locator('.who-name').waitFor();
}

/** axe-core over the whole page (evaluated through the DevTools protocol: the console's CSP forbids inline scripts). */
export async function axe(page: Page): Promise<{ id: string; impact: string | null; nodes: string[] }[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } }).axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

export async function expectAxeClean(page: Page, where: string): Promise<void> {
  expect(await axe(page), `axe on ${where}`).toEqual([]);
}

/** Waits for a condition (the console answers after its requests, on a shared, slow machine). */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

/** A CSV line's cells as written (quotes kept), so that a line can be changed and joined back. */
export function csvCells(line: string): string[] {
  const cells: string[] = [];
  let at = 0;
  for (;;) {
    const quoted = /^"(?:[^"]|"")*"/.exec(line.slice(at));
    const end = quoted ? at + quoted[0].length : line.indexOf(',', at) === -1 ? line.length : line.indexOf(',', at);
    cells.push(line.slice(at, end));
    if (end >= line.length) return cells;
    at = end + 1;
  }
}

/** The public API, anonymously: what readers and partner sites get. */
export async function publicFigures(h: ConsoleHarness, dataset: string): Promise<{ status: string; values: Map<string, number | null> }> {
  const res = await gql(h.server.graphqlUrl, `{ dataset(key: "${dataset}") { status observations { key value } } }`);
  expect(res.errors).toBeUndefined();
  const d = res.data.dataset;
  return { status: d.status, values: new Map(d.observations.map((o: { key: string; value: number | null }) => [o.key, o.value])) };
}

/** Whether the page scrolls sideways (it must not: wide tables scroll inside their own frame). */
export function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/**
 * Screenshots go to $VIGIA_CONSOLE_SHOTS when it is set (docs/console/ for the published ones):
 * what the viewport shows, or the whole page.
 */
export const shotsDir = process.env.VIGIA_CONSOLE_SHOTS;

export async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: options.fullPage ?? false });
}
