/**
 * One dataset: its figures in an editable table. Each row saves on its own (its button, or Enter
 * in one of its cells) with the version it was read at; the API's refusal shows next to the cell
 * it concerns (the error's `extensions.field`), a conflict shows both versions in the row. A
 * dataset laid out as regions × years offers a row for every figure not entered yet (grid.ts).
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError } from '../api.js';
import { formatNumber, formatPeriod, parseTyped } from '../format.js';
import { Screen } from '../screen.js';
import { apiMessage, conflictPanel, failure, focusSoon, loading, problemText, saveFile, type Loadable } from '../ui.js';
import { DATASET, DELETE, draftOf, FIELDS, INDICATOR, isDirty, rowName, UPSERT, type Dataset, type Field, type Observation, type Row } from './dataset-documents.js';
import { gridCells, isRegionYearDataset, matches, type GridCell, type Region } from './grid.js';

export class DatasetScreen extends Screen {
  static override properties = {
    ...Screen.properties,
    datasetKey: { attribute: false },
    state: { state: true },
    rows: { state: true },
    savingAll: { state: true },
  };
  declare datasetKey: string;
  declare state: Loadable<Dataset | null>;
  declare rows: Row[];
  declare savingAll: boolean;

  constructor() {
    super();
    this.state = { s: 'loading' };
    this.rows = [];
    this.savingAll = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ctx') || changed.has('datasetKey')) void this.load();
  }

  private get apiLang() {
    return this.ctx.lang.toUpperCase();
  }

  private async load(): Promise<void> {
    this.state = { s: 'loading' };
    try {
      const data = await this.ctx.api.request<{ dataset: Dataset | null; regions: Region[] }>(DATASET, { key: this.datasetKey, lang: this.apiLang });
      // What the steward typed and has not saved survives a reload (e.g. a language switch).
      const typed = new Map(this.rows.filter((r) => isDirty(r)).map((r) => [r.key, r.draft]));
      this.rows = (data.dataset ? this.rowsOf(data.dataset, data.regions) : []).map((r) => (typed.has(r.key) ? { ...r, draft: typed.get(r.key)! } : r));
      this.state = { s: 'ready', data: data.dataset };
    } catch (error) {
      this.state = { s: 'error', error };
    }
  }

  private rowsOf(dataset: Dataset, regions: Region[]): Row[] {
    const row = (stored: Observation | null, cell: GridCell | null): Row => ({
      key: stored?.key ?? cell!.key,
      stored,
      cell,
      draft: draftOf(stored, cell),
      errors: {},
      saving: false,
      conflict: null,
      confirmDelete: false,
      saved: null,
    });
    if (!isRegionYearDataset(dataset, dataset.observations)) return dataset.observations.map((o) => row(o, null));
    const used = new Set<Observation>();
    const rows = gridCells(dataset, regions).map((cell) => {
      const stored = dataset.observations.find((o) => !used.has(o) && matches(cell, o)) ?? null;
      if (stored) used.add(stored);
      return { ...row(stored, cell), key: stored?.key ?? cell.key };
    });
    // Figures outside the grid (another region, a national total) keep their own rows after it.
    return [...rows, ...dataset.observations.filter((o) => !used.has(o)).map((o) => row(o, null))];
  }

  private patchRow(row: Row, patch: Partial<Row>): void {
    this.rows = this.rows.map((r) => (r === row ? { ...r, ...patch } : r));
  }

  private current(key: string): Row {
    return this.rows.find((r) => r.key === key)!;
  }

  /** Checks what the API cannot be asked (text that is no number); everything else the API judges. */
  private clientErrors(row: Row): Row['errors'] {
    const { t } = this.ctx;
    const value = parseTyped(row.draft.value);
    if (value === null) return { value: t.dataset.needsValue };
    if (Number.isNaN(value)) return { value: t.dataset.notANumber };
    return {};
  }

  private async save(key: string, options: { overVersion?: number } = {}): Promise<boolean> {
    const { t, api } = this.ctx;
    let row = this.current(key);
    const errors = this.clientErrors(row);
    if (Object.keys(errors).length) {
      this.patchRow(row, { errors, saved: null });
      focusSoon(this, `#${CSS.escape(`${key}-value`)}`);
      return false;
    }
    this.patchRow(row, { saving: true, errors: {}, saved: null });
    row = this.current(key);
    const common = { key, value: parseTyped(row.draft.value), periodStart: row.draft.periodStart.trim(), periodEnd: row.draft.periodEnd.trim() };
    try {
      let input: Record<string, unknown>;
      if (row.stored || options.overVersion !== undefined) {
        input = { ...common, expectedVersion: options.overVersion ?? row.stored!.version };
      } else {
        // A new figure must not exist yet (0): one someone entered since the table was read is
        // a conflict (their figure shown beside this one, below), never overwritten.
        const cell = row.cell!;
        input = {
          ...common,
          expectedVersion: 0,
          datasetKey: this.datasetKey,
          label: cell.label,
          labelEn: cell.labelEn,
          scope: 'REGION',
          regionCode: cell.region.code,
        };
      }
      const data = await api.request<{ upsertIndicator: { changed: boolean; created: boolean; indicator: Observation; dataset: { status: Dataset['status'] } } }>(
        UPSERT,
        { input, lang: this.apiLang },
      );
      const saved = data.upsertIndicator.indicator;
      const message = data.upsertIndicator.created ? t.dataset.created : data.upsertIndicator.changed ? t.dataset.saved : t.dataset.unchanged;
      this.patchRow(this.current(key), { stored: saved, draft: draftOf(saved, null), saving: false, conflict: null, errors: {}, saved: message });
      if (this.state.s === 'ready' && this.state.data && this.state.data.status !== data.upsertIndicator.dataset.status) {
        this.state = { s: 'ready', data: { ...this.state.data, status: data.upsertIndicator.dataset.status, pendingReason: null } };
      }
      this.ctx.announce(`${rowName(this.current(key))}: ${message}`);
      return true;
    } catch (error) {
      row = this.current(key);
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        const theirs = await this.fetchTheirs(key).catch(() => null);
        this.patchRow(row, { saving: false, conflict: theirs, errors: theirs ? {} : { row: problemText(t, error) } });
        return false;
      }
      const field = error instanceof ApiError ? error.field : undefined;
      const where: Field | 'row' = field && (FIELDS as string[]).includes(field) ? (field as Field) : 'row';
      const text = error instanceof ApiError && where !== 'row' ? apiMessage(error) : problemText(t, error);
      this.patchRow(row, { saving: false, errors: { [where]: text } });
      focusSoon(this, where === 'row' ? `#${CSS.escape(`${key}-save`)}` : `#${CSS.escape(`${key}-${where}`)}`);
      return false;
    }
  }

  private async fetchTheirs(key: string): Promise<Observation | null> {
    const data = await this.ctx.api.request<{ indicator: Observation | null }>(INDICATOR, { key, lang: this.apiLang });
    return data.indicator;
  }

  private async saveAll(): Promise<void> {
    this.savingAll = true;
    let saved = 0;
    let failed = 0;
    for (const row of this.rows.filter((r) => isDirty(r) && !r.conflict)) {
      if (await this.save(row.key)) saved++;
      else failed++;
    }
    this.savingAll = false;
    this.ctx.announce(this.ctx.t.dataset.savedAll(saved, failed));
  }

  private async deleteRow(key: string): Promise<void> {
    const { t, api } = this.ctx;
    const row = this.current(key);
    this.patchRow(row, { saving: true, errors: {} });
    try {
      await api.request(DELETE, {
        input: { key, expectedVersion: row.stored!.version },
      });
      this.ctx.announce(t.dataset.deleted(rowName(row)));
      await this.load();
    } catch (error) {
      const current = this.current(key);
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        const theirs = await this.fetchTheirs(key).catch(() => null);
        this.patchRow(current, { saving: false, confirmDelete: false, conflict: theirs, errors: theirs ? {} : { row: problemText(t, error) } });
      } else this.patchRow(current, { saving: false, confirmDelete: false, errors: { row: problemText(t, error) } });
    }
  }

  private keepMine(key: string): void {
    const row = this.current(key);
    const theirs = row.conflict!;
    this.patchRow(row, { conflict: null });
    void this.save(key, { overVersion: theirs.version });
  }

  private takeTheirs(key: string): void {
    const row = this.current(key);
    const theirs = row.conflict!;
    this.patchRow(row, { stored: theirs, draft: draftOf(theirs, null), conflict: null, errors: {}, saved: this.ctx.t.conflict.tookTheirs });
    focusSoon(this, `#${CSS.escape(`${key}-value`)}`);
  }

  private async downloadCsv(dataset: Dataset): Promise<void> {
    const { api, t } = this.ctx;
    try {
      saveFile(await api.download(new URL(dataset.csvUrl, api.endpoint).href), `${dataset.key}.csv`);
    } catch (error) {
      this.ctx.announce(problemText(t, error));
    }
  }

  protected override render(): TemplateResult {
    const { t } = this.ctx;
    const back = html`<p class="back"><a href="#datasets">← ${t.dataset.back}</a></p>`;
    if (this.state.s === 'loading') return html`${back}<h1 tabindex="-1">${t.nav.datasets}</h1>${loading(t)}`;
    if (this.state.s === 'error') return html`${back}<h1 tabindex="-1">${t.nav.datasets}</h1>${failure(t, this.state.error, () => this.load())}`;
    const dataset = this.state.data;
    if (!dataset) return html`${back}<h1 tabindex="-1">${t.dataset.notFound(this.datasetKey)}</h1>`;
    return html`${back}${this.renderHead(dataset)}${this.renderTable(dataset)}`;
  }

  private renderHead(d: Dataset): TemplateResult {
    const { t, lang } = this.ctx;
    return html`<h1 tabindex="-1">${d.title}</h1>
      <p class="lead">${d.description}</p>
      <dl class="facts">
        <div><dt>${t.datasets.columns.status}</dt><dd><span class="status status-${d.status.toLowerCase()}">${t.status[d.status]}</span></dd></div>
        <div><dt>${t.datasets.columns.period}</dt><dd>${formatPeriod(d.periodStart, d.periodEnd, lang)}</dd></div>
        <div><dt>${t.dataset.unit}</dt><dd>${d.unit}</dd></div>
        <div>
          <dt>${t.datasets.columns.source}</dt>
          <dd>${d.source.title} · ${d.source.section}${d.source.slide ? ` · ${t.common.slide(d.source.slide)}` : ''}</dd>
        </div>
        <div><dt>${t.dataset.key}</dt><dd><code>${d.key}</code></dd></div>
      </dl>
      ${d.pendingReason ? html`<p class="notice notice-warn"><strong>${t.status.PENDING}:</strong> ${d.pendingReason}</p>` : nothing}
      ${d.countsVictims ? html`<p class="hint">${t.dataset.countsVictims}</p>` : nothing}`;
  }

  private renderTable(d: Dataset): TemplateResult {
    const { t, canWrite } = this.ctx;
    const dirty = this.rows.filter((r) => isDirty(r)).length;
    const grid = this.rows.some((r) => r.cell);
    const missing = this.rows.filter((r) => r.cell && !r.stored).length;
    return html`
      ${canWrite && grid ? html`<p class="notice notice-info" id="grid-hint">${t.dataset.gridHint} ${missing ? t.dataset.missing(missing, this.rows.length) : ''}</p>` : nothing}
      <div class="toolbar">
        ${canWrite
          ? html`<button type="button" class="button button-primary" ?disabled=${!dirty || this.savingAll} @click=${() => this.saveAll()}>
              ${t.dataset.saveAll(dirty)}
            </button>`
          : nothing}
        <button type="button" class="button" @click=${() => this.downloadCsv(d)}>${t.dataset.downloadCsv}</button>
      </div>
      ${this.rows.length === 0
        ? html`<p class="empty">${t.dataset.noRows}</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="figures-caption">
            <table class="data figures">
              <caption id="figures-caption">${t.dataset.caption(d.unit)}</caption>
              <thead>
                <tr>
                  ${grid
                    ? html`<th scope="col">${t.dataset.columns.region}</th><th scope="col">${t.dataset.columns.year}</th>`
                    : html`<th scope="col">${t.dataset.columns.figure}</th><th scope="col">${t.dataset.columns.area}</th>
                        <th scope="col">${t.dataset.columns.periodStart}</th><th scope="col">${t.dataset.columns.periodEnd}</th>`}
                  <th scope="col" class="num">${t.dataset.columns.value}</th>
                  <th scope="col">${canWrite ? t.dataset.columns.action : t.dataset.columns.version}</th>
                </tr>
              </thead>
              <tbody>
                ${this.rows.map((row) => this.renderRow(row, grid))}
              </tbody>
            </table>
          </div>`}
    `;
  }

  private areaOf(o: Observation): string {
    const { t } = this.ctx;
    const place = o.area ? `${o.area} (${o.region?.name ?? ''})` : o.region?.name ?? t.scope[o.scope as keyof typeof t.scope] ?? o.scope;
    return o.breakdown ? `${place} · ${o.breakdown.dimension}: ${o.breakdown.value}` : place;
  }

  private renderRow(row: Row, grid: boolean): TemplateResult {
    const { t, lang, canWrite, isAdmin } = this.ctx;
    const id = row.key;
    const label = rowName(row);
    const described = (field: Field | 'row') => [row.errors[field] ? `${id}-${field}-error` : '', `${id}-label`].filter(Boolean).join(' ');
    const stored = row.stored;
    const cell = (field: Field) => {
      const error = row.errors[field];
      if (!canWrite) {
        const text = field === 'value' ? (stored ? (stored.value === null ? stored.displayValue : formatNumber(stored.value, lang)) : '—') : stored?.[field] ?? '—';
        return html`<td class=${field === 'value' ? 'num' : 'nowrap'}>${text}</td>`;
      }
      return html`<td class=${field === 'value' ? 'num' : ''}>
        <input
          id="${id}-${field}"
          class="cell-input ${field === 'value' ? 'cell-value' : 'cell-date'}"
          type="text"
          inputmode=${field === 'value' ? 'decimal' : 'numeric'}
          placeholder=${field === 'value' ? '' : t.common.isoDate}
          .value=${row.draft[field]}
          aria-label="${t.dataset.columns[field]}: ${label}"
          aria-describedby=${described(field)}
          aria-invalid=${error ? 'true' : 'false'}
          ?disabled=${row.saving}
          @input=${(e: Event) => {
            // Typing again clears that cell's message: it spoke of the value that was there.
            const now = this.current(id);
            const { [field]: _gone, ...errors } = now.errors;
            this.patchRow(now, { draft: { ...now.draft, [field]: (e.target as HTMLInputElement).value }, errors, saved: null });
          }}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void this.save(id);
            }
          }}
        />
        ${error ? html`<p class="field-error" id="${id}-${field}-error">${error}</p>` : nothing}
      </td>`;
    };
    const heading = grid
      ? html`<th scope="row" id="${id}-label">${row.cell!.region.name}</th>
          <td class="nowrap">
            ${formatPeriod(row.draft.periodStart, row.draft.periodEnd, lang)}
            ${stored ? nothing : html`<span class="tag">${t.dataset.notEntered}</span>`}
          </td>`
      : html`<th scope="row" id="${id}-label">${label}<span class="key">${id}</span></th>
          <td>${this.areaOf(stored!)}</td>
          ${cell('periodStart')}${cell('periodEnd')}`;
    return html`<tr class=${stored ? '' : 'row-new'} data-key=${id}>
        ${heading}${cell('value')}
        ${canWrite
          ? html`<td>
              <div class="row-actions">
                <button
                  type="button"
                  class="button button-small"
                  id="${id}-save"
                  aria-describedby=${described('row')}
                  ?disabled=${row.saving || !isDirty(row)}
                  @click=${() => this.save(id)}
                >
                  ${row.saving ? t.common.saving : t.common.save}<span class="visually-hidden">: ${label}</span>
                </button>
                ${isAdmin && stored && !row.confirmDelete
                  ? html`<button type="button" class="button button-small button-quiet" @click=${() => this.patchRow(row, { confirmDelete: true })}>
                      ${t.dataset.delete}<span class="visually-hidden">: ${label}</span>
                    </button>`
                  : nothing}
                ${row.confirmDelete
                  ? html`<span class="confirm">
                      ${t.dataset.deleteConfirm}
                      <button type="button" class="button button-small button-danger" @click=${() => this.deleteRow(id)}>${t.dataset.deleteYes}</button>
                      <button type="button" class="button button-small" @click=${() => this.patchRow(this.current(id), { confirmDelete: false })}>${t.common.cancel}</button>
                    </span>`
                  : nothing}
                ${row.saved ? html`<span class="saved" id="${id}-saved">${row.saved}</span>` : nothing}
                ${stored ? html`<span class="version">${t.common.version(stored.version)}</span>` : nothing}
              </div>
              ${row.errors.row ? html`<p class="field-error" id="${id}-row-error">${row.errors.row}</p>` : nothing}
            </td>`
          : html`<td>${stored ? t.common.version(stored.version) : '—'}</td>`}
      </tr>
      ${row.conflict
        ? html`<tr class="conflict-row">
            <td colspan=${grid ? 4 : 6}>
              ${conflictPanel(t, {
                level: 2,
                id: `${id}-conflict`,
                theirVersion: row.conflict.version,
                busy: row.saving,
                fields: [
                  { label: t.dataset.columns.value, mine: row.draft.value, theirs: row.conflict.value === null ? row.conflict.displayValue : String(row.conflict.value) },
                  { label: t.dataset.columns.periodStart, mine: row.draft.periodStart, theirs: row.conflict.periodStart },
                  { label: t.dataset.columns.periodEnd, mine: row.draft.periodEnd, theirs: row.conflict.periodEnd },
                ],
                onKeepMine: () => this.keepMine(id),
                onTakeTheirs: () => this.takeTheirs(id),
              })}
            </td>
          </tr>`
        : nothing}`;
  }
}

customElements.define('vigia-console-dataset', DatasetScreen);
