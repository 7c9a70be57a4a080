/**
 * /widgets/: the built widgets (packages/widgets/dist) with the caching partner traffic needs.
 *   /widgets/v/<hash>/…   a release, named by its content's hash (the build never rewrites one):
 *                         `public, max-age=31536000, immutable`, never asked for again
 *   everything else       stable names partners paste (vigia-widgets.js, the gallery,
 *                         custom-elements.json…): `public, max-age=300`, then revalidated
 * ETags are the hash of the bytes sent, not sirv's size-and-time: a rebuild that changes nothing,
 * or another server built from the same sources, answers the same ETag, so a browser revalidates
 * with a 304 and never downloads unchanged code again. sirv sends the files (the .br or .gz copy
 * the build wrote, by Accept-Encoding).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import sirv from 'sirv';

/** How long the stable names are fresh: a release reaches every partner page within this. */
export const STABLE_MAX_AGE_SECONDS = 300;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
const RELEASE_PATH = /^\/v\/[0-9a-f]{16}\//;
/** Before a release exists (an older build), pages load the stable name. */
const STABLE_SCRIPT = 'vigia-widgets.js';

export interface WidgetFiles {
  /** Serves `req` (its URL relative to /widgets) or calls `next` when there is no such file. */
  serve(req: IncomingMessage, res: ServerResponse, next: () => void): void;
  /** The current release's script, relative to /widgets/ (e.g. `v/<hash>/vigia-widgets.js`). */
  script(): string;
}

export function createWidgetFiles(dir: string): WidgetFiles {
  // dev: each request reads the file's current size and time, so a rebuild while the server runs
  // is never announced with the old Content-Length. ETags are ours (below).
  const send = sirv(dir, { dev: true, etag: false, brotli: true, gzip: true });
  const root = normalize(dir + sep);
  const etags = new Map<string, { size: number; mtimeMs: number; etag: string }>();

  /** The file sirv will send for this path and Accept-Encoding (same choice as sirv), or undefined. */
  function fileOf(path: string, acceptEncoding: string): string | undefined {
    const base = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!base.startsWith(root)) return undefined;
    const candidates = [
      ...(/(br|brotli)/i.test(acceptEncoding) ? [`${base}.br`] : []),
      ...(acceptEncoding.includes('gzip') ? [`${base}.gz`] : []),
      base,
    ];
    return candidates.find((file) => statSync(file, { throwIfNoEntry: false })?.isFile());
  }

  function etagOf(file: string): string {
    const { size, mtimeMs } = statSync(file);
    const known = etags.get(file);
    if (known && known.size === size && known.mtimeMs === mtimeMs) return known.etag;
    const etag = `"${createHash('sha256').update(readFileSync(file)).digest('base64url').slice(0, 27)}"`;
    etags.set(file, { size, mtimeMs, etag });
    return etag;
  }

  let release: { mtimeMs: number; script: string } | undefined;
  function script(): string {
    const file = join(dir, 'release.json');
    const mtimeMs = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    if (mtimeMs === undefined) return STABLE_SCRIPT;
    if (release?.mtimeMs !== mtimeMs) {
      let value: unknown;
      try {
        value = (JSON.parse(readFileSync(file, 'utf8')) as { script?: unknown }).script;
      } catch {
        value = undefined; // being rewritten by a build: the stable name works meanwhile
      }
      release = { mtimeMs, script: typeof value === 'string' && /^v\/[0-9a-f]{16}\/vigia-widgets\.js$/.test(value) ? value : STABLE_SCRIPT };
    }
    return release.script;
  }

  function serve(req: IncomingMessage, res: ServerResponse, next: () => void) {
    let path = new URL(req.url ?? '/', 'http://x').pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      return next();
    }
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', RELEASE_PATH.test(path) ? IMMUTABLE : `public, max-age=${STABLE_MAX_AGE_SECONDS}`);
    res.setHeader('Vary', 'Accept-Encoding');
    const file = fileOf(path, String(req.headers['accept-encoding'] ?? ''));
    if (file) {
      const etag = etagOf(file);
      res.setHeader('ETag', etag);
      const ifNoneMatch = req.headers['if-none-match'];
      if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
        res.writeHead(304);
        res.end();
        return;
      }
    }
    send(req, res, () => {
      // No such file: the 404 is not cached like one.
      for (const name of ['Cache-Control', 'ETag', 'Vary', 'X-Content-Type-Options']) res.removeHeader(name);
      next();
    });
  }

  return { serve, script };
}
