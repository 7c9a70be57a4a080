import { css, html, nothing, svg, type TemplateResult } from 'lit';
import { type Dataset, figureText } from './api.js';
import { VigiaElement, define } from './base.js';
import { call, type Call } from './client.js';
import type { Locale } from './i18n.js';
import { TRAINING_CHART } from './operations.js';
import { base } from './styles.js';

/** The dataset the chart shows unless told otherwise: officers trained 2021–2023 by region. */
export const TRAINING_DATASET = 'police-officers-trained-2021-2023';

interface Course {
  key: string;
  name: string;
  audience: string;
  modality: string | null;
}
interface Data {
  dataset: Dataset | null;
  courses?: Course[];
}

// Chart geometry in viewBox units; the SVG scales to the card's width.
const W = 480;
const LABEL = 104;
const VALUE = 64;
const ROW = 30;
const BAR = 18;

/**
 * Police officers trained on trafficking in persons by region (2021–2023): an accessible SVG bar
 * chart whose numbers are text, a data table, the total and the courses behind the figures.
 *
 * @element vigia-training-chart
 * @attr {string} dataset - Dataset key to chart by region (default "police-officers-trained-2021-2023").
 * @attr {string} endpoint - GraphQL endpoint URL.
 * @attr {"es"|"en"} lang - Language (default `es`).
 * @attr {number} heading-level - Heading level of the title, 2–6 (default 2).
 * @csspart card - The card box.
 * @csspart title - The chart title.
 * @csspart chart - The SVG chart.
 * @csspart bar - Each bar.
 * @csspart table - The data table.
 * @csspart list - The list of courses.
 * @csspart source - Source line.
 * @csspart link - Links (source, CSV).
 * @csspart skeleton - Loading placeholder.
 * @csspart error - Error message.
 * @csspart retry - Retry button.
 * @csspart empty - Not-found message.
 * @cssprop --vigia-color-bar - Bar colour (default: the accent colour).
 * @cssprop --vigia-min-height - Space reserved while loading (default 16rem).
 */
export class VigiaTrainingChart extends VigiaElement<Data> {
  // `dataset` is HTMLElement's data-* map: the attribute keeps the name, the property does not.
  static override properties = { datasetKey: { attribute: 'dataset' } };
  static override styles = [
    base,
    css`
      :host {
        min-height: var(--vigia-min-height, 16rem);
      }
      svg {
        display: block;
        width: 100%;
        height: auto;
        overflow: visible;
      }
      text {
        fill: currentColor;
        font-size: 14px;
      }
      .bar {
        fill: var(--_bar);
      }
    `,
  ];
  /** Dataset key (default: officers trained by region, 2021–2023). */
  declare datasetKey: string | null;

  constructor() {
    super();
    this.datasetKey = null;
  }

  private get key(): string {
    return this.datasetKey?.trim() || TRAINING_DATASET;
  }

  protected query(loc: Locale): Call {
    // The police courses belong with the officers trained, not with other datasets.
    return call(TRAINING_CHART, { key: this.key, lang: loc.m.api, courses: this.key === TRAINING_DATASET });
  }

  protected missing(data: Data, loc: Locale): string | null {
    return data.dataset ? null : loc.m.unknownDataset(this.key);
  }

  protected override skeleton(): TemplateResult {
    return html`<span class="sk w8"></span>${[1, 2, 3, 4, 5].map(() => html`<span class="sk big w8"></span>`)}`;
  }

  protected renderData({ dataset: d, courses }: { dataset: Dataset; courses?: Course[] }, loc: Locale): TemplateResult {
    const { m } = loc;
    const rows = d.observations.filter((o) => o.scope === 'REGION');
    const totals = d.observations.filter((o) => o.scope !== 'REGION');
    // A suppressed count (value null) draws no bar; its label says "< 5".
    const max = Math.max(...rows.map((o) => o.value ?? 0), 0);
    const name = (o: (typeof rows)[number]) => o.region?.name ?? o.label;
    const scale = (v: number) => (max > 0 ? (v / max) * (W - LABEL - VALUE) : 0);
    const label = m.chartSummary(d.title, loc.list(rows.map((o) => `${name(o)} ${figureText(o, loc)}`)));
    return html`${this.heading(d.title)}
      ${d.status === 'PENDING'
        ? html`<p><span class="figure pending" part="figure">${m.pending}</span></p>
            ${d.pendingReason ? html`<p>${d.pendingReason}</p>` : nothing}`
        : html`<figure>
            <svg part="chart" role="img" aria-label=${label} viewBox="0 0 ${W} ${rows.length * ROW}">
              ${rows.map(
                (o, i) => svg`<g transform="translate(0 ${i * ROW})">
                  <text x=${LABEL - 8} y=${ROW / 2} dy="0.35em" text-anchor="end">${name(o)}</text>
                  <rect part="bar" class="bar" x=${LABEL} y=${(ROW - BAR) / 2} width=${scale(o.value ?? 0)} height=${BAR}></rect>
                  <text x=${LABEL + scale(o.value ?? 0) + 6} y=${ROW / 2} dy="0.35em" font-weight="700">${figureText(o, loc)}</text>
                </g>`,
              )}
            </svg>
            <figcaption class="muted">${m.period}: ${loc.period(d.periodStart, d.periodEnd)}</figcaption>
          </figure>
          ${totals.map((o) => html`<p>${o.label}: <span class="num">${figureText(o, loc)}</span></p>`)}
          <details part="table">
            <summary>${m.showTable}</summary>
            <table>
              <caption>${d.title}</caption>
              <thead><tr><th scope="col">${m.region}</th><th scope="col" class="n">${m.value}</th></tr></thead>
              <tbody>
                ${rows.map((o) => html`<tr><th scope="row">${name(o)}</th><td class="n">${figureText(o, loc)}</td></tr>`)}
              </tbody>
            </table>
          </details>`}
      ${courses?.length
        ? html`${this.heading(m.courses, true)}
            <ul part="list">
              ${courses.map(
                (c) => html`<li>${m.quoted(c.name)}${c.modality ? ` (${c.modality})` : ''}: <span class="muted">${c.audience}</span></li>`,
              )}
            </ul>`
        : nothing}
      ${this.source(loc, d.source, { url: d.csvUrl, title: d.title })}`;
  }
}

define('vigia-training-chart', VigiaTrainingChart);

declare global {
  interface HTMLElementTagNameMap {
    'vigia-training-chart': VigiaTrainingChart;
  }
}
