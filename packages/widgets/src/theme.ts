/**
 * Light or dark, following the page by default.
 *
 * A widget with no `theme` (or `theme="page"`) takes the scheme of the page around it: the first
 * opaque background among its ancestors decides (a dark background → dark); when every ancestor
 * is transparent, the page's canvas does: dark only when the root's `color-scheme` allows dark and
 * the reader's system asks for it (a page with `color-scheme: normal` or `light` stays light, as
 * its canvas does). Such a widget paints no background, inherits the page's text colour and uses
 * the page's link colour. `theme="light"` or `"dark"` force a scheme and paint the widget's own
 * background; `theme="auto"` follows the reader's system setting alone.
 */

export interface Scheme {
  scheme: 'light' | 'dark';
  /** The widget paints its own colours (a forced or system theme). */
  painted: boolean;
  /** The page's background colour, when the widget follows the page. */
  background?: string;
  /** The page's link colour, when the widget follows the page. */
  link?: string;
}

const dark = () => typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;

/** [r, g, b (0–255), alpha] of a computed `rgb()`, `rgba()` or `color(srgb …)` (color-mix) colour, or null. */
export function rgba(color: string): number[] | null {
  const m = color.match(/(rgba?|color)\(\s*(?:srgb\s+)?([^)]+)\)/);
  if (!m) return null;
  const parts = m[2]!.split(/[\s,/]+/).filter(Boolean).map(Number);
  const k = m[1] === 'color' ? 255 : 1;
  return parts.length >= 3 ? [parts[0]! * k, parts[1]! * k, parts[2]! * k, parts[3] ?? 1] : null;
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}

/** The element's parent, crossing shadow roots. */
const up = (el: Element): Element | null => el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);

export function schemeOf(host: HTMLElement, theme: string | null): Scheme {
  const t = theme?.trim().toLowerCase();
  if (t === 'light' || t === 'dark') return { scheme: t, painted: true };
  if (t === 'auto') return { scheme: dark() ? 'dark' : 'light', painted: true };
  let background: string | undefined;
  for (let el = up(host); el; el = up(el)) {
    const c = rgba(getComputedStyle(el).backgroundColor);
    if (c && c[3]! > 0.5) {
      background = `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
      break;
    }
  }
  let scheme: 'light' | 'dark';
  if (background) scheme = luminance(rgba(background)!) < 0.18 ? 'dark' : 'light';
  else {
    const cs = getComputedStyle(document.documentElement).colorScheme;
    scheme = /dark/.test(cs) && (!/light/.test(cs) || dark()) ? 'dark' : 'light';
    background = scheme === 'dark' ? 'rgb(18, 18, 18)' : 'rgb(255, 255, 255)';
  }
  return { scheme, painted: false, background, link: readableLink(linkColour(host), background) };
}

/** WCAG contrast ratio of two colours. */
const contrast = (a: number[], b: number[]) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

/** The page's link colour, unless it is unreadable on the page's background (a dark page that kept
 * the browser's default blue): then the widget's own link colour is used. */
function readableLink(link: string | undefined, background: string): string | undefined {
  const l = link ? rgba(link) : null;
  const b = rgba(background);
  return l && b && contrast(l, b) >= 4.5 ? link : undefined;
}

let links = new WeakMap<Node, string>();

/** The colour the page gives a link where the widget stands (a probe link, removed at once). */
function linkColour(host: HTMLElement): string | undefined {
  const parent = host.parentNode;
  if (!parent) return undefined;
  let colour = links.get(parent);
  if (colour === undefined) {
    const a = document.createElement('a');
    a.href = '#';
    a.hidden = true;
    parent.insertBefore(a, host);
    colour = getComputedStyle(a).color;
    a.remove();
    links.set(parent, colour);
  }
  return colour;
}

const listeners = new Set<() => void>();
let watching = false;

/** Calls `update` whenever the page may have changed its theme; returns the unsubscribe. */
export function watchPage(update: () => void): () => void {
  listeners.add(update);
  if (!watching && typeof MutationObserver === 'function') {
    watching = true;
    // A class or style change on <html> or <body> may switch the page's colours or links.
    const all = () => {
      links = new WeakMap();
      for (const f of listeners) f();
    };
    const observer = new MutationObserver(all);
    const opts = { attributes: true, attributeFilter: ['class', 'style', 'data-theme', 'data-color-scheme'] };
    observer.observe(document.documentElement, opts);
    if (document.body) observer.observe(document.body, opts);
    else document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, opts), { once: true });
    if (typeof matchMedia === 'function') matchMedia('(prefers-color-scheme: dark)').addEventListener('change', all);
  }
  return () => listeners.delete(update);
}
