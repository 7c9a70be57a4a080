import { html, nothing, type TemplateResult } from 'lit';
import { LEVELS, levelCount, type Level, type Summary } from '../api.js';
import { VigiaElement, define, type View } from '../base.js';
import { call, type Call } from '../client.js';
import type { Locale } from '../i18n.js';
import { levelBar, levelBarSkeleton } from '../levels.js';
import { base } from '../styles.js';
import { FOCUS_COUNTER, NATIONAL_COUNTER, REGION_COUNTER } from './operation.js';
import { styles } from './styles.js';

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
 * @csspart figure - The count.
 * @csspart bar - The stacked bar by level.
 * @csspart list - The bar's key.
 */
export class VigiaCoordinationCounter extends VigiaElement<Data> {
  static override properties = { region: {}, level: {}, national: { type: Boolean } };
  static override styles = [base, styles];
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

  protected subject(loc: Locale): string {
    const code = this.region?.trim();
    return code && !this.national ? loc.m.aboutSpaces(loc.m.aboutRegion(code)) : loc.m.aboutCounter;
  }

  protected override skeleton(loc: Locale): TemplateResult {
    const { m } = loc;
    return html`<header>
        <span class="h sk sk-line">${m.coordinationTitle}</span>
        <span class="subtitle sk sk-line">${m.inFocus('Xxxxxxxx, Xxxxx, Xxxxxxxx, Xxxx x Xxxxx')}</span>
      </header>
      <p class="count"><span class="fig sk">00</span><span class="sk">${m.spaces(2)}</span></p>
      ${levelBarSkeleton(loc)}
      <p class="foot"><span class="sk">${m.source}: Xxxxxxxxxx xxx Xxxxxxxx, xxx. 0000, xxxxxx 0 · ${m.csv} · Vigía</span></p>
      <p class="summary sk sk-line">${m.fullSource}</p>`;
  }

  protected renderData(data: Data, loc: Locale): View {
    const { m } = loc;
    const sum = (data.summary ?? data.region?.coordinationSpaceSummary)!;
    const level = this.lvl ?? undefined;
    const count = level ? levelCount(sum, level) : sum.total;
    const where = data.region
      ? m.inRegion(data.region.name)
      : data.focus
        ? m.inFocus(loc.list(data.focus.map((r) => r.name)))
        : m.national;
    return {
      title: m.coordinationTitle,
      subtitle: where,
      graphic: html`<p class="count">
          <span class="fig" part="figure">${loc.num(count)}</span>
          <span class="lab">${m.spaces(count, level)}${level ? html`, ${m.ofTotal(loc.num(sum.total))}` : nothing}</span>
        </p>
        ${levelBar(sum, loc, level)}
        <p class="muted local">${m.local}: <span class="num">${loc.num(sum.local)}</span></p>`,
      sources: [sum.source, ...sum.sources],
      notes: [sum.note],
      csv: sum.dataset ? { url: sum.dataset.csvUrl, title: sum.dataset.title } : null,
    };
  }
}

define('vigia-coordination-counter', VigiaCoordinationCounter);

declare global {
  interface HTMLElementTagNameMap {
    'vigia-coordination-counter': VigiaCoordinationCounter;
  }
}
