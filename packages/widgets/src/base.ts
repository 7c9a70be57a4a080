import { LitElement, html, nothing, type CSSResultGroup, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { Source } from './api.js';
import { RequestError, clientFor, type Call } from './client.js';
import { httpUrl, resolveEndpoint } from './config.js';
import { locale, type Locale } from './i18n.js';
import { follow } from './live.js';
import { base } from './styles.js';
import { schemeOf, watchPage } from './theme.js';

type State<D> =
  | { readonly s: 'loading' }
  | { readonly s: 'error'; readonly msg: string; readonly why?: string; readonly retry: boolean }
  | { readonly s: 'missing'; readonly msg: string }
  | { readonly s: 'ready'; readonly d: D };

/** What a widget shows, in the frame every widget shares (title, subtitle, graphic, footer). */
export interface View {
  /** Says what the graphic shows. */
  title: unknown;
  /** One line: where, when. */
  subtitle?: unknown;
  graphic: unknown;
  /** Details behind a disclosure under the graphic (open with `detail`). */
  more?: { label: string; body: unknown } | null;
  /** Every source of a figure shown: one short line in the footer, the full citations behind "more". */
  sources: (Source | null | undefined)[];
  /** Notes from the source and for readers, behind the footer's disclosure. */
  notes?: (string | null | undefined)[];
  csv?: { url: string; title: string } | null;
}

/**
 * What every Vigía widget shares: the `endpoint`, `lang`, `heading-level`, `theme` and `detail`
 * attributes, the request through the shared client, the loading (a skeleton the size of the
 * graphic), error (what failed, with retry) and not-found states, and the newsroom frame: a title,
 * a one-line subtitle, the graphic, one footer line with the source, the full citations and notes
 * behind a disclosure. Subclasses say what to ask for and how to show it.
 *
 * Every element inherits the attributes, parts and custom properties below (the build copies
 * them into each element of custom-elements.json).
 *
 * @attr {string} endpoint - GraphQL endpoint URL (default: the script tag's data-endpoint, else /graphql on the page's origin).
 * @attr {"es"|"en"} lang - Language (default `es`).
 * @attr {number} heading-level - Heading level of the title, 2–6 (default 2).
 * @attr {"page"|"light"|"dark"|"auto"} theme - Colour scheme: follow the page (default), force light or dark, or `auto` for the reader's system setting.
 * @attr {boolean} detail - Open every disclosure (lists, full sources, notes) by default.
 * @attr {boolean} live - Follow the data: when it changes on the server, show the new figures in place, without a reload.
 * @csspart card - The widget's frame.
 * @csspart title - The title.
 * @csspart subtitle - The one line under the title (where, when).
 * @csspart graphic - The graphic.
 * @csspart more - The disclosure under the graphic (lists, tables).
 * @csspart footer - The footer.
 * @csspart source - The footer's source line.
 * @csspart notes - The disclosure with the full citations and notes.
 * @csspart link - Every link (source, CSV, Vigía).
 * @csspart csv - The CSV link.
 * @csspart cite - The "Cite this data" line (APA, BibTeX, CSL-JSON), inside the notes disclosure.
 * @csspart credit - The Vigía link.
 * @csspart skeleton - Loading placeholder, shaped like the graphic.
 * @csspart error - The failure message.
 * @csspart retry - The retry button.
 * @csspart empty - The not-found message.
 * @cssprop --vigia-font - Font of the title and subtitle (default: the page's).
 * @cssprop --vigia-font-label - Sans-serif font of figures, labels, the footer (default: system-ui, sans-serif).
 * @cssprop --vigia-color-text - Text colour (default: the page's; with a theme, #1c2024 / #e9ebee).
 * @cssprop --vigia-color-background - Background (default: none, the page's shows; with a theme, #fff / #17191d).
 * @cssprop --vigia-color-muted - Secondary text: subtitle, labels, footer (default: the text colour at 72 %).
 * @cssprop --vigia-color-border - Rules and table lines (default: the text colour at 28 %).
 * @cssprop --vigia-color-accent - Links (default: the page's link colour), buttons, focus ring (#0a5bab / #8cc2ff).
 * @cssprop --vigia-color-bar - Bars and map fills; classes and levels are shades of it (default: #0a5bab / #8cc2ff).
 * @cssprop --vigia-color-error - Failure message and the high-incidence tag (#a3161a / #ff9b96).
 * @cssprop --vigia-color-skeleton - Loading placeholders (default: the text colour at 11 %).
 * @cssprop --vigia-radius - Corner radius of a themed card (default 0.5rem).
 * @cssprop --vigia-space - Padding and gaps (default 1rem).
 * @cssprop --vigia-figure-size - Size of headline numbers (default 2em).
 * @cssprop --vigia-min-height - Minimum height (default none: the skeleton has the loaded size).
 */
export abstract class VigiaElement<D> extends LitElement {
  static override properties: PropertyDeclarations = {
    endpoint: {},
    // `lang` is a global attribute with its own native property: keep that one intact.
    locale: { attribute: 'lang' },
    headingLevel: { attribute: 'heading-level', type: Number },
    theme: {},
    detail: { type: Boolean },
    live: { type: Boolean },
    state: { state: true },
  };
  static override styles: CSSResultGroup = base;
  /** Properties that change how the data looks, not which data: no new request. */
  protected static viewOnly = ['state', 'headingLevel', 'theme', 'detail', 'live'];

  /** GraphQL endpoint URL; default: the script tag's `data-endpoint`, else `/graphql` on this page's origin. */
  declare endpoint: string | null;
  /** The `lang` attribute: `es` (default) or `en`. */
  declare locale: string | null;
  /** Level of the widget's heading, 2–6 (default 2), to fit the page's outline. */
  declare headingLevel: number | null;
  /** `light`, `dark`, `auto` (the reader's system setting); default: follow the page. */
  declare theme: string | null;
  /** Open every disclosure (lists, full sources, notes) by default. */
  declare detail: boolean;
  /** Follow the data: re-fetch and show new figures in place when the server's data changes. */
  declare live: boolean;
  declare protected state: State<D>;
  private ticket = 0;
  private unwatch?: () => void;
  /** The endpoint followed live, and how to stop. */
  private followed?: [string, () => void];

  constructor() {
    super();
    this.endpoint = null;
    this.locale = null;
    this.headingLevel = null;
    this.theme = null;
    this.detail = false;
    this.live = false;
    this.state = { s: 'loading' };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The page may switch its own theme (a class on <html>, its color-scheme, the reader's setting).
    this.unwatch = watchPage(() => this.requestUpdate());
    this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatch?.();
    this.follow();
  }

  /** Follows the endpoint's changes while live and on the page (one shared stream per endpoint, live.ts). */
  private follow(): void {
    const endpoint = this.live && this.isConnected ? resolveEndpoint(this.endpoint) : null;
    if (endpoint === (this.followed?.[0] ?? null)) return;
    this.followed?.[1]();
    this.followed = endpoint
      ? [endpoint, follow(endpoint, (keys) => (!keys || this.reads().some((k) => keys.includes(k))) && void this.load(false, true))]
      : undefined;
  }

  /** The keys of what this widget shows: its operation's, and every `dataset { key }` of its answer. */
  private reads(): string[] {
    const query = this.query(locale(this.locale));
    const keys = typeof query === 'string' ? [] : [...(query.operation.reads ?? [])];
    const walk = (value: unknown): void => {
      if (!value || typeof value !== 'object') return;
      for (const [name, inner] of Object.entries(value)) {
        if (name === 'dataset' && typeof (inner as { key?: unknown } | null)?.key === 'string') keys.push((inner as { key: string }).key);
        walk(inner);
      }
    };
    if (this.state.s === 'ready') walk(this.state.d);
    return keys;
  }

  /** The operation to send (operations.ts) with its variables, or a message when the attributes make no sense. */
  protected abstract query(loc: Locale): Call | string;
  /** A reader's message when the answer holds nothing to show (e.g. an unknown region). */
  protected abstract missing(data: D, loc: Locale): string | null;
  /** What this widget shows about, for the failure message ("Puno", "the policy's services"). */
  protected abstract subject(loc: Locale): string;
  protected abstract renderData(data: D, loc: Locale): View;
  /** Placeholder shapes of the graphic, the size of the loaded one so nothing jumps. */
  protected abstract skeleton(loc: Locale): TemplateResult;

  protected override willUpdate(changed: PropertyValues): void {
    // Attributes that change the data (region, lang, endpoint…) mean a new request.
    const view = (this.constructor as typeof VigiaElement).viewOnly;
    if (!this.hasUpdated || [...changed.keys()].some((k) => !view.includes(k as string))) {
      void this.load(false);
    }
  }

  /** Fetches again, skipping the cache (what the retry button does). */
  reload(): Promise<void> {
    return this.load(true);
  }

  /** `quiet` (a live update): the figures shown stay until the new ones are in, so nothing jumps; a failure keeps them. */
  private async load(fresh: boolean, quiet = false): Promise<void> {
    const loc = locale(this.locale);
    const ticket = ++this.ticket;
    const endpoint = resolveEndpoint(this.endpoint);
    const query = this.query(loc);
    if (!endpoint || typeof query === 'string') {
      this.state = { s: 'error', msg: endpoint ? (query as string) : loc.m.badEndpoint, retry: false };
      return;
    }
    quiet &&= this.state.s === 'ready';
    if (!quiet) this.state = { s: 'loading' };
    try {
      const data = await clientFor(endpoint).request<D>(query.operation, query.variables, fresh);
      if (ticket !== this.ticket) return;
      const msg = this.missing(data, loc);
      this.state = msg ? { s: 'missing', msg } : { s: 'ready', d: data };
    } catch (error) {
      if (ticket !== this.ticket || quiet) return;
      const status = error instanceof RequestError ? error.status : 0;
      this.state = { s: 'error', msg: loc.m.error(this.subject(loc)), why: loc.m.why(status), retry: true };
    }
  }

  protected override render(): TemplateResult {
    const loc = locale(this.locale);
    const st = this.state;
    const scheme = schemeOf(this, this.theme);
    return html`<article part="card" class="card ${scheme.scheme} ${scheme.painted ? 'painted' : 'page'}" lang=${loc.lang} aria-busy=${st.s === 'loading'}>
      ${st.s === 'loading'
        ? html`<p class="vh" role="status">${loc.m.loading}</p>
            <div part="skeleton" class="skeleton" aria-hidden="true">${this.skeleton(loc)}</div>`
        : st.s === 'error'
          ? html`<div part="error" class="error" role="alert">
              <p class="err">${st.msg}</p>
              ${st.why ? html`<p class="muted">${st.why}</p>` : nothing}
              ${st.retry
                ? html`<button part="retry" type="button" @click=${() => this.reload()}>${loc.m.retry}</button>`
                : nothing}
            </div>`
          : st.s === 'missing'
            ? html`<p part="empty" role="status">${st.msg}</p>`
            : this.frame(this.renderData(st.d, loc), loc)}
    </article>`;
  }

  protected override updated(): void {
    this.follow();
    // The page's background and link colour, for a widget that follows the page (CSSOM, not
    // a style attribute, so a strict Content-Security-Policy does not get in the way).
    const card = this.renderRoot.querySelector<HTMLElement>('article');
    const scheme = schemeOf(this, this.theme);
    if (card && scheme.background) card.style.setProperty('--_pbg', scheme.background);
    if (card && scheme.link) card.style.setProperty('--_plink', scheme.link);
  }

  /** The newsroom frame around a view. */
  private frame(v: View, loc: Locale): TemplateResult {
    const { m } = loc;
    const csv = this.url(v.csv?.url);
    const notes = v.notes?.filter((n): n is string => !!n) ?? [];
    const short = shortSource(v.sources, loc);
    const home = this.url('/widgets/');
    return html`<header>
        ${this.heading(v.title)}
        ${v.subtitle ? html`<p class="subtitle" part="subtitle">${v.subtitle}</p>` : nothing}
      </header>
      <div class="graphic" part="graphic">${v.graphic}</div>
      ${v.more
        ? html`<details part="more" class="more" ?open=${this.detail}>
            <summary>${v.more.label}</summary>
            <div class="body">${v.more.body}</div>
          </details>`
        : nothing}
      <footer part="footer">
        <p class="foot" part="source">
          ${short ? html`${m.source}: ${short}` : nothing}${csv
            ? html`${short ? ' · ' : ''}<a part="link csv" href=${csv}>${m.csv}<span class="vh">: ${v.csv!.title}</span></a>`
            : nothing}${short || csv ? ' · ' : ''}${home ? html`<a part="link credit" href=${home}>Vigía</a>` : 'Vigía'}
        </p>
        ${short || notes.length
          ? html`<details part="notes" class="notes" ?open=${this.detail}>
              <summary>${notes.length ? m.sourceAndNotes : m.fullSource}</summary>
              <div class="body">
                ${this.sources(loc, v.sources)}
                ${notes.map((n) => html`<p class="note">${n}</p>`)}
                ${csv ? this.cite(loc, csv) : nothing}
              </div>
            </details>`
          : nothing}
      </footer>`;
  }

  /** The widget's heading at the configured level (h2 by default). */
  protected heading(content: unknown): TemplateResult {
    const level = Math.min(6, Math.max(2, Math.round(this.headingLevel || 2)));
    switch (level) {
      case 2:
        return html`<h2 part="title">${content}</h2>`;
      case 3:
        return html`<h3 part="title">${content}</h3>`;
      case 4:
        return html`<h4 part="title">${content}</h4>`;
      case 5:
        return html`<h5 part="title">${content}</h5>`;
      default:
        return html`<h6 part="title">${content}</h6>`;
    }
  }

  /** A safe link to an API-given URL, resolved against the endpoint (relative URLs then work cross-origin). */
  protected url(value: string | null | undefined): string | null {
    return httpUrl(value, resolveEndpoint(this.endpoint) ?? document.baseURI);
  }

  /** The full citation: "Source: publisher, title, date, slide n: section." */
  protected source(loc: Locale, src: Source): TemplateResult {
    const link = this.url(src.url);
    return html`<p class="cite">
      ${loc.m.source}: ${src.publisher},
      ${link ? html`<a part="link" href=${link}>${src.title}</a>` : html`<cite>${src.title}</cite>`},
      ${loc.date(src.publishedOn)}${src.slide != null ? `, ${loc.m.slide(loc.num(src.slide))}` : ''}:
      ${src.section}${src.citedWork ? ` (${loc.m.cites(src.citedWork)})` : ''}.
    </p>`;
  }

  /**
   * "Cite this data": the dataset's citation files, beside its CSV on the server
   * (/data/<dataset>.apa.txt, .bib, .csl.json), in the widget's language.
   */
  protected cite(loc: Locale, csv: string): TemplateResult {
    const file = (ext: string) => csv.replace(/\.csv(?=$|[?#])/, `.${ext}`) + (loc.m.api === 'EN' ? '?lang=en' : '');
    const link = (ext: string, label: string) => html`<a part="link" href=${file(ext)}>${label}</a>`;
    return html`<p class="cite-data" part="cite">${loc.m.cite}: ${link('apa.txt', 'APA')} · ${link('bib', 'BibTeX')} · ${link('csl.json', 'CSL-JSON')}</p>`;
  }

  /** One full citation per distinct source (many figures often share one slide). */
  protected sources(loc: Locale, list: (Source | null | undefined)[]): unknown[] {
    return distinct(list).map((s) => this.source(loc, s));
  }
}

const distinct = (list: (Source | null | undefined)[]): Source[] => {
  const seen = new Map<string, Source>();
  for (const s of list) if (s) seen.set(`${s.title}\n${s.section}\n${s.slide}`, s);
  return [...seen.values()];
};

/**
 * The footer's short source: per document, its publisher (the part before a dash), month and
 * slides: "Ministerio del Interior, feb. 2024, láminas 2, 8 y 9".
 */
export function shortSource(list: (Source | null | undefined)[], loc: Locale): string {
  const docs = new Map<string, { s: Source; slides: number[] }>();
  for (const s of distinct(list)) {
    const key = `${s.publisher}\n${s.title}\n${s.publishedOn}`;
    const doc = docs.get(key) ?? { s, slides: [] };
    if (s.slide != null && !doc.slides.includes(s.slide)) doc.slides.push(s.slide);
    docs.set(key, doc);
  }
  return [...docs.values()]
    .map(({ s, slides }) => {
      const who = s.publisher.split(/\s+[—–-]\s+/)[0];
      const pages = slides.sort((a, b) => a - b).map((n) => loc.num(n));
      return `${who}, ${loc.month(s.publishedOn)}${pages.length ? `, ${loc.m.slides(pages.length, loc.list(pages))}` : ''}`;
    })
    .join('; ');
}

/** Registers an element once, so the bundle and the ES modules can share a page. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
