import { LitElement, html, nothing, type CSSResultGroup, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { Source } from './api.js';
import { clientFor, type Call } from './client.js';
import { httpUrl, resolveEndpoint } from './config.js';
import { locale, type Locale } from './i18n.js';
import { base } from './styles.js';

type State<D> =
  | { readonly s: 'loading' }
  | { readonly s: 'error'; readonly msg: string; readonly retry: boolean }
  | { readonly s: 'missing'; readonly msg: string }
  | { readonly s: 'ready'; readonly d: D };

/**
 * What every Vigía widget shares: the `endpoint`, `lang` and `heading-level` attributes, the
 * request through the shared client, and the loading, error (with retry) and not-found states.
 * Subclasses say what to ask for and how to show it.
 */
export abstract class VigiaElement<D> extends LitElement {
  static override properties: PropertyDeclarations = {
    endpoint: {},
    // `lang` is a global attribute with its own native property: keep that one intact.
    locale: { attribute: 'lang' },
    headingLevel: { attribute: 'heading-level', type: Number },
    state: { state: true },
  };
  static override styles: CSSResultGroup = base;

  /** GraphQL endpoint URL; default: the script tag's `data-endpoint`, else `/graphql` on this page's origin. */
  declare endpoint: string | null;
  /** The `lang` attribute: `es` (default) or `en`. */
  declare locale: string | null;
  /** Level of the widget's heading, 2–6 (default 2), to fit the page's outline. */
  declare headingLevel: number | null;
  declare protected state: State<D>;
  private ticket = 0;

  constructor() {
    super();
    this.endpoint = null;
    this.locale = null;
    this.headingLevel = null;
    this.state = { s: 'loading' };
  }

  /** The operation to send (operations.ts) with its variables, or a message when the attributes make no sense. */
  protected abstract query(loc: Locale): Call | string;
  /** A reader's message when the answer holds nothing to show (e.g. an unknown region). */
  protected abstract missing(data: D, loc: Locale): string | null;
  protected abstract renderData(data: D, loc: Locale): TemplateResult;
  /** Placeholder shapes, close to the loaded layout so nothing jumps. */
  protected skeleton(): TemplateResult {
    return html`<span class="sk w6"></span><span class="sk big"></span><span class="sk"></span
      ><span class="sk"></span><span class="sk w8"></span>`;
  }

  protected override willUpdate(changed: PropertyValues): void {
    // Any attribute change (region, lang, endpoint…) means new data; state and heading do not.
    if (!this.hasUpdated || [...changed.keys()].some((k) => k !== 'state' && k !== 'headingLevel')) {
      void this.load(false);
    }
  }

  /** Fetches again, skipping the cache (what the retry button does). */
  reload(): Promise<void> {
    return this.load(true);
  }

  private async load(fresh: boolean): Promise<void> {
    const loc = locale(this.locale);
    const ticket = ++this.ticket;
    const endpoint = resolveEndpoint(this.endpoint);
    const query = this.query(loc);
    if (!endpoint || typeof query === 'string') {
      this.state = { s: 'error', msg: endpoint ? (query as string) : loc.m.badEndpoint, retry: false };
      return;
    }
    this.state = { s: 'loading' };
    try {
      const data = await clientFor(endpoint).request<D>(query.operation, query.variables, fresh);
      if (ticket !== this.ticket) return;
      const msg = this.missing(data, loc);
      this.state = msg ? { s: 'missing', msg } : { s: 'ready', d: data };
    } catch {
      if (ticket === this.ticket) this.state = { s: 'error', msg: loc.m.error, retry: true };
    }
  }

  protected override render(): TemplateResult {
    const loc = locale(this.locale);
    const st = this.state;
    return html`<article part="card" lang=${loc.lang} aria-busy=${st.s === 'loading'}>
      ${st.s === 'loading'
        ? html`<p class="vh" role="status">${loc.m.loading}</p>
            <div part="skeleton" aria-hidden="true">${this.skeleton()}</div>`
        : st.s === 'error'
          ? html`<div part="error" role="alert">
              <p>${st.msg}</p>
              ${st.retry
                ? html`<button part="retry" type="button" @click=${() => this.reload()}>${loc.m.retry}</button>`
                : nothing}
            </div>`
          : st.s === 'missing'
            ? html`<p part="empty" role="status">${st.msg}</p>`
            : this.renderData(st.d, loc)}
    </article>`;
  }

  /** The widget's heading at the configured level (h2 by default). */
  protected heading(content: unknown, sub = false): TemplateResult {
    const level = Math.min(6, Math.max(2, Math.round(this.headingLevel || 2)) + (sub ? 1 : 0));
    const part = sub ? 'subtitle' : 'title';
    const cls = sub ? 'sub' : '';
    switch (level) {
      case 2:
        return html`<h2 part=${part} class=${cls}>${content}</h2>`;
      case 3:
        return html`<h3 part=${part} class=${cls}>${content}</h3>`;
      case 4:
        return html`<h4 part=${part} class=${cls}>${content}</h4>`;
      case 5:
        return html`<h5 part=${part} class=${cls}>${content}</h5>`;
      default:
        return html`<h6 part=${part} class=${cls}>${content}</h6>`;
    }
  }

  /** A safe link to an API-given URL, resolved against the endpoint (relative URLs then work cross-origin). */
  protected url(value: string | null | undefined): string | null {
    return httpUrl(value, resolveEndpoint(this.endpoint) ?? document.baseURI);
  }

  /** "Source: publisher, title, date, slide n: section." with a link to the CSV of the figures. */
  protected source(
    loc: Locale,
    src: Source | null | undefined,
    csv?: { url: string; title: string } | null,
  ): TemplateResult | typeof nothing {
    if (!src && !csv) return nothing;
    const link = this.url(src?.url);
    const csvUrl = this.url(csv?.url);
    return html`<p class="src" part="source">
      ${src
        ? html`${loc.m.source}: ${src.publisher},
            ${link ? html`<a part="link" href=${link}>${src.title}</a>` : html`<cite>${src.title}</cite>`},
            ${loc.date(src.publishedOn)}${src.slide != null ? `, ${loc.m.slide(loc.num(src.slide))}` : ''}:
            ${src.section}${src.citedWork ? ` (${loc.m.cites(src.citedWork)})` : ''}.`
        : nothing}
      ${csvUrl
        ? html`<a part="link csv" href=${csvUrl}>${loc.m.csv}<span class="vh">: ${csv!.title}</span></a>`
        : nothing}
    </p>`;
  }

  /** One source line per distinct source (many figures often share one slide). */
  protected sources(loc: Locale, list: (Source | null | undefined)[]): unknown[] {
    const seen = new Map<string, Source>();
    for (const s of list) if (s) seen.set(`${s.title}\n${s.section}\n${s.slide}`, s);
    return [...seen.values()].map((s) => this.source(loc, s));
  }
}

/** Registers an element once, so the bundle and the ES modules can share a page. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
