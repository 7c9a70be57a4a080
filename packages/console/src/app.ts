/**
 * <vigia-console>: the shell. Signs in with an API key (checked with `me`, kept for this tab's
 * session only), shows who it belongs to and its role, offers the screens the role may use, routes
 * by the URL's hash (no key ever goes in it), switches language, and signs out — on request, after
 * a period without activity, or when the server stops accepting the key.
 */
import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { Api, ApiError, defaultEndpoint, whoIs, type Me, type Permission } from './api.js';
import { initialLang, messages, rememberLang, type Lang } from './i18n.js';
import type { Ctx } from './screen.js';
import { IDLE_MINUTES, forgetKey, keepKey, storedKey, watchIdle } from './session.js';
import { problemText, type Message } from './ui.js';
import './screens/datasets.js';
import './screens/dataset.js';
import './screens/services.js';
import './screens/spaces.js';
import './screens/sources.js';
import './screens/import.js';
import './screens/history.js';
import './screens/keys.js';

type ScreenName = 'datasets' | 'services' | 'spaces' | 'sources' | 'import' | 'history' | 'keys';

interface Route {
  screen: ScreenName;
  /** For datasets: the open dataset's key. */
  arg?: string;
}

/** The screens, and the permission each needs beyond reading (the API refuses the rest anyway). */
const SCREENS: { name: ScreenName; needs: Permission | null }[] = [
  { name: 'datasets', needs: null },
  { name: 'services', needs: null },
  { name: 'spaces', needs: null },
  { name: 'sources', needs: null },
  { name: 'import', needs: 'IMPORT_DATA' },
  { name: 'history', needs: 'READ_AUDIT_LOG' },
  { name: 'keys', needs: 'MANAGE_API_KEYS' },
];

function parseHash(hash: string): Route {
  const [name, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const screen = SCREENS.find((s) => s.name === name)?.name ?? 'datasets';
  const arg = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
  return arg ? { screen, arg } : { screen };
}

type SignedOutWhy = 'asked' | 'idle' | 'refused';

export class VigiaConsole extends LitElement {
  static override properties: PropertyDeclarations = {
    lang: { state: true },
    me: { state: true },
    route: { state: true },
    checking: { state: true },
    signInError: { state: true },
    signedOut: { state: true },
    idleWarning: { state: true },
    announcement: { state: true },
  };
  declare lang: Lang;
  declare me: Me | null;
  declare route: Route;
  declare checking: boolean;
  declare signInError: Message | null;
  declare signedOut: SignedOutWhy | null;
  declare idleWarning: number | null;
  declare announcement: Message;

  private api: Api | null = null;
  private ctx: Ctx | null = null;
  private idle: { stop(): void; touch(): void } | null = null;
  private readonly endpoint = defaultEndpoint();
  private readonly onHash = () => this.navigate(parseHash(location.hash));

  constructor() {
    super();
    this.lang = initialLang();
    this.me = null;
    this.route = parseHash(location.hash);
    this.checking = false;
    this.signInError = null;
    this.signedOut = null;
    this.idleWarning = null;
    this.announcement = '';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    document.documentElement.lang = this.lang;
    const key = storedKey();
    if (key) void this.signIn(key, { restoring: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    this.idle?.stop();
  }

  private get t() {
    return messages(this.lang);
  }

  private allowed(needs: Permission | null): boolean {
    return !!this.me && (needs === null || this.me.permissions.includes(needs));
  }

  private navigate(route: Route): void {
    // A screen the key may not use (a link from someone else) is not offered: the datasets are.
    const needs = SCREENS.find((s) => s.name === route.screen)!.needs;
    this.route = this.me && !this.allowed(needs) ? { screen: 'datasets' } : route;
    // The new screen's heading takes the focus, so keyboard and screen-reader users start there.
    void this.updateComplete.then(() => requestAnimationFrame(() => this.querySelector<HTMLElement>('main h1')?.focus()));
  }

  private async signIn(key: string, { restoring = false } = {}): Promise<void> {
    this.checking = true;
    this.signInError = null;
    try {
      const me = await whoIs(this.endpoint, key);
      keepKey(key);
      this.api = new Api(this.endpoint, key, () => this.signOut('refused'));
      this.me = me;
      this.signedOut = null;
      this.idle?.stop();
      this.idle = watchIdle({
        onWarn: (seconds) => (this.idleWarning = seconds),
        onActive: () => (this.idleWarning = null),
        onIdle: () => this.signOut('idle'),
      });
      this.navigate(parseHash(location.hash));
    } catch (error) {
      forgetKey();
      if (!restoring) {
        this.signInError =
          error instanceof ApiError && error.code === 'UNAUTHENTICATED' ? this.t.signIn.refused : problemText(this.t, error);
        void this.updateComplete.then(() => this.querySelector<HTMLInputElement>('#key')?.focus());
      }
    } finally {
      this.checking = false;
    }
  }

  private signOut(why: SignedOutWhy): void {
    if (!this.me) return;
    forgetKey();
    this.idle?.stop();
    this.idle = null;
    this.api = null;
    this.me = null;
    this.idleWarning = null;
    this.signedOut = why;
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('#sign-in-title')?.focus());
  }

  private setLang(lang: Lang): void {
    this.lang = lang;
    rememberLang(lang);
    document.documentElement.lang = lang;
  }

  private announce = (message: Message) => {
    // Cleared first so the same words twice are read twice.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = message));
  };

  protected override updated(): void {
    const t = this.t;
    const screen = this.me ? t.nav[this.route.screen] : t.signIn.title;
    document.title = `${screen} · ${t.common.product}`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`
      <a class="skip" href="#main" @click=${this.skip}>${t.common.skip}</a>
      <header class="masthead">
        <div class="brand"><span class="brand-name">Vigía</span> <span class="brand-sub">${t.common.console}</span></div>
        ${this.me ? this.renderWho(this.me) : nothing}
        <div class="lang" role="group" aria-label=${t.common.language}>
          ${(['es', 'en'] as const).map(
            (l) => html`<button type="button" class="lang-option" lang=${l} aria-pressed=${String(this.lang === l)} @click=${() => this.setLang(l)}>
              ${l === 'es' ? 'Español' : 'English'}
            </button>`,
          )}
        </div>
        ${this.me ? html`<button type="button" class="button sign-out" @click=${() => this.signOut('asked')}>${t.common.signOut}</button>` : nothing}
      </header>
      ${this.idleWarning !== null
        ? html`<div class="idle-warning" role="alert">
            <p>${t.session.idleWarning(this.idleWarning)}</p>
            <button type="button" class="button button-primary" @click=${() => this.idle?.touch()}>${t.session.stay}</button>
          </div>`
        : nothing}
      ${this.me && this.api ? this.renderSignedIn(this.me, this.api) : this.renderSignIn()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  private skip(event: Event): void {
    event.preventDefault();
    this.querySelector<HTMLElement>('main h1, main')?.focus();
  }

  private renderWho(me: Me): TemplateResult {
    const t = this.t;
    return html`<p class="who">
      <span class="who-label">${t.session.signedInAs}</span>
      <strong class="who-name">${me.name}</strong>
      <span class="role role-${me.role.toLowerCase()}">${t.roles[me.role]}</span>
      <span class="who-key">${t.session.keyId(me.keyId)}</span>
    </p>`;
  }

  private renderSignIn(): TemplateResult {
    const t = this.t;
    const why = this.signedOut;
    return html`<main id="main" class="sign-in" tabindex="-1">
      <section class="card sign-in-card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" tabindex="-1">${t.signIn.title}</h1>
        ${why
          ? html`<p class="notice ${why === 'asked' ? 'notice-info' : 'notice-warn'}" role="status">
              ${why === 'idle' ? t.session.signedOutIdle(IDLE_MINUTES) : why === 'refused' ? t.session.signedOutRefused : t.session.signedOut}
            </p>`
          : nothing}
        <p>${t.signIn.intro}</p>
        <!-- method=post: if this form were ever submitted without the script, the key would not land in a URL. -->
        <form method="post" action="#" @submit=${this.submitKey} novalidate>
          <label for="key">${t.signIn.keyLabel}</label>
          <input
            id="key"
            name="key"
            type="password"
            autocomplete="off"
            spellcheck="false"
            autocapitalize="off"
            aria-describedby="key-hint${this.signInError ? ' key-error' : ''}"
            aria-invalid=${this.signInError ? 'true' : 'false'}
            required
          />
          <p id="key-hint" class="hint">${t.signIn.keyHint(IDLE_MINUTES)}</p>
          ${this.signInError ? html`<p id="key-error" class="field-error">${this.signInError}</p>` : nothing}
          <button type="submit" class="button button-primary" ?disabled=${this.checking}>${this.checking ? t.signIn.checking : t.signIn.submit}</button>
        </form>
      </section>
    </main>`;
  }

  private submitKey(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.querySelector<HTMLInputElement>('#key')!;
    const key = input.value.trim();
    if (!key) {
      this.signInError = this.t.signIn.empty;
      input.focus();
      return;
    }
    input.value = '';
    void this.signIn(key);
  }

  private renderSignedIn(me: Me, api: Api): TemplateResult {
    const t = this.t;
    // One context per key and language: screens reload their data when it changes, not on every render.
    if (this.ctx?.api !== api || this.ctx.lang !== this.lang) {
      const can = (p: Permission) => me.permissions.includes(p);
      this.ctx = { api, me, lang: this.lang, t, can, canWrite: can('EDIT_DATA'), isAdmin: can('REOPEN_AND_DELETE'), announce: this.announce };
    }
    const ctx = this.ctx;
    const { screen, arg } = this.route;
    return html`<div class="layout">
      <nav class="nav" aria-label=${t.nav.label}>
        <ul>
          ${SCREENS.filter((s) => this.allowed(s.needs)).map(
            (s) => html`<li><a href="#${s.name}" aria-current=${screen === s.name ? 'page' : 'false'}>${t.nav[s.name]}</a></li>`,
          )}
        </ul>
        ${me.permissions.includes('EDIT_DATA') ? nothing : html`<p class="nav-note">${t.session.viewerNote}</p>`}
      </nav>
      <main id="main" tabindex="-1">${this.renderScreen(screen, arg, ctx)}</main>
    </div>`;
  }

  private renderScreen(screen: ScreenName, arg: string | undefined, ctx: Ctx): TemplateResult {
    switch (screen) {
      case 'datasets':
        return arg
          ? html`<vigia-console-dataset .ctx=${ctx} .datasetKey=${arg}></vigia-console-dataset>`
          : html`<vigia-console-datasets .ctx=${ctx}></vigia-console-datasets>`;
      case 'services':
        return html`<vigia-console-services .ctx=${ctx}></vigia-console-services>`;
      case 'spaces':
        return html`<vigia-console-spaces .ctx=${ctx}></vigia-console-spaces>`;
      case 'sources':
        return html`<vigia-console-sources .ctx=${ctx}></vigia-console-sources>`;
      case 'import':
        return html`<vigia-console-import .ctx=${ctx}></vigia-console-import>`;
      case 'history':
        return html`<vigia-console-history .ctx=${ctx}></vigia-console-history>`;
      case 'keys':
        return html`<vigia-console-keys .ctx=${ctx}></vigia-console-keys>`;
    }
  }
}

customElements.define('vigia-console', VigiaConsole);
