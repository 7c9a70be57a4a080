/**
 * Import: a CSV or JSON file in the export's format. The file is checked first (a dry run: what
 * would be created, updated, left unchanged, and every bad row with its line and reason); only a
 * file with no bad rows can then be applied, in one step (one transaction, one audit entry).
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { formatNumber } from '../format.js';
import { Screen } from '../screen.js';
import { failure, focusSoon } from '../ui.js';

interface Outcome {
  fileName: string;
  format: 'CSV' | 'JSON';
  kind: 'OBSERVATIONS' | 'COORDINATION_SPACES' | null;
  dryRun: boolean;
  valid: boolean;
  applied: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  datasets: { datasetKey: string; dataset: { title: string } | null; created: number; updated: number; unchanged: number }[];
  changes: { line: number; key: string; action: 'CREATE' | 'UPDATE'; differences: string[] }[];
  problems: { line: number; message: string }[];
  auditEntryId: number | null;
}

const IMPORT = `mutation ConsoleImport($file: File!, $dryRun: Boolean!, $lang: Lang!) {
  importData(file: $file, dryRun: $dryRun) {
    fileName format kind dryRun valid applied rows created updated unchanged
    datasets { datasetKey dataset { title(lang: $lang) } created updated unchanged }
    changes { line key action differences }
    problems { line message }
    auditEntryId
  }
}`;

type Step = { s: 'idle' } | { s: 'checking' | 'applying' } | { s: 'checked' | 'applied'; outcome: Outcome } | { s: 'error'; error: unknown; during: 'check' | 'apply' };

export class ImportScreen extends Screen {
  static override properties = { ...Screen.properties, file: { state: true }, step: { state: true } };
  declare file: File | null;
  declare step: Step;

  constructor() {
    super();
    this.file = null;
    this.step = { s: 'idle' };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The language changed: nothing to reload (the outcome's titles stay as they were read).
    if (changed.has('ctx') && changed.get('ctx')?.api !== this.ctx.api) this.step = { s: 'idle' };
  }

  private pick(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file = input.files?.[0] ?? null;
    // A new file needs its own check before it can be applied.
    this.step = { s: 'idle' };
  }

  private async run(dryRun: boolean): Promise<void> {
    const file = this.file;
    if (!file) return;
    const { api, t } = this.ctx;
    this.step = { s: dryRun ? 'checking' : 'applying' };
    try {
      const data = await api.upload<{ importData: Outcome }>(IMPORT, { file: null, dryRun, lang: this.ctx.lang.toUpperCase() }, { 'variables.file': file });
      const outcome = data.importData;
      this.step = { s: outcome.applied ? 'applied' : 'checked', outcome };
      this.ctx.announce(
        outcome.applied
          ? t.importer.appliedSummary(outcome.created, outcome.updated, outcome.unchanged)
          : outcome.valid
            ? t.importer.previewSummary(outcome.created, outcome.updated, outcome.unchanged)
            : t.importer.problemsTitle(outcome.problems.length),
      );
      focusSoon(this, '#import-result');
    } catch (error) {
      this.step = { s: 'error', error, during: dryRun ? 'check' : 'apply' };
    }
  }

  protected override render(): TemplateResult {
    const { t } = this.ctx;
    const busy = this.step.s === 'checking' || this.step.s === 'applying';
    const checked = this.step.s === 'checked' ? this.step.outcome : null;
    return html`<h1 tabindex="-1">${t.nav.import}</h1>
      <p class="lead">${t.importer.intro}</p>
      <ol class="steps">
        <li>${t.importer.step1}</li>
        <li>${t.importer.step2}</li>
        <li>${t.importer.step3}</li>
      </ol>
      <section class="card" aria-labelledby="import-file-title">
        <h2 id="import-file-title">${t.importer.fileTitle}</h2>
        <div class="field">
          <label for="import-file">${t.importer.file}</label>
          <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" aria-describedby="import-file-hint" ?disabled=${busy} @change=${this.pick} />
          <p class="hint" id="import-file-hint">${t.importer.fileHint}</p>
        </div>
        <div class="form-actions">
          <button type="button" class="button ${checked?.valid ? '' : 'button-primary'}" ?disabled=${!this.file || busy} @click=${() => this.run(true)}>
            ${this.step.s === 'checking' ? t.importer.checking : t.importer.check}
          </button>
          ${checked?.valid
            ? html`<button type="button" class="button button-primary" ?disabled=${busy || checked.created + checked.updated === 0} @click=${() => this.run(false)}>
                ${t.importer.apply(checked.created + checked.updated)}
              </button>`
            : nothing}
          ${this.step.s === 'applying' ? html`<span role="status">${t.importer.applying}</span>` : nothing}
        </div>
      </section>
      ${this.step.s === 'error' ? failure(t, this.step.error, () => this.run((this.step as { during: string }).during === 'check')) : nothing}
      ${this.step.s === 'checked' || this.step.s === 'applied' ? this.renderOutcome(this.step.outcome) : nothing}`;
  }

  private renderOutcome(o: Outcome): TemplateResult {
    const { t, lang } = this.ctx;
    const n = (v: number) => formatNumber(v, lang);
    const title = o.applied ? t.importer.appliedTitle(o.fileName) : o.valid ? t.importer.previewTitle(o.fileName) : t.importer.problemsTitle(o.problems.length);
    return html`<section class="card result ${o.valid ? '' : 'result-bad'}" aria-labelledby="import-result">
      <h2 id="import-result" tabindex="-1">${title}</h2>
      ${o.applied
        ? html`<p class="notice notice-ok">${t.importer.appliedSummary(o.created, o.updated, o.unchanged)}${o.auditEntryId ? ` ${t.importer.audit(o.auditEntryId)}` : ''}</p>`
        : o.valid
          ? html`<p class="notice notice-info">${o.created + o.updated === 0 ? t.importer.nothingToApply : t.importer.nothingWritten}</p>`
          : html`<p class="notice notice-error">${t.importer.fixAndRetry}</p>`}
      <dl class="counts">
        <div><dt>${t.importer.rows}</dt><dd>${n(o.rows)}</dd></div>
        <div><dt>${o.applied ? t.importer.created : t.importer.wouldCreate}</dt><dd>${n(o.created)}</dd></div>
        <div><dt>${o.applied ? t.importer.updated : t.importer.wouldUpdate}</dt><dd>${n(o.updated)}</dd></div>
        <div><dt>${t.importer.unchanged}</dt><dd>${n(o.unchanged)}</dd></div>
        ${o.valid ? nothing : html`<div class="count-bad"><dt>${t.importer.badRows}</dt><dd>${n(o.problems.length)}</dd></div>`}
      </dl>
      ${o.problems.length
        ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="import-problems-caption">
            <table class="data problems">
              <caption id="import-problems-caption">${t.importer.problemsCaption}</caption>
              <thead><tr><th scope="col" class="num">${t.importer.line}</th><th scope="col">${t.importer.reason}</th></tr></thead>
              <tbody>
                ${o.problems.map((p) => html`<tr><th scope="row" class="num">${p.line}</th><td>${p.message}</td></tr>`)}
              </tbody>
            </table>
          </div>`
        : nothing}
      ${o.datasets.length
        ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="import-datasets-caption">
            <table class="data">
              <caption id="import-datasets-caption">${t.importer.byDataset}</caption>
              <thead>
                <tr>
                  <th scope="col">${t.datasets.columns.title}</th>
                  <th scope="col" class="num">${o.applied ? t.importer.created : t.importer.wouldCreate}</th>
                  <th scope="col" class="num">${o.applied ? t.importer.updated : t.importer.wouldUpdate}</th>
                  <th scope="col" class="num">${t.importer.unchanged}</th>
                </tr>
              </thead>
              <tbody>
                ${o.datasets.map(
                  (d) => html`<tr>
                    <th scope="row">${d.dataset?.title ?? d.datasetKey}<span class="key">${d.datasetKey}</span></th>
                    <td class="num">${n(d.created)}</td><td class="num">${n(d.updated)}</td><td class="num">${n(d.unchanged)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : nothing}
      ${o.changes.length
        ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="import-changes-caption">
            <table class="data changes">
              <caption id="import-changes-caption">${o.applied ? t.importer.changesApplied : t.importer.changesCaption}</caption>
              <thead><tr><th scope="col" class="num">${t.importer.line}</th><th scope="col">${t.dataset.key}</th><th scope="col">${t.importer.change}</th></tr></thead>
              <tbody>
                ${o.changes.map(
                  (c) => html`<tr>
                    <th scope="row" class="num">${c.line}</th>
                    <td><code>${c.key}</code></td>
                    <td>
                      <span class="tag ${c.action === 'CREATE' ? 'tag-new' : 'tag-warn'}">${c.action === 'CREATE' ? t.importer.new : t.importer.changed}</span>
                      ${c.differences.length ? html`<ul class="differences">${c.differences.map((d) => html`<li>${d}</li>`)}</ul>` : nothing}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : nothing}
    </section>`;
  }
}

customElements.define('vigia-console-import', ImportScreen);
