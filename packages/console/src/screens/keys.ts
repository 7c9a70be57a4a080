/**
 * Keys (admins): create a key for a person and a role — the key is shown once, with a copy
 * button, and never again; list the keys (never their secrets); revoke one (it stops at once).
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, type Role } from '../api.js';
import { formatTime } from '../format.js';
import { Screen } from '../screen.js';
import { apiMessage, failure, focusSoon, loading, problemText, textField, type Loadable, type Message } from '../ui.js';

interface Key {
  keyId: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
  revokedAt: string | null;
}

const KEY = `keyId name role active createdAt revokedAt`;
const LIST = `query ConsoleKeys { apiKeys { ${KEY} } }`;
const CREATE = `mutation ConsoleCreateKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { ${KEY} } } }`;
const REVOKE = `mutation ConsoleRevokeKey($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { ${KEY} } } }`;
const ROLES: Role[] = ['VIEWER', 'EDITOR', 'ADMIN'];

export class KeysScreen extends Screen {
  static override properties = {
    ...Screen.properties,
    state: { state: true },
    name: { state: true },
    role: { state: true },
    errors: { state: true },
    saving: { state: true },
    created: { state: true },
    copied: { state: true },
    confirming: { state: true },
    showRevoked: { state: true },
  };
  declare state: Loadable<Key[]>;
  declare name: string;
  declare role: Role;
  declare errors: Record<string, Message>;
  declare saving: boolean;
  /** The key just created: shown once, gone when the steward leaves or creates another. */
  declare created: { key: string; apiKey: Key } | null;
  declare copied: 'yes' | 'no' | null;
  declare confirming: string | null;
  declare showRevoked: boolean;

  constructor() {
    super();
    this.state = { s: 'loading' };
    this.name = '';
    this.role = 'EDITOR';
    this.errors = {};
    this.saving = false;
    this.created = null;
    this.copied = null;
    this.confirming = null;
    this.showRevoked = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ctx') && changed.get('ctx')?.api !== this.ctx.api) void this.load();
  }

  private async load(): Promise<void> {
    if (this.state.s !== 'ready') this.state = { s: 'loading' };
    try {
      const data = await this.ctx.api.request<{ apiKeys: Key[] }>(LIST);
      this.state = { s: 'ready', data: data.apiKeys };
    } catch (error) {
      this.state = { s: 'error', error };
    }
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { api, t } = this.ctx;
    if (!this.name.trim()) {
      this.errors = { name: t.keys.needsName };
      focusSoon(this, '#key-name');
      return;
    }
    this.saving = true;
    this.errors = {};
    this.created = null;
    this.copied = null;
    try {
      const data = await api.request<{ createApiKey: { key: string; apiKey: Key } }>(CREATE, { input: { name: this.name.trim(), role: this.role } });
      this.created = data.createApiKey;
      this.name = '';
      this.ctx.announce(t.keys.createdFor(data.createApiKey.apiKey.name));
      focusSoon(this, '#created-key-title');
      await this.load();
    } catch (error) {
      const field = error instanceof ApiError ? error.field : undefined;
      this.errors = field === 'name' || field === 'role' ? { [field]: apiMessage(error as ApiError) } : { form: problemText(t, error) };
    } finally {
      this.saving = false;
    }
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.created!.key);
      this.copied = 'yes';
    } catch {
      // No clipboard (a page served over plain http): the key is selected for Ctrl+C instead.
      const field = this.querySelector<HTMLInputElement>('#created-key');
      field?.focus();
      field?.select();
      this.copied = 'no';
    }
  }

  private async revoke(key: Key): Promise<void> {
    const { api, t } = this.ctx;
    try {
      await api.request(REVOKE, { input: { id: key.keyId } });
      this.confirming = null;
      this.ctx.announce(t.keys.revokedKey(key.name));
      await this.load();
      focusSoon(this, '#keys-caption');
    } catch (error) {
      this.confirming = null;
      this.errors = { list: problemText(t, error) };
    }
  }

  protected override render(): TemplateResult {
    const { t } = this.ctx;
    return html`<h1 tabindex="-1">${t.nav.keys}</h1>
      <p class="lead">${t.keys.intro}</p>
      ${this.renderCreate()} ${this.created ? this.renderCreated(this.created) : nothing}
      ${this.state.s === 'loading' ? loading(t) : this.state.s === 'error' ? failure(t, this.state.error, () => this.load()) : this.renderList(this.state.data)}`;
  }

  private renderCreate(): TemplateResult {
    const { t } = this.ctx;
    return html`<section class="card" aria-labelledby="new-key-title">
      <h2 id="new-key-title">${t.keys.create}</h2>
      <form class="form-grid" @submit=${this.create} novalidate>
        ${textField(t, { id: 'key-name', label: t.keys.name, value: this.name, error: this.errors.name, required: true, hint: t.keys.nameHint, onInput: (v) => (this.name = v) })}
        <fieldset class="field">
          <legend>${t.keys.role}</legend>
          ${ROLES.map(
            (r) => html`<label class="choice">
              <input type="radio" name="key-role" value=${r} .checked=${this.role === r} @change=${() => (this.role = r)} />
              <span><strong>${t.roles[r]}</strong> — ${t.keys.roleHelp[r]}</span>
            </label>`,
          )}
          ${this.errors.role ? html`<p class="field-error">${this.errors.role}</p>` : nothing}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button button-primary" ?disabled=${this.saving}>${this.saving ? t.common.saving : t.keys.createSubmit}</button>
          ${this.errors.form ? html`<p class="field-error" role="alert">${this.errors.form}</p>` : nothing}
        </div>
      </form>
    </section>`;
  }

  private renderCreated(created: { key: string; apiKey: Key }): TemplateResult {
    const { t } = this.ctx;
    return html`<section class="card created-key" aria-labelledby="created-key-title">
      <h2 id="created-key-title" tabindex="-1">${t.keys.createdTitle(created.apiKey.name, t.roles[created.apiKey.role])}</h2>
      <p class="notice notice-warn">${t.keys.shownOnce}</p>
      <div class="field">
        <label for="created-key">${t.keys.theKey}</label>
        <div class="copy-row">
          <input id="created-key" class="mono" type="text" readonly .value=${created.key} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
          <button type="button" class="button button-primary" @click=${() => this.copy()}>${t.keys.copy}</button>
        </div>
        <p class="hint" role="status">${this.copied === 'yes' ? t.keys.copied : this.copied === 'no' ? t.keys.copyByHand : ''}</p>
      </div>
      <button type="button" class="button" @click=${() => ((this.created = null), focusSoon(this, '#key-name'))}>${t.keys.done}</button>
    </section>`;
  }

  private renderList(keys: Key[]): TemplateResult {
    const { t, lang, me } = this.ctx;
    const revoked = keys.filter((k) => !k.active).length;
    const list = this.showRevoked ? keys : keys.filter((k) => k.active);
    return html`<div class="keys-list">
      <div class="toolbar">
        <label class="choice"><input type="checkbox" .checked=${this.showRevoked} @change=${(e: Event) => (this.showRevoked = (e.target as HTMLInputElement).checked)} /> ${t.keys.showRevoked(revoked)}</label>
      </div>
      ${this.errors.list ? html`<p class="notice notice-error" role="alert">${this.errors.list}</p>` : nothing}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="keys-caption">
        <table class="data">
          <caption id="keys-caption" tabindex="-1">${t.keys.caption(list.length)}</caption>
          <thead>
            <tr>
              <th scope="col">${t.keys.name}</th>
              <th scope="col">${t.keys.role}</th>
              <th scope="col">${t.keys.createdAt}</th>
              <th scope="col">${t.keys.status}</th>
              <th scope="col">${t.dataset.columns.action}</th>
            </tr>
          </thead>
          <tbody>
            ${list.map(
              (k) => html`<tr data-key-id=${k.keyId}>
                <th scope="row">
                  ${k.name}${k.keyId === me.keyId ? html` <span class="tag">${t.keys.yours}</span>` : nothing}
                  <span class="key">${t.keys.idLine(k.keyId)}</span>
                </th>
                <td><span class="role role-${k.role.toLowerCase()}">${t.roles[k.role]}</span></td>
                <td class="nowrap">${formatTime(k.createdAt, lang)}</td>
                <td>${k.active ? t.keys.active : t.keys.revokedOn(formatTime(k.revokedAt, lang))}</td>
                <td>
<div class="row-actions">
                  ${!k.active || k.keyId === me.keyId
                    ? nothing
                    : this.confirming === k.keyId
                      ? html`<span class="confirm">
                          ${t.keys.revokeConfirm}
                          <button type="button" class="button button-small button-danger" @click=${() => this.revoke(k)}>${t.keys.revokeYes}<span class="visually-hidden">: ${k.name}</span></button>
                          <button type="button" class="button button-small" @click=${() => (this.confirming = null)}>${t.common.cancel}</button>
                        </span>`
                      : html`<button type="button" class="button button-small" @click=${() => ((this.confirming = k.keyId), focusSoon(this, `[data-key-id="${k.keyId}"] .button-danger`))}>
                          ${t.keys.revoke}<span class="visually-hidden">: ${k.name}</span>
                        </button>`}
                </div>
</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </div>`;
  }
}

customElements.define('vigia-console-keys', KeysScreen);
