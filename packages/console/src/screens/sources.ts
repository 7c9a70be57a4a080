/**
 * Documents and sources: every document Vigía cites, with the citable places in it (slides,
 * tables), as the API lists them (`documents`, `sources`: a new source nothing cites yet too);
 * add or correct either in a dialog, with the version it was read at (0 for a new one: the API
 * refuses to overwrite one someone else created meanwhile). A conflict shows both versions.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError } from '../api.js';
import { formatDate } from '../format.js';
import { Screen } from '../screen.js';
import { apiMessage, conflictPanel, failure, loading, problemText, shown, textField, type Loadable, type Message } from '../ui.js';

interface Doc {
  key: string;
  title: string;
  publisher: string;
  publishedOn: string;
  place: string | null;
  url: string | null;
  version: number;
}

interface Src {
  key: string;
  section: string;
  slide: number | null;
  quote: string | null;
  citedWork: string | null;
  version: number;
  document: Doc;
}

const DOC_FIELDS = ['title', 'publisher', 'publishedOn', 'place', 'url'] as const;
const SRC_FIELDS = ['documentKey', 'section', 'slide', 'quote', 'citedWork'] as const;
type DocField = (typeof DOC_FIELDS)[number] | 'key';
type SrcField = (typeof SRC_FIELDS)[number] | 'key';

type Panel =
  | { kind: 'document'; existing: Doc | null; values: Record<DocField, string> }
  | { kind: 'source'; existing: Src | null; values: Record<SrcField, string> };

const D = `fragment ConsoleDocument on Document { key title publisher publishedOn place url version }`;
const S = `fragment ConsoleSource on Source { key section slide quote citedWork version document { ...ConsoleDocument } }`;
/** Both lists in the API's order: documents newest first; sources by document, then slide. */
const ALL = `query ConsoleSources { documents { ...ConsoleDocument } sources { ...ConsoleSource } } ${D} ${S}`;

const UPSERT_DOC = `mutation ConsoleUpsertDocument($input: UpsertDocumentInput!) { upsertDocument(input: $input) { created changed document { ...ConsoleDocument } } } ${D}`;
const UPSERT_SRC = `mutation ConsoleUpsertSource($input: UpsertSourceInput!) { upsertSource(input: $input) { created changed source { ...ConsoleSource } } } ${D} ${S}`;

const docValues = (d: Doc | null): Record<DocField, string> => ({
  key: d?.key ?? '',
  title: d?.title ?? '',
  publisher: d?.publisher ?? '',
  publishedOn: d?.publishedOn ?? '',
  place: d?.place ?? '',
  url: d?.url ?? '',
});
const srcValues = (s: Src | null, documentKey = ''): Record<SrcField, string> => ({
  key: s?.key ?? '',
  documentKey: s?.document.key ?? documentKey,
  section: s?.section ?? '',
  slide: s?.slide === null || s?.slide === undefined ? '' : String(s.slide),
  quote: s?.quote ?? '',
  citedWork: s?.citedWork ?? '',
});

export class SourcesScreen extends Screen {
  static override properties = { ...Screen.properties, state: { state: true }, panel: { state: true }, errors: { state: true }, saving: { state: true }, conflict: { state: true } };
  declare state: Loadable<{ documents: Doc[]; sources: Src[] }>;
  declare panel: Panel | null;
  declare errors: Record<string, Message>;
  declare saving: boolean;
  declare conflict: Doc | Src | null;

  constructor() {
    super();
    this.state = { s: 'loading' };
    this.panel = null;
    this.errors = {};
    this.saving = false;
    this.conflict = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ctx')) void this.load();
  }

  private fetchAll(): Promise<{ documents: Doc[]; sources: Src[] }> {
    return this.ctx.api.request<{ documents: Doc[]; sources: Src[] }>(ALL);
  }

  private async load(): Promise<void> {
    if (this.state.s !== 'ready') this.state = { s: 'loading' };
    try {
      this.state = { s: 'ready', data: await this.fetchAll() };
    } catch (error) {
      this.state = { s: 'error', error };
    }
  }

  private open(panel: Panel): void {
    this.panel = panel;
    this.errors = {};
    this.saving = false;
    this.conflict = null;
    void this.updateComplete.then(() => {
      const dialog = this.querySelector<HTMLDialogElement>('dialog.panel');
      if (dialog && !dialog.open) dialog.showModal();
      dialog?.querySelector<HTMLElement>('input, textarea')?.focus();
    });
  }

  private closePanel(): void {
    this.querySelector<HTMLDialogElement>('dialog.panel')?.close();
    this.panel = null;
  }

  private inputOf(panel: Panel): Record<string, unknown> | string {
    const { t } = this.ctx;
    const v = panel.values as Record<string, string>;
    const before = (panel.kind === 'document' ? docValues(panel.existing) : srcValues(panel.existing)) as Record<string, string>;
    const fields = panel.kind === 'document' ? DOC_FIELDS : SRC_FIELDS;
    // A new one must not exist yet (0): a key someone else took meanwhile is a conflict, not an overwrite.
    const input: Record<string, unknown> = { key: v.key!.trim(), expectedVersion: panel.existing?.version ?? 0 };
    for (const f of fields) {
      const value = v[f]!.trim();
      if (panel.existing && value === before[f]) continue;
      if (!panel.existing && !value) continue;
      if (f === 'slide' && value) {
        const n = Number(value);
        if (!Number.isInteger(n)) return t.dataset.notANumber;
        input[f] = n;
      } else input[f] = value || null;
    }
    return input;
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault();
    const panel = this.panel;
    if (!panel || this.state.s !== 'ready') return;
    const { api, t } = this.ctx;
    const input = this.inputOf(panel);
    if (typeof input === 'string') {
      this.errors = { slide: input };
      return;
    }
    this.saving = true;
    this.errors = {};
    this.conflict = null;
    try {
      await api.request(panel.kind === 'document' ? UPSERT_DOC : UPSERT_SRC, { input });
      this.closePanel();
      this.ctx.announce(t.sources.saved(String(input.key)));
      await this.load();
    } catch (error) {
      this.saving = false;
      if (error instanceof ApiError && error.code === 'CONFLICT' && !panel.existing) {
        // Someone created one with this key since the list was read: it is listed now.
        this.errors = { key: t.sources.keyTaken };
        void this.load();
        return;
      }
      if (error instanceof ApiError && error.code === 'CONFLICT' && panel.existing) {
        const all = await this.fetchAll().catch(() => null);
        const theirs = all && (panel.kind === 'document' ? all.documents : all.sources).find((x) => x.key === panel.existing!.key);
        if (all && theirs) {
          this.state = { s: 'ready', data: all };
          this.conflict = theirs;
          return;
        }
      }
      const field = error instanceof ApiError ? error.field : undefined;
      const where = field && field in panel.values ? field : 'form';
      this.errors = { [where]: error instanceof ApiError && where !== 'form' ? apiMessage(error) : problemText(t, error) };
    }
  }

  /** Mine over theirs: the form is compared with their version, so every field that differs is sent. */
  private keepMine(): void {
    const panel = this.panel!;
    this.panel = { ...panel, existing: this.conflict } as Panel;
    this.conflict = null;
    void this.submit();
  }

  private takeTheirs(): void {
    const panel = this.panel!;
    const theirs = this.conflict!;
    this.panel = panel.kind === 'document' ? { kind: 'document', existing: theirs as Doc, values: docValues(theirs as Doc) } : { kind: 'source', existing: theirs as Src, values: srcValues(theirs as Src) };
    this.conflict = null;
  }

  protected override render(): TemplateResult {
    const { t, canWrite } = this.ctx;
    return html`<h1 tabindex="-1">${t.nav.sources}</h1>
      <p class="lead">${canWrite ? t.sources.intro : t.sources.introReadOnly}</p>
      ${canWrite
        ? html`<div class="toolbar">
            <button type="button" class="button button-primary" @click=${() => this.open({ kind: 'document', existing: null, values: docValues(null) })}>${t.sources.newDocument}</button>
          </div>`
        : nothing}
      ${this.state.s === 'loading' ? loading(t) : this.state.s === 'error' ? failure(t, this.state.error, () => this.load()) : this.renderDocuments(this.state.data)}
      <dialog class="panel" aria-labelledby="panel-title" @close=${() => (this.panel = null)}>${this.panel ? this.renderPanel(this.panel) : nothing}</dialog>`;
  }

  private renderDocuments({ documents, sources }: { documents: Doc[]; sources: Src[] }): TemplateResult {
    const { t, lang, canWrite } = this.ctx;
    return html`${documents.map((d) => {
      const own = sources.filter((s) => s.document.key === d.key);
      const id = `doc-${d.key}`;
      return html`<section class="card" aria-labelledby=${id}>
        <h2 id=${id}>${d.title}</h2>
        <dl class="facts">
          <div><dt>${t.sources.fields.publisher}</dt><dd>${d.publisher}</dd></div>
          <div><dt>${t.sources.fields.publishedOn}</dt><dd>${formatDate(d.publishedOn, lang)}</dd></div>
          ${d.place ? html`<div><dt>${t.sources.fields.place}</dt><dd>${d.place}</dd></div>` : nothing}
          ${d.url ? html`<div><dt>${t.sources.fields.url}</dt><dd><a href=${d.url} rel="noopener noreferrer">${d.url}</a></dd></div>` : nothing}
          <div><dt>${t.dataset.key}</dt><dd><code>${d.key}</code> · ${t.common.version(d.version)}</dd></div>
        </dl>
        ${canWrite
          ? html`<div class="toolbar">
              <button type="button" class="button button-small" @click=${() => this.open({ kind: 'document', existing: d, values: docValues(d) })}>
                ${t.sources.editDocument}<span class="visually-hidden">: ${d.title}</span>
              </button>
              <button type="button" class="button button-small" @click=${() => this.open({ kind: 'source', existing: null, values: srcValues(null, d.key) })}>
                ${t.sources.newSource}<span class="visually-hidden">: ${d.title}</span>
              </button>
            </div>`
          : nothing}
        ${own.length === 0
          ? html`<p class="empty">${t.sources.noSources}</p>`
          : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="${id}-caption">
          <table class="data">
            <caption id="${id}-caption">${t.sources.caption(own.length)}<span class="visually-hidden"> · ${d.title}</span></caption>
            <thead>
              <tr>
                <th scope="col">${t.sources.columns.section}</th>
                <th scope="col" class="num">${t.sources.columns.slide}</th>
                <th scope="col">${t.sources.columns.quote}</th>
                <th scope="col">${t.sources.columns.citedWork}</th>
                ${canWrite ? html`<th scope="col">${t.dataset.columns.action}</th>` : nothing}
              </tr>
            </thead>
            <tbody>
              ${own.map(
                (s) => html`<tr data-source=${s.key}>
                  <th scope="row">${s.section}<span class="key">${s.key}</span></th>
                  <td class="num">${s.slide ?? '—'}</td>
                  <td class="quote">${s.quote ?? '—'}</td>
                  <td>${s.citedWork ?? '—'}</td>
                  ${canWrite
                    ? html`<td>
<div class="row-actions">
                        <button type="button" class="button button-small" @click=${() => this.open({ kind: 'source', existing: s, values: srcValues(s) })}>
                          ${t.common.edit}<span class="visually-hidden">: ${s.section}</span>
                        </button>
                        <span class="version">${t.common.version(s.version)}</span>
                      </div>
</td>`
                    : nothing}
                </tr>`,
              )}
            </tbody>
          </table>
        </div>`}
      </section>`;
    })}`;
  }

  private renderPanel(panel: Panel): TemplateResult {
    const { t } = this.ctx;
    const set = (name: string, value: string) => (this.panel = { ...this.panel!, values: { ...this.panel!.values, [name]: value } } as Panel);
    const field = (name: string, options: { required?: boolean; hint?: string; multiline?: boolean; inputmode?: string; list?: string } = {}) =>
      textField(t, {
        id: `src-${name}`,
        label: (t.sources.fields as Record<string, string>)[name]!,
        value: (panel.values as Record<string, string>)[name]!,
        error: this.errors[name],
        ...options,
        onInput: (v) => set(name, v),
      });
    const isNew = !panel.existing;
    const documentKeys = this.state.s === 'ready' ? this.state.data.documents.map((d) => d.key) : [];
    const title =
      panel.kind === 'document'
        ? isNew ? t.sources.newDocument : t.sources.editDocumentTitle(panel.existing!.title)
        : isNew ? t.sources.newSource : t.sources.editSourceTitle(panel.existing!.section);
    const conflict = this.conflict;
    const compareFields = (panel.kind === 'document' ? DOC_FIELDS : SRC_FIELDS) as readonly string[];
    const theirValues = conflict ? ((panel.kind === 'document' ? docValues(conflict as Doc) : srcValues(conflict as Src)) as Record<string, string>) : null;
    return html`<form method="dialog" class="panel-form" @submit=${(e: Event) => this.submit(e)} novalidate>
      <h2 id="panel-title">${title}</h2>
      <div class="form-grid">
        ${isNew ? field('key', { required: true, hint: t.sources.keyHint }) : nothing}
        ${panel.kind === 'document'
          ? html`${field('title', { required: isNew })}${field('publisher', { required: isNew })}
            ${field('publishedOn', { required: isNew, hint: t.sources.publishedOnHint })}${field('place')}${field('url', { hint: t.sources.urlHint })}`
          : html`${field('documentKey', { required: isNew, list: 'src-document-keys' })}${field('section', { required: isNew })}
            ${field('slide', { inputmode: 'numeric' })}${field('citedWork')}${field('quote', { multiline: true })}
            <datalist id="src-document-keys">${documentKeys.map((k) => html`<option value=${k}></option>`)}</datalist>`}
      </div>
      ${conflict && theirValues
        ? conflictPanel(t, {
                level: 3,
            id: 'src-conflict',
            theirVersion: conflict.version,
            busy: this.saving,
            fields: compareFields.map((f) => ({ label: (t.sources.fields as Record<string, string>)[f]!, mine: shown((panel.values as Record<string, string>)[f]), theirs: shown(theirValues[f]) })),
            onKeepMine: () => this.keepMine(),
            onTakeTheirs: () => this.takeTheirs(),
          })
        : nothing}
      <div class="form-actions">
        <button type="submit" class="button button-primary" ?disabled=${this.saving || !!conflict}>${this.saving ? t.common.saving : t.common.save}</button>
        <button type="button" class="button" @click=${() => this.closePanel()}>${t.common.cancel}</button>
        ${this.errors.form ? html`<p class="field-error" role="alert">${this.errors.form}</p>` : nothing}
      </div>
    </form>`;
  }
}

customElements.define('vigia-console-sources', SourcesScreen);
