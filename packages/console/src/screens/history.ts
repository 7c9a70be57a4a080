/**
 * History (admins): the audit log, newest first, filtered by who, what and when — every filter
 * by the API, so the count and the pages are the whole log's — with a button to load older
 * entries; each entry's before and after as a readable diff (changed fields first; the unchanged
 * ones on request). Days are the steward's own (this computer's time zone), both included.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { formatTime } from '../format.js';
import { Screen } from '../screen.js';
import { failure, loading, type Loadable, type Message } from '../ui.js';
import { diff } from './diff.js';

interface Entry {
  action: string;
  actor: string;
  keyId: string | null;
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

const LOG = `query ConsoleAuditLog($first: Int!, $after: String, $action: String, $subjectType: String, $subjectKey: String, $actor: String, $since: DateTime, $until: DateTime) {
  auditLog(first: $first, after: $after, action: $action, subjectType: $subjectType, subjectKey: $subjectKey, actor: $actor, since: $since, until: $until) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { action actor keyId at before after subjectKey subjectType } }
  }
}`;
/** The keys, to pick who from (by name or id). */
const KEYS = `query ConsoleHistoryKeys { apiKeys { keyId name } }`;

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

/** The instant a day (YYYY-MM-DD) starts in this computer's time zone, `days` later; null for no day. */
function dayStart(day: string, days = 0): string | null {
  if (!day) return null;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + days).toISOString();
}

export class HistoryScreen extends Screen {
  static override properties = {
    ...Screen.properties,
    state: { state: true },
    filters: { state: true },
    more: { state: true },
    showSame: { state: true },
    keys: { state: true },
    errors: { state: true },
  };
  declare state: Loadable<Page>;
  declare filters: Filters;
  declare more: boolean;
  declare showSame: Set<number>;
  declare keys: { keyId: string; name: string }[];
  declare errors: Partial<Record<keyof Filters, Message>>;
  /** The filters the loaded pages were asked with ("load older" asks the same). */
  private asked: Filters = noFilters();

  constructor() {
    super();
    this.state = { s: 'loading' };
    this.filters = noFilters();
    this.more = false;
    this.showSame = new Set();
    this.keys = [];
    this.errors = {};
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ctx') && changed.get('ctx')?.api !== this.ctx.api) {
      void this.load();
      void this.loadKeys();
    }
  }

  /** Only offers names to pick from: typing a name or id works without them. */
  private async loadKeys(): Promise<void> {
    try {
      this.keys = (await this.ctx.api.request<{ apiKeys: { keyId: string; name: string }[] }>(KEYS)).apiKeys;
    } catch {
      this.keys = [];
    }
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
      actor: f.who.trim() || null,
      since: dayStart(f.from),
      // The day after "to" starts: "to" is included whole.
      until: dayStart(f.to, 1),
    });
    const log = data.auditLog;
    return { entries: log.edges.map((e) => e.node), totalCount: log.totalCount, endCursor: log.pageInfo.endCursor, hasNextPage: log.pageInfo.hasNextPage };
  }

  private async load(): Promise<void> {
    const { from, to } = this.filters;
    if (from && to && from > to) {
      this.errors = { to: this.ctx.t.history.rangeReversed };
      return;
    }
    this.errors = {};
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
    const text = (name: keyof Filters, label: string, options: { type?: string; hint?: string; list?: string } = {}) => {
      const id = `history-${name}`;
      const error = this.errors[name];
      const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
      return html`<div class="field">
        <label for=${id}>${label}</label>
        <input
          id=${id}
          type=${options.type ?? 'text'}
          list=${options.list ?? nothing}
          .value=${f[name]}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @input=${(e: Event) => this.set(name, (e.target as HTMLInputElement).value)}
        />
        ${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : nothing}
        ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
      </div>`;
    };
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
        ${text('who', t.history.actor, { hint: t.history.actorHint, list: 'history-keys' })}
        <datalist id="history-keys">
          ${this.keys.map((k) => html`<option value=${k.name}>${k.keyId}</option><option value=${k.keyId}>${k.name}</option>`)}
        </datalist>
      </fieldset>
      <fieldset>
        <legend>${t.history.what}</legend>
        ${select('action', t.history.action, ACTIONS.map((a) => ({ value: a, label: t.actions[a] })))}
        ${select('subjectType', t.history.subjectType, TYPES.map((k) => ({ value: k, label: t.subjectTypes[k] })))}
        ${text('subjectKey', t.history.subjectKey)}
      </fieldset>
      <fieldset>
        <legend>${t.history.when}</legend>
        ${text('from', t.history.from, { type: 'date' })} ${text('to', t.history.to, { type: 'date' })}
        <p class="hint">${t.history.whenHint}</p>
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="button button-primary">${t.history.apply}</button>
        <button
          type="button"
          class="button"
          @click=${() => {
            this.filters = noFilters();
            this.errors = {};
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
    return html`<p class="count" role="status">${t.history.count(page.entries.length, page.totalCount)}</p>
      ${page.entries.length === 0 ? html`<p class="empty">${t.history.none}</p>` : html`<ol class="entries">${page.entries.map((e, i) => this.renderEntry(e, i))}</ol>`}
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
          <p class="sub">${t.history.actionCode(e.action)}${e.keyId ? ` · ${t.history.keyId(e.keyId)}` : ''}${e.before === null ? ` · ${t.history.created}` : e.after === null ? ` · ${t.history.deleted}` : ''}</p>
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
