import { css, html, nothing, type TemplateResult } from 'lit';
import { type Dataset, type Indicator, type Observation, figureText } from './api.js';
import { VigiaElement, define } from './base.js';
import { call, type Call } from './client.js';
import type { Locale } from './i18n.js';
import { INDICATOR } from './operations.js';
import { base } from './styles.js';

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
 * @attr {string} endpoint - GraphQL endpoint URL.
 * @attr {"es"|"en"} lang - Language (default `es`).
 * @attr {number} heading-level - Heading level of the title, 2–6 (default 2).
 * @csspart card - The card box.
 * @csspart title - What the figure is.
 * @csspart figure - The figure, or "data pending".
 * @csspart list - A dataset's figures.
 * @csspart source - Source line.
 * @csspart link - Links (source, CSV).
 * @csspart skeleton - Loading placeholder.
 * @csspart error - Error message.
 * @csspart retry - Retry button.
 * @csspart empty - Not-found message.
 * @cssprop --vigia-min-height - Space reserved while loading (default 9rem).
 */
export class VigiaIndicator extends VigiaElement<Data> {
  static override properties = { key: {} };
  static override styles = [base, css`:host{min-height:var(--vigia-min-height,9rem)}`];
  /** Indicator or dataset key. */
  declare key: string | null;

  constructor() {
    super();
    this.key = null;
  }

  protected query(loc: Locale): Call | string {
    const key = this.key?.trim();
    if (!key) return loc.m.noKey;
    // The indicator and the dataset of that key, in one request: whichever exists is shown.
    return call(INDICATOR, { key, lang: loc.m.api });
  }

  protected missing(data: Data, loc: Locale): string | null {
    return data.indicator || data.dataset ? null : loc.m.unknownIndicator(this.key ?? '');
  }

  private value(o: Observation, loc: Locale): string {
    return figureText(o, loc);
  }

  protected renderData({ indicator: i, dataset: d }: Data, loc: Locale): TemplateResult {
    const { m } = loc;
    if (i) {
      return html`${this.heading(i.label)}
        <p><span class="figure" part="figure">${this.value(i, loc)}</span></p>
        <p class="muted">${m.period}: ${loc.period(i.periodStart, i.periodEnd)}</p>
        ${this.source(loc, i.source, { url: i.dataset.csvUrl, title: i.dataset.title })}`;
    }
    const set = d!;
    const csv = { url: set.csvUrl, title: set.title };
    return html`${this.heading(set.title)}
      ${set.status === 'PENDING'
        ? html`<p><span class="figure pending" part="figure">${m.pending}</span></p>
            ${set.pendingReason ? html`<p>${set.pendingReason}</p>` : nothing}`
        : html`<ul part="list">
            ${set.observations.map(
              (o) => html`<li>${o.label}: <span class="num">${this.value(o, loc)}</span></li>`,
            )}
          </ul>`}
      <p class="muted">${m.period}: ${loc.period(set.periodStart, set.periodEnd)}</p>
      ${this.source(loc, set.source, csv)}`;
  }
}

define('vigia-indicator', VigiaIndicator);

declare global {
  interface HTMLElementTagNameMap {
    'vigia-indicator': VigiaIndicator;
  }
}
