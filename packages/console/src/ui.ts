/** Pieces every screen shares: loading and failure states, error wording, the conflict panel. */
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from './api.js';
import type { Messages } from './i18n.js';

/** Words for the steward: the console's own (in its language), or the API's (English, marked so). */
export type Message = string | TemplateResult;

export type Loadable<T> = { s: 'loading' } | { s: 'error'; error: unknown } | { s: 'ready'; data: T };

/** A failure in the steward's words: the network, a busy server, a refusal, or the API's own message. */
export function problemText(t: Messages, error: unknown): Message {
  if (!(error instanceof ApiError)) return t.errors.unknown;
  switch (error.code) {
    case 'NETWORK':
      return t.errors.network;
    case 'SERVICE_UNAVAILABLE':
      return t.errors.unavailable;
    case 'FORBIDDEN':
      return t.errors.forbidden;
    case 'UNAUTHENTICATED':
      return t.errors.unauthenticated;
    case 'HTTP':
      return t.errors.unknown;
    default:
      return apiMessage(error);
  }
}

/**
 * The API's message (its messages are in English, marked as such for screen readers), without
 * the "field: " it starts with when the screen shows it next to that field.
 */
export function apiMessage(error: ApiError): TemplateResult {
  const first = error.problems[0];
  const text = !first ? '' : first.field && first.message.startsWith(`${first.field}: `) ? first.message.slice(first.field.length + 2) : first.message;
  return html`<span lang="en">${text}</span>`;
}

export function loading(t: Messages): TemplateResult {
  return html`<p class="loading" role="status">${t.common.loading}</p>`;
}

export function failure(t: Messages, error: unknown, retry: () => void): TemplateResult {
  return html`<div class="notice notice-error" role="alert">
    <p>${problemText(t, error)}</p>
    <button type="button" class="button" @click=${retry}>${t.common.retry}</button>
  </div>`;
}

/** One field of a record as the conflict panel compares it. */
export interface Compared {
  label: string;
  mine: string;
  theirs: string;
}

/**
 * Someone saved the same object since this screen read it: both versions side by side (the
 * fields that differ marked), and the steward chooses — save theirs over with mine, or take theirs.
 */
export function conflictPanel(
  t: Messages,
  options: {
    id: string;
    fields: Compared[];
    theirVersion: number;
    onKeepMine: () => void;
    onTakeTheirs: () => void;
    busy?: boolean;
    /** The heading's level in the screen's outline. */
    level: 2 | 3;
  },
): TemplateResult {
  const { id, fields } = options;
  const title = options.level === 2 ? html`<h2 id="${id}-title" class="conflict-title">${t.conflict.title}</h2>` : html`<h3 id="${id}-title" class="conflict-title">${t.conflict.title}</h3>`;
  return html`<section class="conflict" role="alert" aria-labelledby="${id}-title">
    ${title}
    <p>${t.conflict.intro(options.theirVersion)}</p>
    <table class="compare">
      <caption class="visually-hidden">${t.conflict.title}</caption>
      <thead>
        <tr><th scope="col">${t.conflict.field}</th><th scope="col">${t.conflict.yours}</th><th scope="col">${t.conflict.theirs}</th></tr>
      </thead>
      <tbody>
        ${fields.map(
          (f) => html`<tr class=${f.mine === f.theirs ? '' : 'differs'}>
            <th scope="row">${f.label}${f.mine === f.theirs ? nothing : html` <span class="tag tag-warn">${t.conflict.differs}</span>`}</th>
            <td>${f.mine || '—'}</td>
            <td>${f.theirs || '—'}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <div class="actions">
      <button type="button" class="button button-primary" ?disabled=${options.busy} @click=${options.onKeepMine}>${t.conflict.keepMine}</button>
      <button type="button" class="button" ?disabled=${options.busy} @click=${options.onTakeTheirs}>${t.conflict.takeTheirs}</button>
    </div>
  </section>`;
}

/** Text for a value in a comparison or a diff. */
export function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The first element matching `selector` inside `root`, focused after the next render. */
export function focusSoon(root: HTMLElement, selector: string): void {
  requestAnimationFrame(() => root.querySelector<HTMLElement>(selector)?.focus());
}

/** A labelled text field with its hint and its error, wired for assistive technology. */
export function textField(
  t: Messages,
  o: {
    id: string;
    label: string;
    value: string;
    error?: Message | undefined;
    hint?: string;
    required?: boolean;
    multiline?: boolean;
    inputmode?: string;
    list?: string;
    onInput: (value: string) => void;
  },
): TemplateResult {
  const describedBy = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ') || nothing;
  const onInput = (e: Event) => o.onInput((e.target as HTMLInputElement).value);
  return html`<div class="field ${o.multiline ? 'field-wide' : ''}">
    <label for=${o.id}>${o.label}${o.required ? nothing : html` <span class="optional">${t.common.optional}</span>`}</label>
    ${o.multiline
      ? html`<textarea id=${o.id} rows="3" .value=${o.value} aria-invalid=${o.error ? 'true' : 'false'} aria-describedby=${describedBy} @input=${onInput}></textarea>`
      : html`<input
          id=${o.id}
          type="text"
          inputmode=${o.inputmode ?? nothing}
          list=${o.list ?? nothing}
          .value=${o.value}
          aria-invalid=${o.error ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @input=${onInput}
        />`}
    ${o.hint ? html`<p class="hint" id="${o.id}-hint">${o.hint}</p>` : nothing}
    ${o.error ? html`<p class="field-error" id="${o.id}-error">${o.error}</p>` : nothing}
  </div>`;
}

/** Hands a file the console fetched (with the key) to the browser as a download. */
export function saveFile(blob: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
