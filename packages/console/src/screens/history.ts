/**
 * History (admins): the audit log, newest first, filtered by who, what and when; each entry's
 * before and after as a readable diff (changed fields first; the unchanged ones on request).
 * What (action, kind of object, object key) is filtered by the API; who and when over the pages
 * loaded so far, which the screen says, with a button to load older entries.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { formatTime } from '../format.js';
import { Screen } from '../screen.js';
import { failure, loading, type Loadable } from '../ui.js';
import { diff } from './diff.js';

interface Entry {
  action: string;
  actor: string;
  at: string;
  before: unknown;
  after: unknown;
  subjectKey: string | null;
  subjectType: string | null;
}

interface Page {
  entries: Entry[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

const LOG = `query ConsoleAuditLog($first: Int!, $after: String, $action: String, $subjectType: String, $subjectKey: String) {
  auditLog(first: $first, after: $after, action: $action, subjectType: $subjectType, subjectKey: $subjectKey) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { action actor at before after subjectKey subjectType } }
  }
}`;

export const ACTIONS = [
  'upsertIndicator',
  'deleteIndicator',
  'upsertServiceResult',
  'createCoordinationSpace',
  'updateCoordinationSpace',
  'closeCoordinationSpace',
  'reopenCoordinationSpace',
  'upsertDocument',
  'upsertSource',
  'import',
  'createApiKey',
  'revokeApiKey',
] as const;
const TYPES = ['Indicator', 'ServiceResult', 'CoordinationSpace', 'Document', 'Source', 'Import', 'ApiKey'] as const;
const PAGE = 50;
/** Rows of one entry's diff shown at once (an import's entry can hold hundreds). */
const DIFF_ROWS = 200;

interface Filters {
  who: string;
  action: string;
  subjectType: string;
  subjectKey: string;
  from: string;
  to: string;
}

const noFilters = (): Filters => ({ who: '', action: '', subjectType: '', subjectKey: '', from: '', to: '' });

export class HistoryScreen extends Screen {
  static override properties = { ...Screen.properties, state: { state: true }, filters: { state: true }, more: { state: true }, showSame: { state: true } };
  declare state: Loadable<Page>;
  declare filters: Filters;
  declare more: boolean;
  declare showSame: Set<number>;
  /** The filters the loaded pages were asked with (the API's part). */
  private asked: Filters = noFilters();

  constructor() {
    super();
    this.state = { s: 'loading' };
    this.filters = noFilters();
    this.more = false;
    this.showSame = new Set();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ctx') && changed.get('ctx')?.api !== this.ctx.api) void this.load();
  }

  private async page(after: string | null): Promise<Page> {
    const f = this.asked;
    const data = await this.ctx.api.request<{
      auditLog: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Entry }[] };
    }>(LOG, {
      first: PAGE,
      after,
      action: f.action || null,
      subjectType: f.subjectType || null,
      subjectKey: f.subjectKey.trim() || null,
    });
    const log = data.auditLog;
    return { entries: log.edges.map((e) => e.node), totalCount: log.totalCount, endCursor: log.pageInfo.endCursor, hasNextPage: log.pageInfo.hasNextPage };
  }

  private async load(): Promise<void> {
    this.asked = { ...this.filters };
    this.state = { s: 'loading' };
    this.showSame = new Set();
    try {
      this.state = { s: 'ready', data: await this.page(null) };
    } catch (error) {
      this.state = { s: 'error', error };
    }
  }

  private async loadMore(): Promise<void> {
    if (this.state.s !== 'ready') return;
    const current = this.state.data;
    this.more = true;
    try {
      const next = await this.page(current.endCursor);
      this.state = { s: 'ready', data: { ...next, entries: [...current.entries, ...next.entries] } };
      this.ctx.announce(this.ctx.t.history.loaded(this.state.data.entries.length, next.totalCount));
    } catch (error) {
      this.ctx.announce(String(error));
    } finally {
      this.more = false;
    }
  }

  /** Who and when, over the loaded entries (the API filters what). */
  private visible(entries: Entry[]): Entry[] {
    const who = this.filters.who.trim().toLocaleLowerCase();
    const from = this.filters.from ? new Date(`${this.filters.from}T00:00:00`).getTime() : -Infinity;
    const to = this.filters.to ? new Date(`${this.filters.to}T23:59:59.999`).getTime() : Infinity;
    return entries.filter((e) => {
      const at = new Date(e.at).getTime();
      return (!who || e.actor.toLocaleLowerCase().includes(who)) && at >= from && at <= to;
    });
  }

  private set(name: keyof Filters, value: string): void {
    this.filters = { ...this.filters, [name]: value };
  }

  protected override render(): TemplateResult {
    const { t } = this.ctx;
    return html`<h1 tabindex="-1">${t.nav.history}</h1>
      <p class="lead">${t.history.intro}</p>
      ${this.renderFilters()}
      ${this.state.s === 'loading' ? loading(t) : this.state.s === 'error' ? failure(t, this.state.error, () => this.load()) : this.renderLog(this.state.data)}`;
  }

  private renderFilters(): TemplateResult {
    const { t } = this.ctx;
    const f = this.filters;
    const text = (name: keyof Filters, label: string, type = 'text') => html`<div class="field">
      <label for="history-${name}">${label}</label>
      <input id="history-${name}" type=${type} .value=${f[name]} @input=${(e: Event) => this.set(name, (e.target as HTMLInputElement).value)} />
    </div>`;
    const select = (name: keyof Filters, label: string, options: { value: string; label: string }[]) => html`<div class="field">
      <label for="history-${name}">${label}</label>
      <select id="history-${name}" @change=${(e: Event) => this.set(name, (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!f[name]}>${t.history.any}</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${f[name] === o.value}>${o.label}</option>`)}
      </select>
    </div>`;
    return html`<form
      class="filters card"
      aria-labelledby="history-filters-title"
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.load();
      }}
    >
      <h2 id="history-filters-title" class="visually-hidden">${t.history.filters}</h2>
      <fieldset>
        <legend>${t.history.who}</legend>
        ${text('who', t.history.actor)}
      </fieldset>
      <fieldset>
        <legend>${t.history.what}</legend>
        ${select('action', t.history.action, ACTIONS.map((a) => ({ value: a, label: t.actions[a] })))}
        ${select('subjectType', t.history.subjectType, TYPES.map((k) => ({ value: k, label: t.subjectTypes[k] })))}
        ${text('subjectKey', t.history.subjectKey)}
      </fieldset>
      <fieldset>
        <legend>${t.history.when}</legend>
        ${text('from', t.history.from, 'date')} ${text('to', t.history.to, 'date')}
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="button button-primary">${t.history.apply}</button>
        <button
          type="button"
          class="button"
          @click=${() => {
            this.filters = noFilters();
            void this.load();
          }}
        >
          ${t.history.clear}
        </button>
      </div>
    </form>`;
  }

  private renderLog(page: Page): TemplateResult {
    const { t } = this.ctx;
    const shown = this.visible(page.entries);
    const clientFiltered = !!(this.filters.who.trim() || this.filters.from || this.filters.to);
    return html`<p class="count" role="status">
        ${clientFiltered ? t.history.countFiltered(shown.length, page.entries.length, page.totalCount) : t.history.count(page.entries.length, page.totalCount)}
      </p>
      ${shown.length === 0 ? html`<p class="empty">${t.history.none}</p>` : html`<ol class="entries">${shown.map((e, i) => this.renderEntry(e, i))}</ol>`}
      ${page.hasNextPage
        ? html`<button type="button" class="button" ?disabled=${this.more} @click=${() => this.loadMore()}>${this.more ? t.common.loading : t.history.loadMore}</button>`
        : nothing}`;
  }

  private renderEntry(e: Entry, index: number): TemplateResult {
    const { t, lang } = this.ctx;
    const rows = diff(e.before, e.after);
    const changed = rows.filter((r) => r.change !== 'same');
    const showSame = this.showSame.has(index);
    const list = (showSame ? rows : changed).slice(0, DIFF_ROWS);
    const more = (showSame ? rows : changed).length - list.length;
    const action = (t.actions as Record<string, string>)[e.action] ?? e.action;
    const kind = e.subjectType ? ((t.subjectTypes as Record<string, string>)[e.subjectType] ?? e.subjectType) : '';
    const id = `entry-${index}`;
    return html`<li class="entry">
      <details>
        <summary>
          <span class="entry-when">${formatTime(e.at, lang)}</span>
          <span class="entry-who">${e.actor}</span>
          <span class="entry-what">${action}${kind ? html` · ${kind}` : nothing}</span>
          ${e.subjectKey ? html`<code class="entry-key">${e.subjectKey}</code>` : nothing}
          <span class="entry-count">${t.history.changedFields(changed.length)}</span>
        </summary>
        <div class="entry-body">
          <p class="sub">${t.history.actionCode(e.action)}${e.before === null ? ` · ${t.history.created}` : e.after === null ? ` · ${t.history.deleted}` : ''}</p>
          <div class="table-wrap" tabindex="0" role="region" aria-labelledby="${id}-caption">
            <table class="data diff">
              <caption id="${id}-caption" class="visually-hidden">${t.history.diffCaption(action, e.subjectKey ?? '')}</caption>
              <thead>
                <tr><th scope="col">${t.history.field}</th><th scope="col">${t.history.before}</th><th scope="col">${t.history.after}</th></tr>
              </thead>
              <tbody>
                ${list.map(
                  (r) => html`<tr class="diff-${r.change}">
                    <th scope="row"><code>${r.path}</code>${r.change === 'same' ? nothing : html` <span class="tag tag-${r.change}">${t.history.changes[r.change]}</span>`}</th>
                    <td class="diff-before">${r.before === '' ? html`<span class="muted">—</span>` : r.before}</td>
                    <td class="diff-after">${r.after === '' ? html`<span class="muted">—</span>` : r.after}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
          ${more > 0 ? html`<p class="hint">${t.history.moreRows(more)}</p>` : nothing}
          ${rows.length > changed.length
            ? html`<button
                type="button"
                class="button button-small"
                aria-pressed=${String(showSame)}
                @click=${() => {
                  const next = new Set(this.showSame);
                  if (showSame) next.delete(index);
                  else next.add(index);
                  this.showSame = next;
                }}
              >
                ${t.history.showSame(rows.length - changed.length)}
              </button>`
            : nothing}
        </div>
      </details>
    </li>`;
  }
}

customElements.define('vigia-console-history', HistoryScreen);
