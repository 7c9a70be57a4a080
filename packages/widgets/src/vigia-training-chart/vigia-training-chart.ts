import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { type Dataset, figureText } from '../api.js';
import { VigiaElement, define, type View } from '../base.js';
import { call, type Call } from '../client.js';
import type { Locale } from '../i18n.js';
import { base } from '../styles.js';
import { TRAINING_CHART } from './operation.js';
import { styles } from './styles.js';

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

/**
 * Police officers trained on trafficking in persons by region (2021–2023): a sortable bar chart
 * laid out in HTML (its text keeps a legible size at every width), the total, and the courses
 * behind a disclosure.
 *
 * @element vigia-training-chart
 * @attr {string} dataset - Dataset key to chart by region (default "police-officers-trained-2021-2023").
 * @attr {"value"|"source"} sort - Bar order: largest first (default) or as the source lists them; the reader can switch.
 * @csspart chart - The bars (a list whose rows read "Puno 420").
 * @csspart bar - Each bar.
 * @csspart figure - "Data pending", for a pending dataset.
 * @csspart list - The courses behind the disclosure.
 */
export class VigiaTrainingChart extends VigiaElement<Data> {
  // `dataset` is HTMLElement's data-* map: the attribute keeps the name, the property does not.
  static override properties = { datasetKey: { attribute: 'dataset' }, sort: {} };
  static override styles = [base, styles];
  protected static override viewOnly = [...VigiaElement.viewOnly, 'sort'];
  /** Dataset key (default: officers trained by region, 2021–2023). */
  declare datasetKey: string | null;
  /** Bar order: `value` (largest first, the default) or `source` (as the source lists them). */
  declare sort: string | null;

  constructor() {
    super();
    this.datasetKey = null;
    this.sort = null;
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

  protected subject(loc: Locale): string {
    return this.key === TRAINING_DATASET ? loc.m.defaultChart : loc.m.aboutChart(this.key);
  }

  protected override skeleton(loc: Locale): TemplateResult {
    const { m } = loc;
    return html`<header>
        <span class="h sk sk-line">Xxxxxxxxx xxxxxxxxx xxxxxxxxxxx xx xxxxx xx xxxxxxxx xxx xxxxxx, xxxxxxx 0000-0000</span>
        <span class="subtitle sk sk-line">Xxxxxxxxx xxxxxxxxx xxxxxxxxxxx xx xxx xxxxx xxxxxxxx: 0,000</span>
      </header>
      <div class="sort"><span class="sk">${m.sortBy}: ${m.sortValue} ${m.sortSource}</span></div>
      <ol class="rows">
        ${[92, 80, 74, 66, 52].map(
          (w) => html`<li><span class="lbl"><span class="sk">Xxxxxxx</span></span><span class="track"><span class="bar sk" style=${styleMap({ width: `${w}%` })}></span></span></li>`,
        )}
      </ol>
      <p class="summary sk sk-line">${m.seeCourses('0')}</p>
      <p class="foot"><span class="sk">${m.source}: Xxxxxxxxxx xxx Xxxxxxxx, xxx. 0000, xxxxxx 0 · ${m.csv} · Vigía</span></p>
      <p class="summary sk sk-line">${m.fullSource}</p>`;
  }

  protected renderData({ dataset: d, courses }: { dataset: Dataset; courses?: Course[] }, loc: Locale): View {
    const { m } = loc;
    const rows = d.observations.filter((o) => o.scope === 'REGION');
    const totals = d.observations.filter((o) => o.scope !== 'REGION');
    // A suppressed count (value null) draws no bar; its label says "< 5".
    const max = Math.max(...rows.map((o) => o.value ?? 0), 0);
    const name = (o: (typeof rows)[number]) => o.region?.name ?? o.label;
    const sort = this.sort?.trim().toLowerCase() === 'source' ? 'source' : 'value';
    const order = sort === 'source' ? rows : [...rows].sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
    const period = loc.period(d.periodStart, d.periodEnd);
    // The period once: in the title when the API's title gives it, else in the subtitle.
    const years = /\d{4}/.exec(period)?.[0];
    const inTitle = !!years && d.title.includes(years);
    const total = totals.map((o) => `${o.label}: ${figureText(o, loc)}`).join(' · ');
    const sortButton = (key: 'value' | 'source', label: string) =>
      html`<button type="button" aria-pressed=${sort === key ? 'true' : 'false'} @click=${() => (this.sort = key)}>${label}</button>`;
    return {
      title: d.title,
      subtitle: [total, inTitle ? '' : period].filter(Boolean).join(' · ') || null,
      graphic:
        d.status === 'PENDING'
          ? html`<p><span class="fig pending" part="figure">${m.pending}</span></p>
              ${d.pendingReason ? html`<p class="muted">${d.pendingReason}</p>` : nothing}`
          : html`${rows.length > 1
                ? html`<div class="sort" role="group" aria-label=${m.sortBy}>${m.sortBy}: ${sortButton('value', m.sortValue)} ${sortButton('source', m.sortSource)}</div>`
                : nothing}
              <ol class="rows" part="chart" aria-label=${m.chartSummary(d.title, loc.list(rows.map((o) => `${name(o)} ${figureText(o, loc)}`)))}>
                ${order.map(
                  (o) => html`<li>
                    <span class="lbl">${name(o)}</span>
                    <span class="track">
                      <span part="bar" class="bar" style=${styleMap({ width: `${max > 0 ? ((o.value ?? 0) / max) * 80 : 0}%` })}></span>
                      <span class="num">${figureText(o, loc)}</span>
                    </span>
                  </li>`,
                )}
              </ol>`,
      more: courses?.length
        ? {
            label: courses.length === 1 ? m.seeCourse : m.seeCourses(loc.num(courses.length)),
            body: html`<ul class="courses" part="list">
              ${courses.map(
                (c) => html`<li>${m.quoted(c.name)}${c.modality ? ` (${c.modality})` : ''}: <span class="muted">${c.audience}</span></li>`,
              )}
            </ul>`,
          }
        : null,
      sources: [d.source, ...d.observations.map((o) => o.source)],
      csv: { url: d.csvUrl, title: d.title },
    };
  }
}

define('vigia-training-chart', VigiaTrainingChart);

declare global {
  interface HTMLElementTagNameMap {
    'vigia-training-chart': VigiaTrainingChart;
  }
}
