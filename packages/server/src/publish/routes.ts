/**
 * The routes that publish the data for portals, feed readers and reference managers, hooked
 * into http/app.ts:
 *   GET /feeds/changes.atom[?lang=en]          the change feed (feed.ts)
 *   GET /catalog.jsonld                         the DCAT catalogue (catalog.ts)
 *   GET /data/<dataset>.apa.txt|.bib|.csl.json[?lang=en]   its citation (citation.ts), what the
 *                                               widgets' and embeds' "Cite" links open
 * All from the in-memory snapshot (no SQL), public, cached like the embeds: `public,
 * max-age=<HTTP_CACHE_MAX_AGE_SECONDS>` with an ETag and 304s, readable from any origin.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { asUnavailable } from '../core/unavailable.js';
import { decodeSegment } from '../core/request-target.js';
import type { ReadModel } from '../read-model/read-model.js';
import { catalog } from './catalog.js';
import { citationFacts, formatCitation, type CitationStyle } from './citation.js';
import { changesFeed } from './feed.js';

export interface PublishOptions {
  readModel: ReadModel;
  httpMaxAgeSeconds: number;
  /** PUBLIC_URL (config.ts); default: the request's origin. */
  publicUrl?: string | undefined;
  /** Proxies in front (TRUST_PROXY): only then is X-Forwarded-Proto believed. */
  trustProxy?: number;
  /** DATA_LICENSE_URL (config.ts): named in the catalogue when set. */
  dataLicenseUrl?: string | undefined;
}

/** The citation files: extension → style and media type. */
const CITATION_FILES: Record<string, { style: CitationStyle; type: string }> = {
  'apa.txt': { style: 'APA', type: 'text/plain; charset=utf-8' },
  bib: { style: 'BIBTEX', type: 'application/x-bibtex; charset=utf-8' },
  'csl.json': { style: 'CSL_JSON', type: 'application/vnd.citationstyles.csl+json; charset=utf-8' },
};
const CITATION_PATH = /^\/data\/([^/]+?)\.(apa\.txt|bib|csl\.json)$/;

/** Returns true when the path is one of these routes (and it has been answered). */
export type PublishRoutes = (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) => boolean;

export function createPublishRoutes(options: PublishOptions): PublishRoutes {
  const publicUrl = options.publicUrl?.trim() ? options.publicUrl.trim().replace(/\/+$/, '') : undefined;
  const baseOf = (req: IncomingMessage) => publicUrl ?? requestOrigin(req, (options.trustProxy ?? 0) > 0);

  function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string) {
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Access-Control-Allow-Origin': '*',
      'X-Content-Type-Options': 'nosniff',
    };
    if (status === 200) {
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      Object.assign(headers, { 'Cache-Control': `public, max-age=${options.httpMaxAgeSeconds}`, ETag: etag });
      const ifNoneMatch = req.headers['if-none-match'];
      if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
        delete headers['Content-Type'];
        res.writeHead(304, headers);
        res.end();
        return;
      }
    } else {
      headers['Cache-Control'] = 'public, max-age=60';
    }
    headers['Content-Length'] = String(Buffer.byteLength(body));
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const problem = (req: IncomingMessage, res: ServerResponse, status: number, code: string, error: string) =>
    send(req, res, status, 'application/json; charset=utf-8', `${JSON.stringify({ error, code })}\n`);

  async function answer(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) {
    try {
      const data = await options.readModel.current();
      const base = baseOf(req);
      const lang = query.get('lang') === 'en' ? 'en' : 'es';
      if (path === '/feeds/changes.atom') return send(req, res, 200, 'application/atom+xml; charset=utf-8', changesFeed(data, base, lang));
      if (path === '/catalog.jsonld') {
        return send(req, res, 200, 'application/ld+json; charset=utf-8', `${JSON.stringify(catalog(data, { base, licenseUrl: options.dataLicenseUrl }), null, 2)}\n`);
      }
      const [, segment, extension] = CITATION_PATH.exec(path)!;
      const key = decodeSegment(segment!);
      const dataset = key === null ? undefined : data.datasetByKey.get(key);
      if (!dataset) return problem(req, res, 404, 'NOT_FOUND', `No dataset with key "${key ?? segment}"`);
      const facts = citationFacts(data, dataset, base);
      if (!facts) return problem(req, res, 404, 'NOT_FOUND', `Dataset "${key}" has not been published yet`);
      const file = CITATION_FILES[extension!]!;
      return send(req, res, 200, file.type, `${formatCitation(facts, file.style, lang)}\n`);
    } catch (error) {
      const unavailable = asUnavailable(error);
      if (res.headersSent) return void res.destroy();
      if (unavailable) {
        res.setHeader('Retry-After', String(unavailable.extensions.retryAfter));
        return problem(req, res, 503, 'SERVICE_UNAVAILABLE', unavailable.message);
      }
      console.error(error);
      return problem(req, res, 500, 'INTERNAL_SERVER_ERROR', 'Could not publish this document');
    }
  }

  return (req, res, path, query) => {
    if (path !== '/feeds/changes.atom' && path !== '/catalog.jsonld' && !CITATION_PATH.test(path)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      problem(req, res, 405, 'METHOD_NOT_ALLOWED', `${path} answers GET and HEAD only`);
      return true;
    }
    void answer(req, res, path, query);
    return true;
  };
}

/** http(s)://<Host> of the request (the production layer has refused malformed Host headers). */
function requestOrigin(req: IncomingMessage, behindProxy: boolean): string {
  const forwarded = behindProxy ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim() : '';
  const proto = forwarded === 'https' || (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  try {
    return new URL(`${proto}://${req.headers.host ?? 'localhost'}`).origin;
  } catch {
    return `${proto}://localhost`;
  }
}
