/**
 * Coordination spaces: the open and the closed ones by region; create, correct, close (a date and
 * a reason) and, for admins, reopen. Each form opens in a modal dialog and sends the version the
 * space was read at; a conflict shows the space as the steward left it and as it is now.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError } from '../api.js';
import { formatDate } from '../format.js';
import { Screen } from '../screen.js';
import { apiMessage, conflictPanel, failure, loading, problemText, shown, textField, type Compared, type Loadable } from '../ui.js';
import { FIELDS, LEVELS, MUTATIONS, LIST, ONE, REGIONS, today, valuesOf, type Level, type Panel, type PanelState, type RegionOption, type Space } from './space-documents.js';

export class SpacesScreen extends Screen {
  static override properties = {
    ...Screen.properties,
    state: { state: true },
    region: { state: true },
    showClosed: { state: true },
    panel: { state: true },
    panelState: { state: true },
  };
  declare state: Loadable<{ open: Space[]; closed: Space[]; regions: RegionOption[] }>;
  declare region: string;
  declare showClosed: boolean;
  declare panel: Panel | null;
  declare panelState: PanelState;

  constructor() {
    super();
    this.state = { s: 'loading' };
    this.region = '';
    this.showClosed = false;
    this.panel = null;
    this.panelState = { errors: {}, saving: false, conflict: null };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ctx')) void this.load();
  }

  private async load(): Promise<void> {
    if (this.state.s !== 'ready') this.state = { s: 'loading' };
    try {
      const { api } = this.ctx;
      const open: Space[] = [];
      const closed: Space[] = [];
      let after: string | null = null;
      let closedAfter: string | null = null;
      let wantOpen = true;
      let wantClosed = true;
      type Page = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Space }[] };
      while (wantOpen || wantClosed) {
        const page: { coordinationSpaces?: Page; closedCoordinationSpaces?: Page } = await api.request(LIST, {
          after,
          closedAfter,
          open: wantOpen,
          closed: wantClosed,
        });
        if (page.coordinationSpaces) {
          open.push(...page.coordinationSpaces.edges.map((e) => e.node));
          wantOpen = page.coordinationSpaces.pageInfo.hasNextPage;
          after = page.coordinationSpaces.pageInfo.endCursor;
        }
        if (page.closedCoordinationSpaces) {
          closed.push(...page.closedCoordinationSpaces.edges.map((e) => e.node));
          wantClosed = page.closedCoordinationSpaces.pageInfo.hasNextPage;
          closedAfter = page.closedCoordinationSpaces.pageInfo.endCursor;
        }
      }
      const regions = this.state.s === 'ready' ? this.state.data.regions : (await api.request<{ regions: RegionOption[] }>(REGIONS)).regions;
      this.state = { s: 'ready', data: { open, closed, regions } };
    } catch (error) {
      this.state = { s: 'error', error };
    }
  }

  private open(panel: Panel): void {
    this.panel = panel;
    this.panelState = { errors: {}, saving: false, conflict: null };
    void this.updateComplete.then(() => {
      const dialog = this.querySelector<HTMLDialogElement>('dialog.panel');
      if (dialog && !dialog.open) dialog.showModal();
      dialog?.querySelector<HTMLElement>('input, select, textarea, button.button-primary')?.focus();
    });
  }

  private closePanel(): void {
    this.querySelector<HTMLDialogElement>('dialog.panel')?.close();
    this.panel = null;
  }

  /** What the form sends: for an update only the fields that changed (empty clears an optional one). */
  private inputOf(panel: Panel, version?: number): Record<string, unknown> {
    switch (panel.mode) {
      case 'create': {
        const input: Record<string, unknown> = {};
        for (const f of [...FIELDS, 'key'] as const) if (panel.values[f].trim()) input[f] = panel.values[f].trim();
        return input;
      }
      case 'edit': {
        const before = valuesOf(panel.space);
        const input: Record<string, unknown> = { key: panel.space.key, expectedVersion: version ?? panel.space.version };
        for (const f of FIELDS) if (panel.values[f].trim() !== before[f]) input[f] = panel.values[f].trim() || null;
        return input;
      }
      case 'close':
        return {
          key: panel.space.key,
          closedOn: panel.closedOn.trim(),
          ...(panel.reason.trim() ? { reason: panel.reason.trim() } : {}),
          expectedVersion: version ?? panel.space.version,
        };
      case 'reopen':
        return { key: panel.space.key, expectedVersion: version ?? panel.space.version };
    }
  }

  private async submit(event?: Event, overVersion?: number): Promise<void> {
    event?.preventDefault();
    const panel = this.panel;
    if (!panel) return;
    const { api, t } = this.ctx;
    this.panelState = { errors: {}, saving: true, conflict: null };
    try {
      const data = await api.request<Record<string, { coordinationSpace: Space; changed?: boolean }>>(MUTATIONS[panel.mode], {
        input: this.inputOf(panel, overVersion),
      });
      const space = Object.values(data)[0]!.coordinationSpace;
      this.closePanel();
      this.ctx.announce(t.spaces.done[panel.mode](space.name));
      await this.load();
      void this.updateComplete.then(() => this.querySelector<HTMLElement>(`[data-space="${CSS.escape(space.key)}"] button`)?.focus());
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT' && panel.mode !== 'create') {
        const theirs = await api
          .request<{ node: Space | null }>(ONE, { id: panel.space.id })
          .then((d) => d.node)
          .catch(() => null);
        this.panelState = { errors: theirs ? {} : { form: problemText(t, error) }, saving: false, conflict: theirs };
        return;
      }
      const field = error instanceof ApiError ? error.field : undefined;
      const fields: string[] = panel.mode === 'close' ? ['closedOn', 'reason'] : panel.mode === 'reopen' ? [] : [...FIELDS, 'key'];
      const where = field && fields.includes(field) ? field : 'form';
      this.panelState = {
        errors: { [where]: error instanceof ApiError && where !== 'form' ? apiMessage(error) : problemText(t, error) },
        saving: false,
        conflict: null,
      };
      void this.updateComplete.then(() => this.querySelector<HTMLElement>(`dialog.panel #space-${where}, dialog.panel .form-actions button`)?.focus());
    }
  }

  /** Mine over theirs, literally: the form is compared with their version, so every field that differs is sent. */
  private keepMine(theirs: Space): void {
    const panel = this.panel;
    if (!panel || panel.mode === 'create') return;
    this.panel = { ...panel, space: theirs } as Panel;
    void this.submit();
  }

  private takeTheirs(theirs: Space): void {
    const panel = this.panel!;
    if (panel.mode === 'edit') this.panel = { mode: 'edit', space: theirs, values: valuesOf(theirs) };
    else if (panel.mode === 'close') this.panel = { ...panel, space: theirs };
    else if (panel.mode === 'reopen') this.panel = { mode: 'reopen', space: theirs };
    this.panelState = { errors: {}, saving: false, conflict: null };
    // A closed-then-reopened (or the reverse) space may no longer need this action: the list shows it as it is.
    if ((panel.mode === 'close' && !theirs.isOpen) || (panel.mode === 'reopen' && theirs.isOpen)) {
      this.closePanel();
      void this.load();
    }
  }

  protected override render(): TemplateResult {
    const { t } = this.ctx;
    return html`<h1 tabindex="-1">${t.nav.spaces}</h1>
      <p class="lead">${this.ctx.canWrite ? t.spaces.intro : t.spaces.introReadOnly}</p>
      ${this.state.s === 'loading' ? loading(t) : this.state.s === 'error' ? failure(t, this.state.error, () => this.load()) : this.renderList(this.state.data)}
      <dialog class="panel" aria-labelledby="panel-title" @close=${() => (this.panel = null)} @cancel=${() => (this.panel = null)}>
        ${this.panel && this.state.s === 'ready' ? this.renderPanel(this.panel, this.state.data.regions) : nothing}
      </dialog>`;
  }

  private renderList({ open, closed, regions }: { open: Space[]; closed: Space[]; regions: RegionOption[] }): TemplateResult {
    const { t, canWrite } = this.ctx;
    const list = (this.showClosed ? closed : open).filter((s) => !this.region || s.region.code === this.region);
    const used = new Set([...open, ...closed].map((s) => s.region.code));
    return html`<div class="toolbar">
        <div class="field field-inline">
          <label for="space-region-filter">${t.spaces.region}</label>
          <select id="space-region-filter" @change=${(e: Event) => (this.region = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.region}>${t.spaces.allRegions}</option>
            ${regions.filter((r) => used.has(r.code)).map((r) => html`<option value=${r.code} ?selected=${this.region === r.code}>${r.name}</option>`)}
          </select>
        </div>
        <div class="segmented" role="group" aria-label=${t.spaces.which}>
          <button type="button" aria-pressed=${String(!this.showClosed)} @click=${() => (this.showClosed = false)}>${t.spaces.openCount(open.length)}</button>
          <button type="button" aria-pressed=${String(this.showClosed)} @click=${() => (this.showClosed = true)}>${t.spaces.closedCount(closed.length)}</button>
        </div>
        ${canWrite
          ? html`<button
              type="button"
              class="button button-primary"
              @click=${() => this.open({ mode: 'create', values: { key: '', name: '', level: 'PROVINCIAL', regionCode: this.region, province: '', district: '', locality: '', note: '', sourceText: '', sourceKey: '' } })}
            >
              ${t.spaces.create}
            </button>`
          : nothing}
      </div>
      ${list.length === 0
        ? html`<p class="empty">${this.showClosed ? t.spaces.noneClosed : t.spaces.noneOpen}</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="spaces-caption">
            <table class="data">
              <caption id="spaces-caption">${this.showClosed ? t.spaces.closedCaption(list.length) : t.spaces.openCaption(list.length)}</caption>
              <thead>
                <tr>
                  <th scope="col">${t.spaces.fields.name}</th>
                  <th scope="col">${t.spaces.fields.level}</th>
                  <th scope="col">${t.spaces.fields.regionCode}</th>
                  <th scope="col">${t.spaces.place}</th>
                  ${this.showClosed ? html`<th scope="col">${t.spaces.closedOn}</th>` : nothing}
                  ${canWrite ? html`<th scope="col">${t.dataset.columns.action}</th>` : nothing}
                </tr>
              </thead>
              <tbody>
                ${list.map((s) => this.renderSpace(s))}
              </tbody>
            </table>
          </div>`}`;
  }

  private renderSpace(s: Space): TemplateResult {
    const { t, lang, canWrite, isAdmin } = this.ctx;
    const place = [s.province, s.district, s.locality].filter(Boolean).join(' · ') || '—';
    return html`<tr data-space=${s.key}>
      <th scope="row">${s.name}<span class="key">${s.key}</span></th>
      <td>${t.levels[s.level]}</td>
      <td>${s.region.name}</td>
      <td>${place}</td>
      ${this.showClosed ? html`<td>${formatDate(s.closedOn, lang)}${s.closedReason ? html`<span class="sub">${s.closedReason}</span>` : nothing}</td>` : nothing}
      ${canWrite
        ? html`<td>
<div class="row-actions">
            <button type="button" class="button button-small" @click=${() => this.open({ mode: 'edit', space: s, values: valuesOf(s) })}>
              ${t.common.edit}<span class="visually-hidden">: ${s.name}</span>
            </button>
            ${s.isOpen
              ? html`<button type="button" class="button button-small" @click=${() => this.open({ mode: 'close', space: s, closedOn: today(), reason: '' })}>
                  ${t.spaces.close}<span class="visually-hidden">: ${s.name}</span>
                </button>`
              : isAdmin
                ? html`<button type="button" class="button button-small" @click=${() => this.open({ mode: 'reopen', space: s })}>
                    ${t.spaces.reopen}<span class="visually-hidden">: ${s.name}</span>
                  </button>`
                : nothing}
          </div>
</td>`
        : nothing}
    </tr>`;
  }

  private renderPanel(panel: Panel, regions: RegionOption[]): TemplateResult {
    const { t } = this.ctx;
    const { errors, saving, conflict } = this.panelState;
    const title =
      panel.mode === 'create' ? t.spaces.create : panel.mode === 'edit' ? t.spaces.editTitle(panel.space.name) : panel.mode === 'close' ? t.spaces.closeTitle(panel.space.name) : t.spaces.reopenTitle(panel.space.name);
    const set = (name: string, value: string) => {
      const p = this.panel!;
      if (p.mode === 'create' || p.mode === 'edit') this.panel = { ...p, values: { ...p.values, [name]: value } } as Panel;
      else if (p.mode === 'close') this.panel = { ...p, [name]: value };
    };
    const input = (name: string, label: string, value: string, options: { required?: boolean; hint?: string; multiline?: boolean; list?: string } = {}) =>
      textField(t, { id: `space-${name}`, label, value, error: errors[name], ...options, onInput: (v) => set(name, v) });
    const select = (name: string, label: string, value: string, options: { value: string; label: string }[]) => {
      const id = `space-${name}`;
      const error = errors[name];
      return html`<div class="field">
        <label for=${id}>${label}</label>
        <select id=${id} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing} @change=${(e: Event) => set(name, (e.target as HTMLSelectElement).value)}>
          ${value ? nothing : html`<option value="" selected>${t.common.choose}</option>`}
          ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
        </select>
        ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
      </div>`;
    };
    const sourceKeys = this.state.s === 'ready' ? [...new Set([...this.state.data.open, ...this.state.data.closed].map((s) => s.source.key))] : [];

    let body: TemplateResult;
    if (panel.mode === 'create' || panel.mode === 'edit') {
      const v = panel.values;
      const regionOptions = [...regions].sort((a, b) => Number(b.isFocus) - Number(a.isFocus) || a.name.localeCompare(b.name, 'es')).map((r) => ({ value: r.code, label: r.name }));
      body = html`<div class="form-grid">
        ${panel.mode === 'create' ? input('key', t.spaces.fields.key, panel.values.key, { hint: t.spaces.keyHint }) : nothing}
        ${select('level', t.spaces.fields.level, v.level, LEVELS.map((l) => ({ value: l, label: t.levels[l] })))}
        ${select('regionCode', t.spaces.fields.regionCode, v.regionCode, regionOptions)}
        ${input('province', t.spaces.fields.province, v.province, { hint: t.spaces.provinceHint })}
        ${input('district', t.spaces.fields.district, v.district, { hint: t.spaces.districtHint })}
        ${input('locality', t.spaces.fields.locality, v.locality, { hint: t.spaces.localityHint })}
        ${input('name', t.spaces.fields.name, v.name, { hint: t.spaces.nameHint })}
        ${input('sourceText', t.spaces.fields.sourceText, v.sourceText, { required: true, multiline: true })}
        ${input('sourceKey', t.spaces.fields.sourceKey, v.sourceKey, { required: true, list: 'space-source-keys', hint: t.spaces.sourceKeyHint })}
        ${input('note', t.spaces.fields.note, v.note, { multiline: true, hint: t.spaces.noteHint })}
        <datalist id="space-source-keys">${sourceKeys.map((k) => html`<option value=${k}></option>`)}</datalist>
      </div>`;
    } else if (panel.mode === 'close') {
      body = html`<p>${t.spaces.closeIntro}</p>
        <div class="form-grid">
          ${input('closedOn', t.spaces.closedOn, panel.closedOn, { required: true, hint: t.common.isoDateHint })}
          ${input('reason', t.spaces.reason, panel.reason, { multiline: true })}
        </div>`;
    } else {
      body = html`<p>${t.spaces.reopenIntro(formatDate(panel.space.closedOn, this.ctx.lang), panel.space.closedReason ?? '—')}</p>`;
    }

    return html`<form method="dialog" class="panel-form" @submit=${(e: Event) => this.submit(e)} novalidate>
      <h2 id="panel-title">${title}</h2>
      ${body}
      ${conflict ? this.renderConflict(panel, conflict) : nothing}
      <div class="form-actions">
        <button type="submit" class="button button-primary" ?disabled=${saving || !!conflict}>
          ${saving ? t.common.saving : panel.mode === 'close' ? t.spaces.close : panel.mode === 'reopen' ? t.spaces.reopen : t.common.save}
        </button>
        <button type="button" class="button" @click=${() => this.closePanel()}>${t.common.cancel}</button>
        ${errors.form ? html`<p class="field-error" role="alert">${errors.form}</p>` : nothing}
      </div>
    </form>`;
  }

  private renderConflict(panel: Panel, theirs: Space): TemplateResult {
    const { t, lang } = this.ctx;
    let fields: Compared[];
    if (panel.mode === 'edit') {
      const mine = panel.values;
      const their = valuesOf(theirs);
      fields = FIELDS.map((f) => ({
        label: t.spaces.fields[f],
        mine: f === 'level' ? t.levels[mine.level as Level] ?? mine.level : mine[f],
        theirs: f === 'level' ? t.levels[their.level as Level] : their[f],
      }));
    } else if (panel.mode === 'close' || panel.mode === 'reopen') {
      const state = (s: { isOpen: boolean; closedOn: string | null; closedReason: string | null }) =>
        s.isOpen ? t.spaces.isOpen : `${t.spaces.isClosed} ${formatDate(s.closedOn, lang)}${s.closedReason ? ` (${s.closedReason})` : ''}`;
      const mine = panel.mode === 'close' ? { isOpen: false, closedOn: panel.closedOn, closedReason: panel.reason } : { isOpen: true, closedOn: null, closedReason: null };
      fields = [
        { label: t.spaces.state, mine: state(mine), theirs: state(theirs) },
        ...FIELDS.map((f) => ({ label: t.spaces.fields[f], mine: shown(valuesOf(panel.space)[f]), theirs: shown(valuesOf(theirs)[f]) })),
      ];
    } else return html``;
    return conflictPanel(t, {
                level: 3,
      id: 'space-conflict',
      theirVersion: theirs.version,
      busy: this.panelState.saving,
      fields,
      onKeepMine: () => this.keepMine(theirs),
      onTakeTheirs: () => this.takeTheirs(theirs),
    });
  }
}

customElements.define('vigia-console-spaces', SpacesScreen);
