/**
 * Browser-test plumbing for the widgets: the real Vigía server (fresh seeded SQLite), a "partner"
 * site on another origin that only has the script tag, and Debian's Chromium through
 * playwright-core (never a downloaded browser).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';

const require = createRequire(import.meta.url);
const bundle = fileURLToPath(new URL('../../packages/widgets/dist/vigia-widgets.js', import.meta.url));
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const TAGS = [
  'vigia-region-card',
  'vigia-coordination-counter',
  'vigia-services',
  'vigia-indicator',
  'vigia-training-chart',
  'vigia-region-map',
] as const;

export interface Harness {
  api: TestServer;
  browser: Browser;
  /** Serves `html` on the partner origin (http://localhost:<other port>) and returns its URL. */
  partnerPage(html: string): string;
  /** A partner page whose head has only the Vigía script tag; `body` goes inside <main>. */
  embed(body: string, options?: { lang?: string; head?: string; scriptAttrs?: string }): string;
  close(): Promise<void>;
}

/**
 * `env`: server settings (e.g. `PERSISTED_OPERATIONS_ONLY`); by default the server serves the
 * widgets' own persisted-operations manifest from dist/, as `pnpm start` does once they are built.
 */
export async function startHarness(options: { env?: Record<string, string> } = {}): Promise<Harness> {
  if (!existsSync(bundle)) throw new Error('Build the widgets first: pnpm --filter @vigia/widgets build');
  const [api, browser] = await Promise.all([
    startTestServer(options.env ? { env: options.env } : {}),
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    }),
  ]);
  const pages = new Map<string, string>();
  const partner: Server = createServer((req, res) => {
    const html = pages.get(req.url ?? '');
    if (req.url === '/favicon.ico') return void res.writeHead(204).end();
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((done) => partner.listen(0, '127.0.0.1', done));
  const origin = `http://localhost:${(partner.address() as AddressInfo).port}`;
  let n = 0;

  const partnerPage = (html: string) => {
    const path = `/page-${++n}.html`;
    pages.set(path, html);
    return origin + path;
  };

  return {
    api,
    browser,
    partnerPage,
    embed: (body, { lang = 'es', head = '', scriptAttrs = `data-endpoint="${api.graphqlUrl}"` } = {}) =>
      partnerPage(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Partner site</title>
<script src="${api.url}/widgets/vigia-widgets.js" ${scriptAttrs}></script>${head}
</head><body><main><h1>Partner site</h1>${body}</main></body></html>`),
    close: async () => {
      partner.closeAllConnections();
      await Promise.all([
        new Promise<void>((done) => partner.close(() => done())),
        browser.close(),
        api.close(),
      ]);
    },
  };
}

export interface Tab {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  /** Requests to /graphql, in order (`status` once the response has arrived). */
  graphql: { method: string; url: string; status?: number }[];
}

export async function open(
  h: Harness,
  url: string,
  options: { colorScheme?: 'light' | 'dark'; reducedMotion?: 'reduce' | 'no-preference'; javaScriptEnabled?: boolean; wait?: boolean } = {},
): Promise<Tab> {
  const context = await h.browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const graphql: Tab['graphql'] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  const entries = new Map<Request, Tab['graphql'][number]>();
  page.on('request', (r) => {
    if (new URL(r.url()).pathname !== '/graphql') return;
    const entry = { method: r.method(), url: r.url() };
    entries.set(r, entry);
    graphql.push(entry);
  });
  page.on('response', (r) => {
    const entry = entries.get(r.request());
    if (entry) (entry as { status?: number }).status = r.status();
  });
  await page.goto(url);
  if (options.wait !== false && options.javaScriptEnabled !== false) await settled(page);
  return { page, context, errors, graphql };
}

/** What a /graphql GET request sent: the persisted document's hash, or the document's text, and the variables. */
export function sent(url: string): { hash: string | null; query: string | null; variables: unknown } {
  const params = new URL(url).searchParams;
  const id = params.get('documentId');
  return {
    hash: id ? id.replace(/^sha256:/, '') : null,
    query: params.get('query'),
    variables: JSON.parse(params.get('variables') ?? 'null'),
  };
}

/** Waits until every vigia-* element has rendered something other than its loading state. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const els = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('vigia-'));
    return els.every((e) => e.shadowRoot?.querySelector('article[aria-busy="false"]'));
  });
}

/** The rendered text of the n-th element matching `selector`, shadow DOM included. */
export function text(page: Page, selector: string, n = 0): Promise<string> {
  return page.evaluate(
    ([sel, i]) => {
      const el = document.querySelectorAll(sel)[i as number];
      const article = el?.shadowRoot?.querySelector('article') as HTMLElement | null | undefined;
      return (article?.innerText ?? '').replace(/\s+/g, ' ').trim();
    },
    [selector, n] as const,
  );
}

/** Runs axe-core (injected from its source) over the whole page, shadow roots included. */
export async function axe(page: Page): Promise<{ id: string; impact: string | null; nodes: string[] }[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } }).axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}
