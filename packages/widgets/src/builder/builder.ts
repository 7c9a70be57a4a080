/**
 * The embed builder of the gallery (/widgets/): pick a widget, its data, the language and the
 * theme; see the element live; copy the script snippet, the iframe snippet (the server's own, from
 * /oembed), the embed page URL, the oEmbed URL and the PNG and SVG URLs.
 *
 * Rendered with Lit's `render` into light DOM (the page's CSS styles it); the live preview is the
 * element itself, kept outside Lit's parts and updated attribute by attribute.
 */
import { html, nothing, render, type TemplateResult } from 'lit/html.js';
import { loadCatalogue, type Catalogue } from './catalogue.js';
import { copyFrom } from './copy.js';
import {
  ELEMENTS,
  KINDS,
  LEVELS,
  METRICS,
  SORTS,
  THEMES,
  VIEWS,
  attributes,
  scriptSnippet,
  urls,
  type ElementName,
  type Embed,
  type Lang,
  type Theme,
} from './embed.js';
import { MESSAGES, type Messages, type SnippetId } from './messages.js';
import { PAGE_LANG_EVENT, pageLang } from './page-lang.js';

interface Option {
  value: string;
  label: string;
}
interface Group {
  label: string;
  options: Option[];
}
/** One control of the "data" step: a select (options or groups), or a text field without the catalogue. */
interface Control {
  name: string;
  label: string;
  choices: (Option | Group)[] | null;
  /** The value shown until one is chosen, when it is not the first offered. */
  initial?: string;
  /** The element needs a value (region-card's region, indicator's key). */
  required?: boolean;
}

interface OembedState {
  url: string;
  html?: string;
  title?: string;
  error?: string;
}

export interface BuilderOptions {
  /** The server's base URL as the page sees it (https://vigia.example.org). */
  base: string;
  /** The loader's script tag, `__ORIGIN__` standing for the base (the page's own snippet). */
  loaderTag: string;
}

export function startBuilder(root: HTMLElement, options: BuilderOptions): void {
  const { base, loaderTag } = options;
  let element: ElementName = 'region-card';
  /** The chosen value of each control, per element (switching widgets keeps each one's choices). */
  const values: Record<ElementName, Record<string, string>> = Object.fromEntries(ELEMENTS.map((e) => [e, {}])) as never;
  let lang: Lang = pageLang();
  let langChosen = false;
  let theme: Theme = 'light';
  let detail = false;
  let catalogue: Catalogue | null = null;
  let catalogueError: string | null = null;
  let oembed: OembedState | null = null;
  let preview: HTMLElement | null = null;

  const m = (): Messages => MESSAGES[pageLang()];

  /** The data controls of an element, with the catalogue's choices where they name data. */
  function controls(el: ElementName, msg: Messages): Control[] {
    const lg = pageLang();
    const regionGroups = (): Group[] | null =>
      catalogue && [
        { label: msg.focusRegions, options: catalogue.regions.filter((r) => r.isFocus).map((r) => ({ value: r.slug, label: r.name })) },
        { label: msg.otherRegions, options: catalogue.regions.filter((r) => !r.isFocus).map((r) => ({ value: r.slug, label: r.name })) },
      ];
    const fixed = <K extends string>(keys: readonly K[], labels: Record<K, string>, none?: string): Option[] => [
      ...(none ? [{ value: '', label: none }] : []),
      ...keys.map((k) => ({ value: k, label: labels[k] })),
    ];
    switch (el) {
      case 'region-card':
        return [{ name: 'region', label: msg.region, choices: regionGroups(), required: true }];
      case 'coordination-counter': {
        const regions = regionGroups();
        return [
          {
            name: 'scope',
            label: msg.scope,
            choices: regions && [{ value: '', label: msg.fiveTogether }, ...regions, { value: 'national', label: msg.national }],
          },
          { name: 'level', label: msg.level, choices: fixed(LEVELS, msg.levels, msg.allLevels) },
        ];
      }
      case 'services':
        return [{ name: 'kind', label: msg.kind, choices: fixed(KINDS, msg.kinds, msg.allKinds) }];
      case 'indicator':
        return [
          {
            name: 'key',
            label: msg.figure,
            required: true,
            choices:
              catalogue &&
              catalogue.datasets.map((d) => ({
                label: d.pending ? `${d.title[lg]} (${msg.pending})` : d.title[lg],
                options: [
                  ...d.indicators.map((i) => ({ value: i.key, label: i.label[lg] })),
                  { value: d.key, label: d.pending ? `${d.title[lg]} (${msg.pending})` : msg.wholeDataset(d.indicators.length) },
                ],
              })),
            // A figure rather than a dataset the source shows only as a chart image.
            initial: catalogue?.datasets.flatMap((d) => d.indicators)[0]?.key,
          },
        ];
      case 'training-chart':
        return [
          {
            name: 'dataset',
            label: msg.dataset,
            choices: catalogue && catalogue.datasets.filter((d) => d.byRegion).map((d) => ({ value: d.key, label: d.title[lg] })),
          },
          { name: 'sort', label: msg.sort, choices: fixed(SORTS, msg.sorts) },
        ];
      case 'region-map':
        return [
          { name: 'metric', label: msg.metric, choices: fixed(METRICS, msg.metrics) },
          { name: 'view', label: msg.view, choices: fixed(VIEWS, msg.views) },
        ];
    }
  }

  const flat = (choices: (Option | Group)[]): Option[] => choices.flatMap((c) => ('options' in c ? c.options : [c]));

  /** A control's value: the chosen one while it is still offered, else the first offered. */
  function valueOf(control: Control): string {
    const chosen = values[element][control.name];
    if (!control.choices) return chosen ?? '';
    const offered = flat(control.choices);
    if (offered.some((o) => o.value === chosen)) return chosen!;
    return offered.find((o) => o.value === control.initial)?.value ?? offered[0]?.value ?? '';
  }

  function currentEmbed(): Embed {
    const attrs: Record<string, string | undefined> = {};
    for (const control of controls(element, m())) {
      const value = valueOf(control);
      if (control.name === 'scope') {
        if (value === 'national') attrs['national'] = '';
        else if (value) attrs['region'] = value;
      } else if (value) attrs[control.name] = value;
    }
    return { element, attrs, lang, theme, detail };
  }

  /** Needs the catalogue before it can show anything (a required attribute names data). */
  const waiting = () => !catalogue && !catalogueError && controls(element, m()).some((c) => c.choices === null);
  /** Every required attribute has a value (typed ones may still be empty). */
  const complete = () => controls(element, m()).every((c) => !c.required || valueOf(c).trim() !== '');

  function update(): void {
    const msg = m();
    const embed = currentEmbed();
    const ready = !waiting() && complete();
    const u = urls(base, embed);
    if (ready && oembed?.url !== u.oembed) fetchOembed(u.oembed);
    render(template(msg, embed, ready), root);
    syncPreview(ready ? embed : null);
  }

  function syncPreview(embed: Embed | null): void {
    const host = root.querySelector<HTMLElement>('#builder-preview');
    if (!host) return;
    if (!embed) {
      preview?.remove();
      preview = null;
      return;
    }
    const tag = `vigia-${embed.element}`;
    if (preview?.localName !== tag) {
      preview?.remove();
      preview = document.createElement(tag);
      // Under the builder's "Preview" heading (h3).
      preview.setAttribute('heading-level', '4');
      host.append(preview);
    }
    const wanted = new Map(attributes(embed).map(([name, value]) => [name, value ?? '']));
    for (const { name } of [...preview.attributes]) if (name !== 'heading-level' && !wanted.has(name)) preview.removeAttribute(name);
    for (const [name, value] of wanted) if (preview.getAttribute(name) !== value) preview.setAttribute(name, value);
  }

  let oembedSeq = 0;
  async function fetchOembed(url: string): Promise<void> {
    const seq = ++oembedSeq;
    oembed = { url };
    let next: OembedState;
    try {
      const response = await fetch(url, { credentials: 'omit' });
      const body = (await response.json().catch(() => ({}))) as { html?: string; title?: string; error?: string };
      next = response.ok && body.html ? { url, html: body.html, title: body.title ?? '' } : { url, error: body.error ?? `HTTP ${response.status}` };
    } catch (error) {
      next = { url, error: String(error) };
    }
    if (seq !== oembedSeq) return;
    oembed = next;
    update();
  }

  const set = (name: string, value: string) => {
    values[element][name] = value;
    update();
  };

  function template(msg: Messages, embed: Embed, ready: boolean): TemplateResult {
    const u = urls(base, embed);
    const settled = !!oembed && oembed.url === u.oembed && (oembed.html !== undefined || oembed.error !== undefined);
    const title = settled && oembed?.title ? oembed.title : MESSAGES[embed.lang].fallbackLink;
    const snippets: { id: SnippetId; text: string; state: 'ready' | 'loading' | 'error'; href?: string }[] = [
      { id: 'script', text: settled ? scriptSnippet(loaderTag, base, embed, title) : msg.preparing, state: settled ? 'ready' : 'loading' },
      {
        id: 'iframe',
        text: !settled ? msg.preparing : (oembed!.html ?? msg.snippetFailed(oembed!.error!)),
        state: !settled ? 'loading' : oembed!.html ? 'ready' : 'error',
      },
      { id: 'link', text: u.page, state: 'ready', href: u.page },
      { id: 'oembed', text: u.oembed, state: 'ready', href: u.oembed },
      { id: 'png', text: u.png, state: 'ready', href: u.png },
      { id: 'svg', text: u.svg, state: 'ready', href: u.svg },
    ];
    return html`<div class="builder-grid">
        <form class="builder-form" @submit=${(e: Event) => e.preventDefault()}>
          <fieldset class="builder-widgets">
            <legend>${msg.chooseWidget}</legend>
            ${ELEMENTS.map(
              (e) => html`<label class="choice">
                <input type="radio" name="vigia-builder-element" value=${e} .checked=${e === element} @change=${() => ((element = e), update())} />
                <span class="choice-text"><span class="choice-name">${msg.elements[e].name}</span>
                <span class="choice-about">${msg.elements[e].about}</span>
                <code>&lt;vigia-${e}&gt;</code></span>
              </label>`,
            )}
          </fieldset>
          <fieldset class="builder-data">
            <legend>${msg.chooseData}</legend>
            ${catalogueError ? html`<p class="builder-error" role="alert">${msg.listsFailed(catalogueError)}</p>` : nothing}
            ${waiting() ? html`<p>${msg.loadingLists}</p>` : controls(element, msg).map((c) => controlTemplate(c, msg))}
          </fieldset>
          <fieldset class="builder-look">
            <legend>${msg.languageAndTheme}</legend>
            <div class="field">
              <span class="field-label" id="builder-lang-label">${msg.widgetLang}</span>
              <div class="segmented" role="radiogroup" aria-labelledby="builder-lang-label">
                ${(['es', 'en'] as const).map(
                  (l) => html`<label><input type="radio" name="vigia-builder-lang" value=${l} .checked=${l === lang}
                    @change=${() => ((lang = l), (langChosen = true), update())} /><span lang=${l}>${l === 'es' ? 'Español' : 'English'}</span></label>`,
                )}
              </div>
            </div>
            <div class="field">
              <span class="field-label" id="builder-theme-label">${msg.theme}</span>
              <div class="segmented" role="radiogroup" aria-labelledby="builder-theme-label">
                ${THEMES.map(
                  (t) => html`<label><input type="radio" name="vigia-builder-theme" value=${t} .checked=${t === theme}
                    @change=${() => ((theme = t), update())} /><span>${msg.themes[t]}</span></label>`,
                )}
              </div>
            </div>
            <label class="check"><input type="checkbox" .checked=${detail} @change=${(e: Event) => ((detail = (e.target as HTMLInputElement).checked), update())} />
              ${msg.detail}</label>
          </fieldset>
        </form>
        <section class="builder-preview" aria-labelledby="builder-preview-heading">
          <h3 id="builder-preview-heading">${msg.preview}</h3>
          <p class="hint">${msg.previewNote}</p>
          <div class="builder-stage" id="builder-preview"></div>
        </section>
      </div>
      <section class="builder-snippets" aria-labelledby="builder-copy-heading">
        <h3 id="builder-copy-heading">${msg.copyHeading}</h3>
        <div class="snippet-grid">
          ${ready
            ? snippets.map(
                (s) => html`<div class="snippet" data-snippet=${s.id} data-state=${s.state}>
                  <h4 id="snippet-${s.id}-title">${msg.snippets[s.id].title}</h4>
                  <p class="hint">${msg.snippets[s.id].hint}</p>
                  <pre aria-busy=${s.state === 'loading' ? 'true' : 'false'}><code id="snippet-${s.id}">${s.text}</code></pre>
                  <div class="actions">
                    <button type="button" class="copy" ?disabled=${s.state !== 'ready'}
                      @click=${(e: Event) => copyFrom(root.querySelector<HTMLElement>(`#snippet-${s.id}`)!, e.currentTarget as HTMLElement, msg.snippets[s.id].title, msg)}>
                      ${msg.copy}<span class="visually-hidden"> ${msg.snippets[s.id].title}</span></button><span class="copied" aria-hidden="true">✓ ${msg.copied}</span>
                    ${s.href ? html`<a href=${s.href} target="_blank" rel="noopener">${msg.open}<span class="visually-hidden"> ${msg.snippets[s.id].title}</span></a>` : nothing}
                  </div>
                </div>`,
              )
            : html`<p>${waiting() ? msg.loadingLists : msg.needValue}</p>`}
        </div>
      </section>`;
  }

  function controlTemplate(control: Control, msg: Messages): TemplateResult {
    const id = `builder-${control.name}`;
    const value = valueOf(control);
    const onChange = (e: Event) => set(control.name, (e.target as HTMLSelectElement | HTMLInputElement).value);
    if (!control.choices) {
      return html`<div class="field"><label for=${id}>${control.label}</label>
        <input id=${id} type="text" .value=${value} placeholder=${msg.typeValue} autocomplete="off" spellcheck="false" @change=${onChange} /></div>`;
    }
    const option = (o: Option) => html`<option value=${o.value} .selected=${o.value === value}>${o.label}</option>`;
    return html`<div class="field"><label for=${id}>${control.label}</label>
      <select id=${id} @change=${onChange}>
        ${control.choices.map((c) =>
          'options' in c ? (c.options.length ? html`<optgroup label=${c.label}>${c.options.map(option)}</optgroup>` : nothing) : option(c),
        )}
      </select></div>`;
  }

  document.addEventListener(PAGE_LANG_EVENT, () => {
    // The widget speaks the page's language until the partner picks one.
    if (!langChosen) lang = pageLang();
    update();
  });

  update();
  loadCatalogue(`${base}/graphql`)
    .then((c) => (catalogue = c))
    .catch((error: unknown) => (catalogueError = error instanceof Error ? error.message : String(error)))
    .finally(update);
}
