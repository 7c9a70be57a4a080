/**
 * Service results per year: each service's years in a table (what was achieved, execution against
 * the goal), each year saved on its own with the version it was read at, and a form to add a year
 * that has no result yet (sent with expectedVersion 0: a year someone else just recorded is refused).
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError } from '../api.js';
import { formatNumber, parseTyped } from '../format.js';
import { Screen } from '../screen.js';
import { apiMessage, conflictPanel, failure, focusSoon, loading, problemText, type Loadable, type Message } from '../ui.js';

interface Result {
  year: number;
  achieved: number;
  executionRate: number | null;
  unit: string;
  version: number;
  source: { key: string; title: string; section: string };
}

interface Service {
  number: number;
  name: string;
  entity: { acronym: string } | null;
  results: Result[];
}

type Field = 'achieved' | 'executionRate';

interface Edit {
  draft: Record<Field, string>;
  errors: Partial<Record<Field | 'row', Message>>;
  saving: boolean;
  conflict: Result | null;
  saved: string | null;
}

interface NewYear {
  fields: Record<'year' | 'achieved' | 'executionRate' | 'unit' | 'unitEn' | 'sourceKey', string>;
  errors: Record<string, Message>;
  saving: boolean;
}

const RESULT = `year achieved executionRate unit(lang: $lang) version source { key title section }`;
const SERVICES = `query ConsoleServices($lang: Lang!) { services { number name(lang: $lang) entity { acronym } results { ${RESULT} } } }`;
const SERVICE = `query ConsoleService($number: Int!, $lang: Lang!) { service(number: $number) { results { ${RESULT} } } }`;
const UPSERT = `mutation ConsoleUpsertServiceResult($input: UpsertServiceResultInput!, $lang: Lang!) {
  upsertServiceResult(input: $input) { changed created result { ${RESULT} } }
}`;

const draftOf = (r: Result): Record<Field, string> => ({ achieved: String(r.achieved), executionRate: r.executionRate === null ? '' : String(r.executionRate) });
const emptyNewYear = (): NewYear => ({ fields: { year: '', achieved: '', executionRate: '', unit: '', unitEn: '', sourceKey: '' }, errors: {}, saving: false });
const idOf = (service: number, year: number) => `s${service}-${year}`;

export class ServicesScreen extends Screen {
  static override properties = { ...Screen.properties, state: { state: true }, edits: { state: true }, adding: { state: true } };
  declare state: Loadable<Service[]>;
  declare edits: Map<string, Edit>;
  declare adding: Map<number, NewYear>;

  constructor() {
    super();
    this.state = { s: 'loading' };
    this.edits = new Map();
    this.adding = new Map();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ctx')) void this.load();
  }

  private get apiLang() {
    return this.ctx.lang.toUpperCase();
  }

  private async load(): Promise<void> {
    this.state = { s: 'loading' };
    try {
      const data = await this.ctx.api.request<{ services: Service[] }>(SERVICES, { lang: this.apiLang });
      // What the steward typed and has not saved survives a reload (e.g. a language switch).
      const before = this.edits;
      this.edits = new Map(
        data.services.flatMap((s) =>
          s.results.map((r) => {
            const id = idOf(s.number, r.year);
            const typed = before.get(id)?.draft;
            const edit = this.freshEdit(r);
            return [id, typed && (typed.achieved !== edit.draft.achieved || typed.executionRate !== edit.draft.executionRate) ? { ...edit, draft: typed } : edit] as const;
          }),
        ),
      );
      this.adding = new Map(data.services.map((s) => [s.number, this.adding.get(s.number) ?? emptyNewYear()]));
      this.state = { s: 'ready', data: data.services };
    } catch (error) {
      this.state = { s: 'error', error };
    }
  }

  private freshEdit(r: Result, saved: string | null = null): Edit {
    return { draft: draftOf(r), errors: {}, saving: false, conflict: null, saved };
  }

  private setEdit(id: string, patch: Partial<Edit>): void {
    this.edits = new Map(this.edits).set(id, { ...this.edits.get(id)!, ...patch });
  }

  private setAdding(number: number, patch: Partial<NewYear>): void {
    this.adding = new Map(this.adding).set(number, { ...this.adding.get(number)!, ...patch });
  }

  /** Puts a result the API answered with into the list (a new year, or a year's new version). */
  private replaceResult(number: number, result: Result): void {
    if (this.state.s !== 'ready') return;
    const services = this.state.data.map((s) =>
      s.number !== number
        ? s
        : { ...s, results: [...s.results.filter((r) => r.year !== result.year), result].sort((a, b) => a.year - b.year) },
    );
    this.state = { s: 'ready', data: services };
  }

  private async theirs(number: number, year: number): Promise<Result | null> {
    const data = await this.ctx.api.request<{ service: { results: Result[] } | null }>(SERVICE, { number, lang: this.apiLang });
    return data.service?.results.find((r) => r.year === year) ?? null;
  }

  private async save(service: Service, result: Result, overVersion?: number): Promise<void> {
    const { t, api } = this.ctx;
    const id = idOf(service.number, result.year);
    const edit = this.edits.get(id)!;
    const achieved = parseTyped(edit.draft.achieved);
    const rate = parseTyped(edit.draft.executionRate);
    if (achieved === null || Number.isNaN(achieved)) return this.setEdit(id, { errors: { achieved: achieved === null ? t.dataset.needsValue : t.dataset.notANumber } });
    if (Number.isNaN(rate)) return this.setEdit(id, { errors: { executionRate: t.dataset.notANumber } });
    this.setEdit(id, { saving: true, errors: {}, saved: null, conflict: null });
    try {
      const data = await api.request<{ upsertServiceResult: { changed: boolean; result: Result } }>(UPSERT, {
        input: { serviceNumber: service.number, year: result.year, achieved, executionRate: rate, expectedVersion: overVersion ?? result.version },
        lang: this.apiLang,
      });
      const saved = data.upsertServiceResult.result;
      const message = data.upsertServiceResult.changed ? t.dataset.saved : t.dataset.unchanged;
      this.replaceResult(service.number, saved);
      this.edits = new Map(this.edits).set(id, this.freshEdit(saved, message));
      this.ctx.announce(`${t.services.resultOf(service.number, saved.year)}: ${message}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        const theirs = await this.theirs(service.number, result.year).catch(() => null);
        this.setEdit(id, { saving: false, conflict: theirs, errors: theirs ? {} : { row: problemText(t, error) } });
        return;
      }
      const field = error instanceof ApiError ? error.field : undefined;
      const where = field === 'achieved' || field === 'executionRate' ? field : 'row';
      this.setEdit(id, { saving: false, errors: { [where]: error instanceof ApiError && where !== 'row' ? apiMessage(error) : problemText(t, error) } });
      focusSoon(this, `#${id}-${where === 'row' ? 'save' : where}`);
    }
  }

  private takeTheirs(service: Service, theirs: Result): void {
    this.replaceResult(service.number, theirs);
    this.edits = new Map(this.edits).set(idOf(service.number, theirs.year), this.freshEdit(theirs, this.ctx.t.conflict.tookTheirs));
  }

  private async addYear(service: Service, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { t, api } = this.ctx;
    const adding = this.adding.get(service.number)!;
    const f = adding.fields;
    const year = parseTyped(f.year);
    const achieved = parseTyped(f.achieved);
    const rate = parseTyped(f.executionRate);
    const errors: Record<string, string> = {};
    if (year === null || Number.isNaN(year)) errors.year = t.dataset.needsValue;
    if (achieved === null || Number.isNaN(achieved)) errors.achieved = achieved === null ? t.dataset.needsValue : t.dataset.notANumber;
    if (Number.isNaN(rate)) errors.executionRate = t.dataset.notANumber;
    if (Object.keys(errors).length) {
      this.setAdding(service.number, { errors });
      focusSoon(this, `#add-${service.number}-${Object.keys(errors)[0]}`);
      return;
    }
    this.setAdding(service.number, { saving: true, errors: {} });
    try {
      const optional = (name: 'unit' | 'unitEn' | 'sourceKey') => (f[name].trim() ? { [name]: f[name].trim() } : {});
      // The year must have no result yet (0): one someone else recorded meanwhile is a conflict, not overwritten.
      const data = await api.request<{ upsertServiceResult: { result: Result } }>(UPSERT, {
        input: { serviceNumber: service.number, year, achieved, executionRate: rate, ...optional('unit'), ...optional('unitEn'), ...optional('sourceKey'), expectedVersion: 0 },
        lang: this.apiLang,
      });
      const saved = data.upsertServiceResult.result;
      this.replaceResult(service.number, saved);
      this.edits = new Map(this.edits).set(idOf(service.number, saved.year), this.freshEdit(saved, t.dataset.created));
      this.adding = new Map(this.adding).set(service.number, emptyNewYear());
      this.ctx.announce(`${t.services.resultOf(service.number, saved.year)}: ${t.dataset.created}`);
    } catch (error) {
      // Theirs is shown in the table, to be corrected there.
      const existing = error instanceof ApiError && error.code === 'CONFLICT' ? await this.theirs(service.number, year!).catch(() => null) : null;
      if (existing) {
        this.replaceResult(service.number, existing);
        this.edits = new Map(this.edits).set(idOf(service.number, year!), this.freshEdit(existing));
        this.setAdding(service.number, { saving: false, errors: { year: t.services.yearExists(year!) } });
        focusSoon(this, `#add-${service.number}-year`);
        return;
      }
      const field = error instanceof ApiError ? error.field : undefined;
      const where = field && field in f ? field : 'form';
      this.setAdding(service.number, {
        saving: false,
        errors: { [where]: error instanceof ApiError && where !== 'form' ? apiMessage(error) : problemText(t, error) },
      });
      focusSoon(this, where === 'form' ? `#add-${service.number}-submit` : `#add-${service.number}-${where}`);
    }
  }

  protected override render(): TemplateResult {
    const { t } = this.ctx;
    return html`<h1 tabindex="-1">${t.nav.services}</h1>
      <p class="lead">${t.services.intro}</p>
      ${this.state.s === 'loading'
        ? loading(t)
        : this.state.s === 'error'
          ? failure(t, this.state.error, () => this.load())
          : this.state.data.map((s) => this.renderService(s))}`;
  }

  private renderService(service: Service): TemplateResult {
    const { t, canWrite } = this.ctx;
    const heading = `service-${service.number}`;
    return html`<section class="card" aria-labelledby=${heading}>
      <h2 id=${heading}>${t.services.number(service.number)} · ${service.name}${service.entity ? html` <span class="sub">(${service.entity.acronym})</span>` : nothing}</h2>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="${heading}-caption">
        <table class="data">
          <caption id="${heading}-caption">${t.services.caption(service.number)}</caption>
          <thead>
            <tr>
              <th scope="col">${t.services.columns.year}</th>
              <th scope="col" class="num">${t.services.columns.achieved}</th>
              <th scope="col" class="num">${t.services.columns.executionRate}</th>
              <th scope="col">${t.services.columns.unit}</th>
              <th scope="col">${t.services.columns.source}</th>
              ${canWrite ? html`<th scope="col">${t.dataset.columns.action}</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${service.results.map((r) => this.renderResult(service, r))}
          </tbody>
        </table>
      </div>
      ${canWrite ? this.renderAdd(service) : nothing}
    </section>`;
  }

  private renderResult(service: Service, r: Result): TemplateResult {
    const { t, lang, canWrite } = this.ctx;
    const id = idOf(service.number, r.year);
    const edit = this.edits.get(id) ?? this.freshEdit(r);
    const dirty = edit.draft.achieved !== draftOf(r).achieved || edit.draft.executionRate !== draftOf(r).executionRate;
    const input = (field: Field) => html`<td class="num">
      <input
        id="${id}-${field}"
        class="cell-input cell-value"
        inputmode="decimal"
        .value=${edit.draft[field]}
        aria-label="${t.services.columns[field]}: ${t.services.resultOf(service.number, r.year)}"
        aria-invalid=${edit.errors[field] ? 'true' : 'false'}
        aria-describedby=${edit.errors[field] ? `${id}-${field}-error` : nothing}
        ?disabled=${edit.saving}
        @input=${(e: Event) => {
          // Typing again clears that cell's message: it spoke of the value that was there.
          const now = this.edits.get(id)!;
          const { [field]: _gone, ...errors } = now.errors;
          this.setEdit(id, { draft: { ...now.draft, [field]: (e.target as HTMLInputElement).value }, errors, saved: null });
        }}
        @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (e.preventDefault(), void this.save(service, r))}
      />
      ${edit.errors[field] ? html`<p class="field-error" id="${id}-${field}-error">${edit.errors[field]}</p>` : nothing}
    </td>`;
    return html`<tr>
        <th scope="row">${r.year}</th>
        ${canWrite
          ? html`${input('achieved')}${input('executionRate')}`
          : html`<td class="num">${formatNumber(r.achieved, lang)}</td><td class="num">${r.executionRate === null ? '—' : `${formatNumber(r.executionRate, lang)} %`}</td>`}
        <td>${r.unit}</td>
        <td>${r.source.section}</td>
        ${canWrite
          ? html`<td>
<div class="row-actions">
              <button type="button" id="${id}-save" class="button button-small" ?disabled=${edit.saving || !dirty} @click=${() => this.save(service, r)}>
                ${edit.saving ? t.common.saving : t.common.save}<span class="visually-hidden">: ${t.services.resultOf(service.number, r.year)}</span>
              </button>
              ${edit.saved ? html`<span class="saved">${edit.saved}</span>` : nothing}
              ${edit.errors.row ? html`<p class="field-error">${edit.errors.row}</p>` : nothing}
              <span class="version">${t.common.version(r.version)}</span>
            </div>
</td>`
          : nothing}
      </tr>
      ${edit.conflict
        ? html`<tr class="conflict-row">
            <td colspan="6">
              ${conflictPanel(t, {
                level: 3,
                id: `${id}-conflict`,
                theirVersion: edit.conflict.version,
                busy: edit.saving,
                fields: [
                  { label: t.services.columns.achieved, mine: edit.draft.achieved, theirs: String(edit.conflict.achieved) },
                  { label: t.services.columns.executionRate, mine: edit.draft.executionRate, theirs: edit.conflict.executionRate === null ? '' : String(edit.conflict.executionRate) },
                ],
                onKeepMine: () => this.save(service, r, edit.conflict!.version),
                onTakeTheirs: () => this.takeTheirs(service, edit.conflict!),
              })}
            </td>
          </tr>`
        : nothing}`;
  }

  private renderAdd(service: Service): TemplateResult {
    const { t } = this.ctx;
    const adding = this.adding.get(service.number) ?? emptyNewYear();
    const first = service.results.length === 0;
    const field = (name: keyof NewYear['fields'], label: string, options: { hint?: string; numeric?: boolean; required?: boolean } = {}) => {
      const id = `add-${service.number}-${name}`;
      const error = adding.errors[name];
      const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
      return html`<div class="field">
        <label for=${id}>${label}${options.required ? nothing : html` <span class="optional">${t.common.optional}</span>`}</label>
        <input
          id=${id}
          inputmode=${options.numeric ? 'decimal' : 'text'}
          .value=${adding.fields[name]}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          @input=${(e: Event) => this.setAdding(service.number, { fields: { ...this.adding.get(service.number)!.fields, [name]: (e.target as HTMLInputElement).value } })}
        />
        ${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : nothing}
        ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
      </div>`;
    };
    return html`<details class="add">
      <summary>${t.services.addYear}</summary>
      <form class="form-grid" @submit=${(e: SubmitEvent) => this.addYear(service, e)} novalidate>
        ${field('year', t.services.columns.year, { numeric: true, required: true })}
        ${field('achieved', t.services.columns.achieved, { numeric: true, required: true })}
        ${field('executionRate', t.services.columns.executionRate, { numeric: true, hint: t.services.rateHint })}
        ${field('unit', t.services.unitEs, { required: first, hint: first ? t.services.unitFirst : t.services.unitLater })}
        ${field('unitEn', t.services.unitEn, { required: first })}
        ${field('sourceKey', t.services.sourceKey, { hint: t.services.sourceKeyHint })}
        <div class="form-actions">
          <button type="submit" id="add-${service.number}-submit" class="button button-primary" ?disabled=${adding.saving}>
            ${adding.saving ? t.common.saving : t.services.addSubmit}
          </button>
          ${adding.errors.form ? html`<p class="field-error">${adding.errors.form}</p>` : nothing}
        </div>
      </form>
    </details>`;
  }
}

customElements.define('vigia-console-services', ServicesScreen);
