/**
 * /console/: the stewards' console (packages/console, built by Vite into dist/), served as static
 * files under a strict Content-Security-Policy: everything from this origin, no inline script or
 * style, no frames, no plugins. Built files with a content hash in their name are cached for a
 * year; the rest (index.html) are revalidated on every load, so a new build shows at once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';
import { sendJson } from './json.js';

/** The console's policy: its own files and its own API only (connect-src 'self' is /graphql). */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "worker-src 'self'",
  "manifest-src 'self'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  // Older browsers' frame-ancestors.
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** Vite's output names: name-<hash>.js under assets/. */
const HASHED = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

function setSecurityHeaders(res: ServerResponse) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** Answered while packages/console/dist has no index.html: says what to do, in both languages. */
function notBuilt(res: ServerResponse) {
  const html = `<!doctype html>
<html lang="es">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>Consola de Vigía no disponible</title></head>
<body>
<main>
<h1>La consola de Vigía no está instalada en este servidor</h1>
<p>Hay que construirla: <code>pnpm --filter @vigia/console build</code> (o <code>pnpm install</code>), y recargar esta página.</p>
<h2 lang="en">The Vigía console is not built on this server</h2>
<p lang="en">Build it with <code>pnpm --filter @vigia/console build</code> (or <code>pnpm install</code>), then reload this page. The GraphQL API at <a href="/graphql">/graphql</a> works without it.</p>
</main>
</body>
</html>
`;
  res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, path: string) => void;

export function createConsoleRoute(dir: string | undefined): RouteHandler {
  const files = dir
    ? sirv(dir, {
        etag: true,
        // Read each file's size and time per request: a rebuild while the server runs is served at once.
        dev: true,
        setHeaders: (res, pathname) => {
          res.setHeader('Cache-Control', HASHED.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      })
    : null;
  const notFound = (res: ServerResponse) => sendJson(res, 404, { error: 'Not found', code: 'NOT_FOUND' });

  return (req, res, path) => {
    setSecurityHeaders(res);
    if (path === '/console') return redirect(res, '/console/');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendJson(res, 405, { error: 'The console is read with GET.', code: 'METHOD_NOT_ALLOWED' });
    }
    if (!files || !existsSync(join(dir!, 'index.html'))) return notBuilt(res);
    const rest = req.url!.slice('/console'.length) || '/';
    req.url = rest;
    files(req, res, () => {
      // A path inside the app (no file extension, e.g. /console/datasets/x) gets the app's page;
      // a missing file is a plain 404, never HTML in place of a script.
      const last = path.slice(path.lastIndexOf('/') + 1);
      if (last.includes('.')) return notFound(res);
      req.url = '/index.html';
      files(req, res, () => notFound(res));
    });
  };
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(301, { Location: location });
  res.end();
}
