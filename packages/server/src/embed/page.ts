/**
 * The embed page: a small HTML document with the widget and, inside it as light DOM, the same
 * figures rendered by the server (shown until the element upgrades, and to readers and crawlers
 * without JavaScript); the oEmbed discovery links, canonical URL, Open Graph and Twitter tags;
 * and one inline script that tells the parent page the document's height (auto-height).
 */
import { createHash } from 'node:crypto';
import { esc, scriptJson } from '../core/escape.js';
import type { Figure } from './figures.js';
import type { EmbedTarget, Lang } from './params.js';

/** The message the embed sends its parent; the snippet (oembed.ts) listens for it. */
export const SIZE_MESSAGE = 'vigia:embed-size';
/** The parent asks for the height again (its listener may start after the first message). */
export const PING_MESSAGE = 'vigia:embed-ping';

/**
 * Posts the height of #vigia-embed whenever it changes (ResizeObserver: the widget loading, a
 * disclosure opening, a narrower frame), as Vigía's message and as AMP's `embed-size` request.
 */
const RESIZE_SCRIPT = `(function(){var r=document.getElementById('vigia-embed'),last=-1;function send(){var h=Math.ceil(r.getBoundingClientRect().height);if(h===last||window.parent===window)return;last=h;window.parent.postMessage({type:${JSON.stringify(SIZE_MESSAGE)},height:h,url:location.href},'*');window.parent.postMessage({sentinel:'amp',type:'embed-size',height:h},'*')}if(window.ResizeObserver)new ResizeObserver(send).observe(r);window.addEventListener('load',send);window.addEventListener('message',function(e){if(e.source===window.parent&&e.data&&e.data.type===${JSON.stringify(PING_MESSAGE)}){last=-1;send()}});send()})();`;
const RESIZE_HASH = `sha256-${createHash('sha256').update(RESIZE_SCRIPT).digest('base64')}`;

const STYLE = `html{color-scheme:light}html[data-theme=auto]{color-scheme:light dark}html[data-theme=dark]{color-scheme:dark;background:#17191d;color:#e9ebee}html[data-theme=light]{background:#fff;color:#1c2024}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
#vigia-embed{display:flow-root;padding:1px 0}
.vigia-fallback{padding:1rem;border:1px solid #c3c9d1;border-radius:.5rem}
.vigia-fallback h2{font-size:1.25rem;margin:0 0 .25rem}.vigia-fallback .sub,.vigia-fallback .src{color:#4a525c;margin:.25rem 0}
[data-theme=dark] .vigia-fallback .sub,[data-theme=dark] .vigia-fallback .src{color:#b1b8c2}
.vigia-fallback .big{margin:.75rem 0}.vigia-fallback .big strong{font-size:2.25em;display:block;line-height:1.1}
.vigia-fallback table{border-collapse:collapse;width:100%;margin:.5rem 0}.vigia-fallback td,.vigia-fallback th{text-align:left;padding:.25rem 0;border-top:1px solid #c3c9d1;font-weight:normal}.vigia-fallback td{text-align:right;font-weight:bold}
.vigia-fallback .src{font-size:.85rem}a{color:#0a5bab}[data-theme=dark] a{color:#8cc2ff}`;

/** The Content-Security-Policy of an embed page: its own scripts and data only; any page may frame it. */
export const PAGE_CSP = [
  "default-src 'none'",
  `script-src 'self' '${RESIZE_HASH}'`,
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  'frame-ancestors *',
].join('; ');

const LOCALE: Record<Lang, string> = { es: 'es_PE', en: 'en_US' };

export interface PageUrls {
  base: string;
  canonical: string;
  /** The widgets' script: the current release's immutable URL, cached by the reader for good. */
  script: string;
  png: string;
  oembedJson: string;
  oembedXml: string;
}

/** A dataset behind an embed: its citation files are offered as "Cite" (publish/routes.ts). */
export interface CitedDataset {
  key: string;
  title: string;
}

const CITE: Record<Lang, string> = { es: 'Citar estos datos', en: 'Cite this data' };

/** "Cite this data: APA · BibTeX · CSL-JSON" for each dataset, as the widgets offer it. */
function citeHtml(datasets: readonly CitedDataset[], base: string, lang: Lang): string {
  const query = lang === 'en' ? '?lang=en' : '';
  return datasets
    .map((d) => {
      const file = (ext: string) => `${base}/data/${encodeURIComponent(d.key)}.${ext}${query}`;
      const links = [['apa.txt', 'APA'], ['bib', 'BibTeX'], ['csl.json', 'CSL-JSON']].map(([ext, label]) => `<a href="${esc(file(ext!))}">${label}</a>`);
      const what = datasets.length > 1 ? ` (${esc(d.title)})` : '';
      return `<p class="src cite">${CITE[lang]}${what}: ${links.join(' · ')}</p>`;
    })
    .join('');
}

/** The figures as plain HTML (title, subtitle, headline, table, notes, source, link to Vigía, "Cite"). */
export function fallbackHtml(figure: Figure, canonical: string, headingLevel: number, cite: { datasets: readonly CitedDataset[]; base: string; lang: Lang } | null = null): string {
  const h = `h${headingLevel}`;
  return (
    `<div class="vigia-fallback">` +
    `<${h}>${esc(figure.title)}</${h}>` +
    (figure.subtitle ? `<p class="sub">${esc(figure.subtitle)}</p>` : '') +
    (figure.headline ? `<p class="big"><strong>${esc(figure.headline.value)}</strong> ${esc(figure.headline.label)}</p>` : '') +
    (figure.rows.length ? `<table>${figure.rows.map((r) => `<tr><th scope="row">${esc(r.label)}</th><td>${esc(r.value)}</td></tr>`).join('')}</table>` : '') +
    figure.notes.map((n) => `<p>${esc(n)}</p>`).join('') +
    `<p class="src">${figure.citation ? `${esc(figure.citation)} · ` : ''}<a href="${esc(canonical)}">Vigía</a></p>` +
    (cite ? citeHtml(cite.datasets, cite.base, cite.lang) : '') +
    `</div>`
  );
}

/**
 * `data`: the datasets behind the figures (for "Cite"), and the schema.org JSON-LD describing
 * them for search engines — a data block, which the page's CSP does not treat as a script.
 */
export function embedPage(
  target: EmbedTarget,
  figure: Figure,
  urls: PageUrls,
  image: { width: number; height: number },
  data: { datasets: readonly CitedDataset[]; jsonLd: Record<string, unknown> | null } = { datasets: [], jsonLd: null },
): string {
  const tag = `vigia-${target.element}`;
  const attrs = [...target.attrs]
    .filter(([name]) => name !== 'theme')
    .map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${esc(value)}"`))
    .join('');
  const title = `${figure.title} — Vigía`;
  const alt = `${figure.title}. ${figure.source}`;
  return `<!doctype html>
<html lang="${target.lang}" data-theme="${target.theme === 'dark' ? 'dark' : target.theme === 'light' ? 'light' : 'auto'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<meta name="description" content="${esc(figure.description)}">
<link rel="canonical" href="${esc(urls.canonical)}">
<link rel="alternate" type="application/json+oembed" href="${esc(urls.oembedJson)}" title="${esc(figure.title)}">
<link rel="alternate" type="text/xml+oembed" href="${esc(urls.oembedXml)}" title="${esc(figure.title)}">
<meta property="og:site_name" content="Vigía">
<meta property="og:type" content="website">
<meta property="og:locale" content="${LOCALE[target.lang]}">
<meta property="og:title" content="${esc(figure.title)}">
<meta property="og:description" content="${esc(figure.description)}">
<meta property="og:url" content="${esc(urls.canonical)}">
<meta property="og:image" content="${esc(urls.png)}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="${image.width}">
<meta property="og:image:height" content="${image.height}">
<meta property="og:image:alt" content="${esc(alt)}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${esc(figure.title)}">
<meta name="twitter:description" content="${esc(figure.description)}">
<meta name="twitter:image" content="${esc(urls.png)}">
<meta name="twitter:image:alt" content="${esc(alt)}">
<base target="_blank">
<style>${STYLE}</style>
${data.jsonLd ? `<script type="application/ld+json">${scriptJson(data.jsonLd)}</script>\n` : ''}<script src="${esc(urls.script)}" data-endpoint="${esc(`${urls.base}/graphql`)}" defer></script>
</head>
<body>
<main id="vigia-embed">
<${tag}${attrs}${target.theme === 'light' || target.theme === 'dark' || target.theme === 'auto' ? ` theme="${target.theme}"` : ''}>${fallbackHtml(figure, urls.canonical, Number(target.attrs.get('heading-level') ?? 2), { datasets: data.datasets, base: urls.base, lang: target.lang })}</${tag}>
</main>
<script>${RESIZE_SCRIPT}</script>
</body>
</html>
`;
}

/** The page for an unknown element or region, or bad parameters: says so, in the asked language. */
export function problemPage(status: number, message: string, lang: Lang, base: string): string {
  const heading = status === 404 ? (lang === 'en' ? 'Not found' : 'No encontrado') : lang === 'en' ? 'Bad request' : 'Solicitud no válida';
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${esc(heading)} — Vigía</title><style>${STYLE}</style></head>
<body><main id="vigia-embed"><div class="vigia-fallback"><h1>${esc(heading)}</h1><p>${esc(message)}</p><p class="src"><a href="${esc(`${base}/widgets/`)}" target="_blank">Vigía</a></p></div></main>
<script>${RESIZE_SCRIPT}</script></body>
</html>
`;
}


