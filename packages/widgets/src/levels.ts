import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { LEVELS, levelCount, type Level, type Summary } from './api.js';
import type { Locale } from './i18n.js';

/**
 * Coordination spaces by level as one stacked bar with its key (shared by the region card and the
 * counter). The bar is a picture of the key, which carries every number as text; levels the
 * summary counts none of are left out of both.
 */
export function levelBar(sum: Summary, loc: Locale, current?: Level): TemplateResult {
  const shown = LEVELS.map((l, i) => [l, levelCount(sum, l), i + 1] as const).filter(([, n]) => n > 0);
  const total = shown.reduce((t, [, n]) => t + n, 0) || 1;
  return html`<div class="stack" part="bar" aria-hidden="true">
      ${shown.map(([l, n, i]) => html`<span class="l${i}" style=${styleMap({ flex: String(n / total) })} data-level=${l}></span>`)}
    </div>
    <ul class="key" part="list">
      ${shown.map(
        ([l, n, i]) => html`<li aria-current=${l === current ? 'true' : nothing}>
          <span class="sw l${i}" aria-hidden="true"></span>${loc.m.levels[l]}: <span class="num">${loc.num(n)}</span>
        </li>`,
      )}
    </ul>`;
}

/** The skeleton of a level bar. */
export const levelBarSkeleton = (loc: Locale): TemplateResult =>
  html`<div class="stack"><span class="sk" style="flex:1"></span></div>
    <ul class="key">${LEVELS.slice(0, 3).map((l) => html`<li><span class="sk">${loc.m.levels[l]}: 00</span></li>`)}</ul>`;
