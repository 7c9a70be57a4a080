/**
 * oEmbed 1.0 (https://oembed.com): `GET /oembed?url=<embed page URL>&format=json|xml[&maxwidth=&maxheight=]`
 * answers a `rich` response whose `html` is the iframe snippet plus the few lines of script that
 * keep its height equal to its content (the embed page posts its height, page.ts).
 */
import { esc } from '../core/escape.js';
import type { Figure } from './figures.js';
import type { ElementName } from './params.js';
import { PING_MESSAGE, SIZE_MESSAGE } from './page.js';

/** The iframe's width when the consumer sets none (it is 100% wide up to this). */
export const DEFAULT_WIDTH = 640;

/**
 * A first height for each element at DEFAULT_WIDTH, before the embed reports its own: what a page
 * that strips the resize script keeps (the widget then scrolls inside it).
 */
export const ESTIMATED_HEIGHT: Record<ElementName, number> = {
  'region-card': 560,
  'coordination-counter': 460,
  services: 620,
  indicator: 340,
  'training-chart': 560,
  'region-map': 680,
};

/** The parent-page half of auto-height: resize the iframe whose window sent the message. */
export function resizeScript(origin: string): string {
  return (
    `<script>(function(){if(window.__vigiaEmbeds)return;window.__vigiaEmbeds=1;` +
    `var o=${JSON.stringify(origin).replace(/</g, '\\u003c')};` +
    `window.addEventListener('message',function(e){var d=e.data;if(e.origin!==o||!d||d.type!==${JSON.stringify(SIZE_MESSAGE)}||!(d.height>0))return;` +
    `var f=document.querySelectorAll('iframe[data-vigia-embed]');for(var i=0;i<f.length;i++)if(f[i].contentWindow===e.source)f[i].style.height=Math.ceil(d.height)+'px'});` +
    `var f=document.querySelectorAll('iframe[data-vigia-embed]');for(var i=0;i<f.length;i++)try{f[i].contentWindow.postMessage({type:${JSON.stringify(PING_MESSAGE)}},o)}catch(x){}` +
    `})();</script>`
  );
}

export interface Snippet {
  html: string;
  width: number;
  height: number;
}

/** The iframe and its resize script, sized for `maxwidth`/`maxheight` when given. */
export function snippet(url: string, origin: string, title: string, element: ElementName, maxwidth?: number, maxheight?: number): Snippet {
  const width = Math.min(DEFAULT_WIDTH, maxwidth ?? DEFAULT_WIDTH);
  // Narrower frames wrap more text: grow the first guess as the width shrinks.
  let height = Math.round(ESTIMATED_HEIGHT[element] * Math.max(1, Math.sqrt(DEFAULT_WIDTH / width)));
  if (maxheight !== undefined) height = Math.min(height, maxheight);
  const html =
    `<iframe src="${esc(url)}" title="${esc(title)}" data-vigia-embed width="${width}" height="${height}" ` +
    `style="width:100%;max-width:${width}px;height:${height}px;border:0;display:block" loading="lazy"></iframe>` +
    resizeScript(origin);
  return { html, width, height };
}

export interface OembedResponse {
  version: '1.0';
  type: 'rich';
  provider_name: 'Vigía';
  provider_url: string;
  title: string;
  author_name: string;
  author_url: string;
  html: string;
  width: number;
  height: number;
  cache_age: number;
  thumbnail_url?: string;
  thumbnail_width?: number;
  thumbnail_height?: number;
}

export function oembedResponse(
  figure: Figure,
  snippetOf: Snippet,
  base: string,
  cacheAge: number,
  thumbnail: { url: string; width: number; height: number } | null,
): OembedResponse {
  return {
    version: '1.0',
    type: 'rich',
    provider_name: 'Vigía',
    provider_url: `${base}/`,
    title: figure.title,
    author_name: 'Vigía',
    author_url: `${base}/widgets/`,
    html: snippetOf.html,
    width: snippetOf.width,
    height: snippetOf.height,
    cache_age: cacheAge,
    ...(thumbnail ? { thumbnail_url: thumbnail.url, thumbnail_width: thumbnail.width, thumbnail_height: thumbnail.height } : {}),
  };
}

/** The XML format of the spec: `<oembed>` with one element per field. */
export function oembedXml(response: OembedResponse): string {
  const fields = Object.entries(response)
    .map(([k, v]) => `<${k}>${esc(v)}</${k}>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<oembed>${fields}</oembed>\n`;
}
