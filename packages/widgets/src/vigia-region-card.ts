import { html, nothing, type TemplateResult } from 'lit';
import { LEVELS, levelCount, type Indicator, type Source, type Space, type Summary, figureText } from './api.js';
import { VigiaElement, define } from './base.js';
import { call, type Call } from './client.js';
import type { Locale } from './i18n.js';
import { REGION_CARD } from './operations.js';

interface Region {
  name: string;
  isFocus: boolean;
  highIncidence: boolean;
  highIncidenceSource: Source | null;
  coordinationSpaceSummary: Summary;
  coordinationSpaces: { edges: { node: Space }[] };
  policeTrained: Indicator | null;
}

/** A space's place as the source gives it: "Catta (Quispicanchi)", "San Román – Juliaca", "La Rinconada". */
function place(s: Space): string {
  const main = s.district ?? s.province ?? s.locality;
  if (!main) return s.name;
  if (s.district && s.province) return `${s.district} (${s.province})`;
  if (!s.district && s.province && s.locality) return `${s.province} – ${s.locality}`;
  return main;
}

/**
 * A region at a glance: its coordination spaces against trafficking by level (and which they
 * are), police officers trained, high-incidence status, each with its source.
 *
 * @element vigia-region-card
 * @attr {string} region - INEI ubigeo code ("21") or slug ("puno"), case-insensitive.
 * @attr {string} endpoint - GraphQL endpoint URL.
 * @attr {"es"|"en"} lang - Language (default `es`).
 * @attr {number} heading-level - Heading level of the card title, 2–6 (default 2).
 * @csspart card - The card box.
 * @csspart title - The region's name.
 * @csspart subtitle - Section headings.
 * @csspart figure - A headline number.
 * @csspart badge - The high-incidence badge.
 * @csspart list - Lists of spaces.
 * @csspart source - Source lines.
 * @csspart link - Links (source, CSV).
 * @csspart skeleton - Loading placeholder.
 * @csspart error - Error message.
 * @csspart retry - Retry button.
 * @csspart empty - Not-found message.
 * @cssprop --vigia-min-height - Space reserved while loading (default 12rem).
 */
export class VigiaRegionCard extends VigiaElement<{ region: Region | null }> {
  static override properties = { region: {} };
  /** INEI ubigeo code or slug of the region. */
  declare region: string | null;

  constructor() {
    super();
    this.region = null;
  }

  protected query(loc: Locale): Call | string {
    const code = this.region?.trim();
    if (!code) return loc.m.noRegion;
    return call(REGION_CARD, { code, lang: loc.m.api });
  }

  protected missing(data: { region: Region | null }, loc: Locale): string | null {
    return data.region ? null : loc.m.unknownRegion(this.region ?? '');
  }

  protected renderData({ region: r }: { region: Region }, loc: Locale): TemplateResult {
    const { m } = loc;
    const sum = r.coordinationSpaceSummary;
    const spaces = r.coordinationSpaces.edges.map((e) => e.node);
    const trained = r.policeTrained;
    return html`${this.heading(r.name)}
      ${r.highIncidence
        ? html`<p><span class="badge" part="badge"><span aria-hidden="true">▲ </span>${m.highIncidence}</span></p>
            ${this.source(loc, r.highIncidenceSource)}`
        : html`<p class="muted">${m.notHighIncidence}</p>`}
      ${this.heading(m.coordinationTitle, true)}
      ${r.isFocus
        ? html`<p><span class="figure" part="figure">${loc.num(sum.total)}</span> ${m.spaces(sum.total)}</p>
            <ul part="list">
              ${LEVELS.map((level) => {
                const here = spaces.filter((s) => s.level === level && level !== 'REGIONAL');
                return html`<li>
                  ${m.levels[level]}: <span class="num">${loc.num(levelCount(sum, level))}</span>
                  ${here.length
                    ? html`<ul>
                        ${here.map(
                          (s) =>
                            html`<li>${place(s)}${s.note
                              ? html` <span class="note">(${m.note}: ${s.note})</span>`
                              : nothing}</li>`,
                        )}
                      </ul>`
                    : nothing}
                </li>`;
              })}
            </ul>
            ${sum.note ? html`<p class="note">${sum.note}</p>` : nothing}
            ${this.source(loc, sum.source ?? sum.sources[0])}`
        : html`<p class="muted">${m.notDetailed}</p>`}
      ${this.heading(m.policeTrained, true)}
      ${trained
        ? html`<p>
              <span class="figure" part="figure">${figureText(trained, loc)}</span>
              ${trained.label}, ${loc.period(trained.periodStart, trained.periodEnd)}
            </p>
            ${this.source(loc, trained.source, { url: trained.dataset.csvUrl, title: trained.dataset.title })}`
        : html`<p class="muted">${m.noPoliceTrained}</p>`}`;
  }
}

define('vigia-region-card', VigiaRegionCard);

declare global {
  interface HTMLElementTagNameMap {
    'vigia-region-card': VigiaRegionCard;
  }
}
