/**
 * The embed routes, hooked into http/app.ts:
 *   GET /embed/<element>?<attributes>        the embed page (page.ts)
 *   GET /embed/<element>.svg?<attributes>&width=   the same graphic as SVG (svg.ts)
 *   GET /embed/<element>.png?<attributes>&width=   and as PNG (png.ts)
 *   GET /oembed?url=<embed page URL>&format=json|xml[&maxwidth=&maxheight=]   oEmbed 1.0 (oembed.ts)
 * Every answer is public data as an anonymous reader sees it (figures.ts), cached like the
 * GraphQL GETs: `public, max-age=<HTTP_CACHE_MAX_AGE_SECONDS>` with an ETag and 304s.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { PrismaClient } from '@vigia/schema';
import type { ReadModel } from '../read-model/read-model.js';
import { asUnavailable } from '../core/unavailable.js';
import { decodeSegment } from '../core/request-target.js';
import { figuresFor, type Figure, type FigureResult } from './figures.js';
import { embedPage, PAGE_CSP, problemPage } from './page.js';
import { embedPath, IMAGE_WIDTH, matchEmbedPath, parseEmbed, type EmbedTarget } from './params.js';
import { rasterize } from './png.js';
import { renderSvg } from './svg.js';
import { oembedResponse, oembedXml, snippet } from './oembed.js';
import { schemaOrgFigure, schemaOrgGraph } from '../publish/schema-org.js';

export interface EmbedOptions {
  prisma: PrismaClient;
  readModel: ReadModel;
  /** Seconds shared caches may keep an answer (config.cache.httpMaxAgeSeconds). */
  httpMaxAgeSeconds: number;
  /** How many rendered PNGs to keep in memory (per data version). */
  pngCacheEntries?: number;
  /** Where partners reach this server, e.g. https://vigia.example.org (PUBLIC_URL in config.ts); default: the request's Host. */
  publicUrl?: string;
  /** Proxies in front of this server (TRUST_PROXY): only then is X-Forwarded-Proto believed. */
  trustProxy?: number;
  /** The widgets' current release script under /widgets/ (http/widget-files.ts); default the stable name. */
  widgetScript?: () => string;
}

/** Returns true when the request was an embed route (and has been answered). */
export type EmbedRoutes = (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) => boolean;

export function createEmbedRoutes(options: EmbedOptions): EmbedRoutes {
  const publicUrl = checkPublicUrl(options.publicUrl);
  const maxAge = options.httpMaxAgeSeconds;
  const pngs = new Map<string, Promise<Buffer>>();
  const pngLimit = options.pngCacheEntries ?? 200;

  // Figures per data version and embed (pages, images and oEmbed of one embed share them).
  const figures = new Map<string, Promise<FigureResult>>();
  async function figureOf(base: string, target: EmbedTarget): Promise<FigureResult> {
    const version = (await options.readModel.current()).version;
    const key = `${version}\u0000${base}\u0000${target.lang}\u0000${embedPath(target)}`;
    let result = figures.get(key);
    if (!result) {
      result = figuresFor(options, base, target);
      if (figures.size >= 500) figures.delete(figures.keys().next().value!);
      figures.set(key, result);
      result.catch(() => figures.delete(key));
    }
    return result;
  }

  const baseOf = (req: IncomingMessage) => publicUrl ?? requestOrigin(req, (options.trustProxy ?? 0) > 0);

  async function embed(req: IncomingMessage, res: ServerResponse, name: string, format: 'html' | 'png' | 'svg', query: URLSearchParams) {
    const base = baseOf(req);
    const parsed = parseEmbed(name, format, query);
    if (!parsed.ok) return problem(req, res, format, parsed.status, parsed.message, parsed.lang, base);
    const target = parsed.target;
    const result = await figureOf(base, target);
    if (!result.found) return problem(req, res, format, 404, result.message, target.lang, base);
    const figure = result.figure;
    const credit = `Vigía · ${new URL(base).host}`;
    const svgTheme = target.theme === 'dark' ? 'dark' : 'light';

    if (format === 'html') {
      const image = renderSvg(figure, { width: IMAGE_WIDTH.default, theme: svgTheme, lang: target.lang, credit });
      const canonical = base + embedPath(target);
      const oembed = (f: string) => `${base}/oembed?url=${encodeURIComponent(canonical)}&format=${f}`;
      // The datasets behind the figures: "Cite" links and schema.org Dataset JSON-LD.
      const data = await options.readModel.current();
      const datasets = figure.datasets.flatMap((key) => {
        const d = data.datasetByKey.get(key);
        return d ? [{ key, title: target.lang === 'en' ? d.titleEn : d.title }] : [];
      });
      const jsonLd = schemaOrgGraph(data, figure.datasets, base, target.lang) ?? schemaOrgFigure(figure, canonical, base, target.lang);
      const body = embedPage(target, figure, { base, canonical, script: `${base}/widgets/${options.widgetScript?.() ?? 'vigia-widgets.js'}`, png: base + embedPath(target, 'png'), oembedJson: oembed('json'), oembedXml: oembed('xml') }, { width: IMAGE_WIDTH.default, height: image.height }, { datasets, jsonLd });
      return send(req, res, 200, 'text/html; charset=utf-8', body, { 'Content-Security-Policy': PAGE_CSP });
    }
    const { svg } = renderSvg(figure, { width: target.width, theme: svgTheme, lang: target.lang, credit });
    if (format === 'svg') {
      return send(req, res, 200, 'image/svg+xml; charset=utf-8', svg, { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'Access-Control-Allow-Origin': '*' });
    }
    const version = (await options.readModel.current()).version;
    const key = `${version}\u0000${base}\u0000${embedPath(target, 'png', target.width)}`;
    // One drawing per image and data version, shared by requests that arrive while it is drawn.
    let png = pngs.get(key);
    if (!png) {
      png = rasterize(svg, target.width);
      if (pngs.size >= pngLimit) pngs.delete(pngs.keys().next().value!);
      pngs.set(key, png);
      png.catch(() => pngs.delete(key));
    }
    return send(req, res, 200, 'image/png', await png, { 'Access-Control-Allow-Origin': '*' });
  }

  async function oembed(req: IncomingMessage, res: ServerResponse, query: URLSearchParams) {
    const base = baseOf(req);
    const json = (status: number, body: unknown) => send(req, res, status, 'application/json; charset=utf-8', JSON.stringify(body), { 'Access-Control-Allow-Origin': '*' }, status === 200);
    const format = query.get('format') ?? 'json';
    if (format !== 'json' && format !== 'xml') return json(501, { error: `oEmbed format "${format}" is not implemented: use json or xml.`, code: 'NOT_IMPLEMENTED' });
    const raw = query.get('url');
    if (!raw) return json(400, { error: 'The url parameter is required (an embed page of this server, e.g. /embed/region-card?region=puno).', code: 'BAD_REQUEST' });
    const dims: Record<string, number | undefined> = {};
    for (const name of ['maxwidth', 'maxheight']) {
      const v = query.get(name);
      if (v === null || v === '') continue;
      if (!/^\d{1,5}$/.test(v) || +v < 1) return json(400, { error: `${name} must be a positive whole number of pixels.`, code: 'BAD_REQUEST' });
      dims[name] = +v;
    }
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      return json(404, { error: 'Not an embed of this server.', code: 'NOT_FOUND' });
    }
    const here = new URL(base);
    const match = matchEmbedPath(url.pathname);
    // Any scheme of this host (a CMS may store http:// for an https:// site); embed pages only.
    if (url.host !== here.host || !/^https?:$/.test(url.protocol) || !match || match.format !== 'html') {
      return json(404, { error: 'Not an embed of this server: oEmbed answers for its /embed/<element> pages.', code: 'NOT_FOUND' });
    }
    const parsed = parseEmbed(match.name, 'html', url.searchParams);
    if (!parsed.ok) return json(404, { error: parsed.message, code: 'NOT_FOUND' });
    const target = parsed.target;
    const result = await figureOf(base, target);
    if (!result.found) return json(404, { error: result.message, code: 'NOT_FOUND' });
    const canonical = base + embedPath(target);
    const snip = snippet(canonical, here.origin, result.figure.title, target.element, dims.maxwidth, dims.maxheight);
    const thumb = thumbnailFor(result.figure, target, base, dims.maxwidth, dims.maxheight);
    const body = oembedResponse(result.figure, snip, base, maxAge, thumb);
    if (format === 'xml') return send(req, res, 200, 'text/xml; charset=utf-8', oembedXml(body), { 'Access-Control-Allow-Origin': '*' });
    return json(200, body);
  }

  function thumbnailFor(figure: Figure, target: EmbedTarget, base: string, maxwidth?: number, maxheight?: number) {
    const width = Math.min(IMAGE_WIDTH.default, maxwidth ?? IMAGE_WIDTH.default);
    if (width < IMAGE_WIDTH.min) return null;
    const { height } = renderSvg(figure, { width, theme: target.theme === 'dark' ? 'dark' : 'light', lang: target.lang, credit: 'Vigía' });
    if (maxheight !== undefined && height > maxheight) return null;
    return { url: base + embedPath(target, 'png', width === IMAGE_WIDTH.default ? undefined : width), width, height };
  }

  function problem(req: IncomingMessage, res: ServerResponse, format: string, status: number, message: string, lang: 'es' | 'en', base: string) {
    if (format === 'html') return send(req, res, status, 'text/html; charset=utf-8', problemPage(status, message, lang, base), { 'Content-Security-Policy': PAGE_CSP }, false);
    return send(req, res, status, 'text/plain; charset=utf-8', `${message}\n`, { 'Access-Control-Allow-Origin': '*' }, false);
  }

  function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string>, cacheable = status === 200) {
    const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'strict-origin-when-cross-origin', ...extra };
    if (cacheable && maxAge > 0) {
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      Object.assign(headers, { 'Cache-Control': `public, max-age=${maxAge}`, ETag: etag });
      const ifNoneMatch = req.headers['if-none-match'];
      if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
        delete headers['Content-Type'];
        res.writeHead(304, headers);
        res.end();
        return;
      }
    } else {
      headers['Cache-Control'] = status === 200 ? 'no-cache' : 'public, max-age=60';
    }
    headers['Content-Length'] = String(Buffer.byteLength(body));
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function failed(res: ServerResponse, error: unknown) {
    if (res.headersSent) return void res.destroy();
    const unavailable = asUnavailable(error);
    if (unavailable) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(unavailable.extensions.retryAfter), 'Cache-Control': 'no-store' });
      res.end(`${unavailable.message}\n`);
      return;
    }
    console.error(error);
    res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('Could not render this embed.\n');
  }

  return (req, res, path, query) => {
    const isOembed = path === '/oembed';
    const match = isOembed ? null : matchEmbedPath(path);
    if (!isOembed && !match) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Embeds answer GET and HEAD.\n');
      return true;
    }
    const work = isOembed ? oembed(req, res, query) : embed(req, res, decodeSegment(match!.name) ?? match!.name, match!.format, query);
    work.catch((error) => failed(res, error));
    return true;
  };
}

function checkPublicUrl(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL such as https://vigia.example.org; got "${value}"`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new Error(`PUBLIC_URL must be http(s); got "${value}"`);
  return url.origin + url.pathname.replace(/\/+$/, '');
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
