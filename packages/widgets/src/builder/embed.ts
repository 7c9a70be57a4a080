/**
 * What an embed is made of, and every URL and snippet made from it. The names and allowed values
 * are those of the server's embed parameters (packages/server/src/embed/params.ts): the query
 * string of `/embed/<element>` carries the element's attributes, in the same order, so the embed
 * URL built here is the server's canonical one. tests/embed/builder.test.ts checks that every
 * value the builder offers is one the server accepts.
 */

export const ELEMENTS = ['region-card', 'coordination-counter', 'services', 'indicator', 'training-chart', 'region-map'] as const;
export type ElementName = (typeof ELEMENTS)[number];
export type Lang = 'es' | 'en';
export const THEMES = ['light', 'dark', 'auto'] as const;
export type Theme = (typeof THEMES)[number];

/** Fixed values of the attributes that have them (those that name data come from the API). */
export const LEVELS = ['regional', 'provincial', 'district', 'populated_center'] as const;
export const KINDS = ['sector', 'autonomous_body'] as const;
export const METRICS = ['police-trained', 'coordination-spaces', 'high-incidence'] as const;
export const VIEWS = ['map', 'table'] as const;
export const SORTS = ['value', 'source'] as const;

/** The attributes each element's embed takes, in params.ts's order. */
export const ATTRIBUTES: Record<ElementName, readonly string[]> = {
  'region-card': ['region'],
  'coordination-counter': ['region', 'level', 'national'],
  services: ['kind'],
  indicator: ['key'],
  'training-chart': ['dataset', 'sort'],
  'region-map': ['metric', 'view'],
};
/** Every element's shared attributes, after its own. */
const COMMON = ['lang', 'theme', 'detail'] as const;
/** Boolean attributes: present (written without a value) or absent. */
const BOOLEAN = new Set(['national', 'detail']);

export interface Embed {
  element: ElementName;
  /** The element's own attributes; '' for a boolean that is on; absent = not set. */
  attrs: Readonly<Record<string, string | undefined>>;
  lang: Lang;
  theme: Theme;
  detail: boolean;
}

/** [name, value] pairs in the canonical order; value null for a boolean. */
export function attributes(embed: Embed): [string, string | null][] {
  const all: Record<string, string | undefined> = { ...embed.attrs, lang: embed.lang, theme: embed.theme, detail: embed.detail ? '' : undefined };
  const pairs: [string, string | null][] = [];
  for (const name of [...ATTRIBUTES[embed.element], ...COMMON]) {
    const value = all[name];
    if (value === undefined) continue;
    if (BOOLEAN.has(name)) pairs.push([name, null]);
    else if (value.trim() !== '') pairs.push([name, value.trim()]);
  }
  return pairs;
}

/** `region=puno&lang=en&theme=dark` (booleans without `=`), encoded as the server writes its canonical URLs. */
export function queryString(embed: Embed): string {
  const query = new URLSearchParams();
  for (const [name, value] of attributes(embed)) query.append(name, value ?? '');
  return query.toString().replace(/=(&|$)/g, '$1');
}

/** The server's base URL as this page sees it: the gallery is served at <base>/widgets/. */
export function baseUrl(pageUrl: string): string {
  return new URL('../', new URL('./', pageUrl)).href.replace(/\/$/, '');
}

export interface Urls {
  page: string;
  oembed: string;
  png: string;
  svg: string;
}

export function urls(base: string, embed: Embed): Urls {
  const qs = queryString(embed);
  const at = (suffix: string) => `${base}/embed/${embed.element}${suffix}${qs ? `?${qs}` : ''}`;
  const page = at('');
  return { page, oembed: `${base}/oembed?url=${encodeURIComponent(page)}&format=json`, png: at('.png'), svg: at('.svg') };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The loader tag (the page's own `#c-script` snippet, `__ORIGIN__` standing for the base) and the
 * element, with a link to the embed page inside: what readers whose browser runs no script see.
 */
export function scriptSnippet(loaderTag: string, base: string, embed: Embed, linkText: string): string {
  const tag = `vigia-${embed.element}`;
  const attrs = attributes(embed)
    .map(([name, value]) => (value === null ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`))
    .join('');
  const link = `<a href="${escapeHtml(urls(base, embed).page)}">${escapeHtml(linkText)}</a>`;
  return `${loaderTag.replaceAll('__ORIGIN__', base)}\n<${tag}${attrs}>\n  ${link}\n</${tag}>`;
}
