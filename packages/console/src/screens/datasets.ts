/** Datasets: every dataset with its status, period, source and last change; each opens its table of figures. */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { formatNumber, formatPeriod, formatTime } from '../format.js';
import { Screen } from '../screen.js';
import { failure, loading, type Loadable } from '../ui.js';

export interface DatasetRow {
  key: string;
  title: string;
  status: 'PENDING' | 'PUBLISHED';
  periodStart: string | null;
  periodEnd: string | null;
  unit: string;
  observationCount: number;
  updatedAt: string | null;
  source: { title: string; section: string; slide: number | null };
}

const DATASETS = `query ConsoleDatasets($lang: Lang!) {
  datasets { key title(lang: $lang) status periodStart periodEnd unit observationCount updatedAt source { title section slide } }
}`;

export class DatasetsScreen extends Screen {
  static override properties = { ...Screen.properties, state: { state: true } };
  declare state: Loadable<DatasetRow[]>;

  constructor() {
    super();
    this.state = { s: 'loading' };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ctx')) void this.load();
  }

  private async load(): Promise<void> {
    this.state = { s: 'loading' };
    try {
      const data = await this.ctx.api.request<{ datasets: DatasetRow[] }>(DATASETS, { lang: this.ctx.lang.toUpperCase() });
      this.state = { s: 'ready', data: data.datasets };
    } catch (error) {
      this.state = { s: 'error', error };
    }
  }

  protected override render(): TemplateResult {
    const { t } = this.ctx;
    return html`<h1 tabindex="-1">${t.nav.datasets}</h1>
      <p class="lead">${this.ctx.canWrite ? t.datasets.intro : t.datasets.introReadOnly}</p>
      ${this.state.s === 'loading' ? loading(t) : this.state.s === 'error' ? failure(t, this.state.error, () => this.load()) : this.renderTable(this.state.data)}`;
  }

  private renderTable(rows: DatasetRow[]): TemplateResult {
    const { t, lang } = this.ctx;
    const pending = rows.filter((r) => r.status === 'PENDING').length;
    return html`${pending ? html`<p class="notice notice-warn">${t.datasets.pendingCount(pending)}</p>` : nothing}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="datasets-caption">
        <table class="data">
          <caption id="datasets-caption">${t.datasets.caption(rows.length)}</caption>
          <thead>
            <tr>
              <th scope="col">${t.datasets.columns.title}</th>
              <th scope="col">${t.datasets.columns.status}</th>
              <th scope="col">${t.datasets.columns.period}</th>
              <th scope="col" class="num">${t.datasets.columns.figures}</th>
              <th scope="col">${t.datasets.columns.lastChange}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) => html`<tr>
                <th scope="row">
                  <a href="#datasets/${encodeURIComponent(r.key)}">${r.title}</a>
                  <span class="sub">${t.datasets.sourceLine(r.source.section, r.source.slide)}</span>
                  <span class="key">${r.key}</span>
                </th>
                <td><span class="status status-${r.status.toLowerCase()}">${t.status[r.status]}</span></td>
                <td>${formatPeriod(r.periodStart, r.periodEnd, lang)}</td>
                <td class="num">${formatNumber(r.observationCount, lang)}</td>
                <td>${formatTime(r.updatedAt, lang)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

customElements.define('vigia-console-datasets', DatasetsScreen);
