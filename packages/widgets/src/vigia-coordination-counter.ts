import { html, nothing, type TemplateResult } from 'lit';
import { LEVELS, levelCount, type Level, type Summary } from './api.js';
import { VigiaElement, define } from './base.js';
import { call, type Call } from './client.js';
import type { Locale } from './i18n.js';
import { FOCUS_COUNTER, NATIONAL_COUNTER, REGION_COUNTER } from './operations.js';

interface Data {
  /** The summary asked for: of one region, the focus regions, or the national totals. */
  summary?: Summary;
  region?: { name: string; coordinationSpaceSummary: Summary } | null;
  focus?: { name: string }[];
}

/**
 * The number of coordination spaces against trafficking, with its breakdown by level: of one
 * region, of the five focus regions together (no `region`), or the national totals (`national`).
 *
 * @element vigia-coordination-counter
 * @attr {string} region - INEI ubigeo code or slug; none = the five focus regions together.
 * @attr {"regional"|"provincial"|"district"|"populated_center"} level - Count only this level (case-insensitive); the breakdown still shows every level.
 * @attr {boolean} national - Show the national totals as the source reports them (ignores `region`).
 * @attr {string} endpoint - GraphQL endpoint URL.
 * @attr {"es"|"en"} lang - Language (default `es`).
 * @attr {number} heading-level - Heading level of the title, 2–6 (default 2).
 * @csspart card - The card box.
 * @csspart title - The title.
 * @csspart figure - The count.
 * @csspart list - The breakdown by level.
 * @csspart source - Source line.
 * @csspart link - Links.
 * @csspart skeleton - Loading placeholder.
 * @csspart error - Error message.
 * @csspart retry - Retry button.
 * @csspart empty - Not-found message.
 * @cssprop --vigia-figure-size - Size of the headline number (default 2.25em).
 */
export class VigiaCoordinationCounter extends VigiaElement<Data> {
  static override properties = { region: {}, level: {}, national: { type: Boolean } };
  /** INEI ubigeo code or slug; empty for the five focus regions together. */
  declare region: string | null;
  /** A CoordinationLevel name, case-insensitive (`provincial`, `POPULATED_CENTER`, `populated-center`). */
  declare level: string | null;
  /** Show the national totals reported by the source. */
  declare national: boolean;

  constructor() {
    super();
    this.region = null;
    this.level = null;
    this.national = false;
  }

  /** The level attribute as a CoordinationLevel, `null` for none, `undefined` when invalid. */
  private get lvl(): Level | null | undefined {
    const raw = this.level?.trim();
    if (!raw) return null;
    const name = raw.toUpperCase().replace(/[\s-]+/g, '_');
    return LEVELS.find((l) => l === name);
  }

  protected query(loc: Locale): Call | string {
    if (this.lvl === undefined) return loc.m.badLevel(this.level ?? '');
    const lang = loc.m.api;
    const code = this.region?.trim();
    // The level only picks the figure to show: every level shares one request.
    if (this.national) return call(NATIONAL_COUNTER, { lang });
    return code ? call(REGION_COUNTER, { code, lang }) : call(FOCUS_COUNTER, { lang });
  }

  protected missing(data: Data, loc: Locale): string | null {
    return data.region === null ? loc.m.unknownRegion(this.region ?? '') : null;
  }

  protected renderData(data: Data, loc: Locale): TemplateResult {
    const { m } = loc;
    const sum = (data.summary ?? data.region?.coordinationSpaceSummary)!;
    const level = this.lvl ?? undefined;
    const count = level ? levelCount(sum, level) : sum.total;
    const where = data.region
      ? m.inRegion(data.region.name)
      : data.focus
        ? m.inFocus(loc.list(data.focus.map((r) => r.name)))
        : m.national;
    const item = (label: string, n: number, l?: Level) =>
      html`<li aria-current=${l && l === level ? 'true' : nothing}>${label}: <span class="num">${loc.num(n)}</span></li>`;
    return html`${this.heading(m.coordinationTitle)}
      <p class="muted">${where}</p>
      <p><span class="figure" part="figure">${loc.num(count)}</span> ${m.spaces(count, level)}</p>
      ${this.heading(m.byLevel, true)}
      <ul part="list">
        ${item(m.levels.REGIONAL, sum.regional, 'REGIONAL')}
        <li>
          ${m.local}: <span class="num">${loc.num(sum.local)}</span>
          <ul>
            ${item(m.levels.PROVINCIAL, sum.provincial, 'PROVINCIAL')}
            ${item(m.levels.DISTRICT, sum.district, 'DISTRICT')}
            ${item(m.levels.POPULATED_CENTER, sum.populatedCenter, 'POPULATED_CENTER')}
          </ul>
        </li>
        ${item(m.total, sum.total)}
      </ul>
      ${sum.note ? html`<p class="note">${sum.note}</p>` : nothing}
      ${this.sources(loc, [sum.source, ...sum.sources])}
      ${sum.dataset ? this.source(loc, null, { url: sum.dataset.csvUrl, title: sum.dataset.title }) : nothing}`;
  }
}

define('vigia-coordination-counter', VigiaCoordinationCounter);

declare global {
  interface HTMLElementTagNameMap {
    'vigia-coordination-counter': VigiaCoordinationCounter;
  }
}
