import { html, type TemplateResult } from 'lit';
import { type Dataset, type Indicator, figureText } from '../api.js';
import { VigiaElement, define, type View } from '../base.js';
import { call, type Call } from '../client.js';
import type { Locale } from '../i18n.js';
import { base } from '../styles.js';
import { INDICATOR } from './operation.js';
import { styles } from './styles.js';

interface Data {
  indicator: Indicator | null;
  dataset: Dataset | null;
}

/**
 * One statistic with its period and source, by indicator key (e.g. `victims-women-share`).
 * A dataset key shows the dataset's figures, or says the data is pending when the source has
 * none yet (never a zero).
 *
 * @element vigia-indicator
 * @attr {string} key - Indicator key (e.g. "police-trained-puno") or dataset key (e.g. "trafficking-cases-by-region-2021-2023").
 * @attr {string} indicator - The same as `key`, for frameworks that keep `key` for themselves (React, Vue); wins over `key`.
 * @csspart figure - The figure, or "data pending".
 * @csspart list - A dataset's figures (a table).
 */
export class VigiaIndicator extends VigiaElement<Data> {
  static override properties = { key: {}, indicator: {} };
  static override styles = [base, styles];
  /** Indicator or dataset key. */
  declare key: string | null;
  /** The same as `key` (React and Vue keep `key` for themselves). */
  declare indicator: string | null;

  /** The key asked for: `indicator`, else `key`. */
  private get wanted(): string {
    return (this.indicator?.trim() || this.key?.trim()) ?? '';
  }

  constructor() {
    super();
    this.key = null;
    this.indicator = null;
  }

  protected query(loc: Locale): Call | string {
    const key = this.wanted;
    if (!key) return loc.m.noKey;
    // The indicator and the dataset of that key, in one request: whichever exists is shown.
    return call(INDICATOR, { key, lang: loc.m.api });
  }

  protected missing(data: Data, loc: Locale): string | null {
    return data.indicator || data.dataset ? null : loc.m.unknownIndicator(this.wanted);
  }

  protected subject(loc: Locale): string {
    return loc.m.aboutIndicator(this.wanted);
  }

  protected override skeleton(loc: Locale): TemplateResult {
    const { m } = loc;
    return html`<header>
        <span class="h sk sk-line">Xxxxxxxx xx xxxxx xx xxxxxxxx xxx xxxxxx xxxxxxx</span>
        <span class="subtitle sk sk-line">${m.period}: 0000–0000</span>
      </header>
      <p class="one"><span class="fig sk sk-line">00.0%</span></p>
      <p class="foot"><span class="sk">${m.source}: Xxxxxxxxxx xxx Xxxxxxxx, xxx. 0000, xxxxxx 0 · ${m.csv} · Vigía</span></p>
      <p class="summary sk sk-line">${m.fullSource}</p>`;
  }

  protected renderData({ indicator: i, dataset: d }: Data, loc: Locale): View {
    const { m } = loc;
    if (i) {
      return {
        title: i.label,
        subtitle: `${m.period}: ${loc.period(i.periodStart, i.periodEnd)}`,
        graphic: html`<p class="one"><span class="fig" part="figure">${figureText(i, loc)}</span></p>`,
        sources: [i.source],
        csv: { url: i.dataset.csvUrl, title: i.dataset.title },
      };
    }
    const set = d!;
    return {
      title: set.title,
      subtitle: `${m.period}: ${loc.period(set.periodStart, set.periodEnd)}`,
      graphic:
        set.status === 'PENDING'
          ? html`<p class="one"><span class="fig pending" part="figure">${m.pending}</span></p>
              <p class="reason">${set.pendingReason ?? m.pendingWhy}</p>`
          : html`<table part="list">
              <caption class="vh">${set.title}</caption>
              <tbody>
                ${set.observations.map(
                  (o) => html`<tr><th scope="row">${o.label}</th><td class="n num">${figureText(o, loc)}</td></tr>`,
                )}
              </tbody>
            </table>`,
      sources: [set.source, ...set.observations.map((o) => o.source)],
      csv: { url: set.csvUrl, title: set.title },
    };
  }
}

define('vigia-indicator', VigiaIndicator);

declare global {
  interface HTMLElementTagNameMap {
    'vigia-indicator': VigiaIndicator;
  }
}
