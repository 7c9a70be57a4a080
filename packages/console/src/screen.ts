import { LitElement, type PropertyDeclarations } from 'lit';
import type { Api, Me, Permission } from './api.js';
import type { Lang, Messages } from './i18n.js';
import type { Message } from './ui.js';

/** What every screen gets from the shell: the client, who is signed in, the language. */
export interface Ctx {
  api: Api;
  me: Me;
  lang: Lang;
  t: Messages;
  /** What the key may do (me.permissions). */
  can(permission: Permission): boolean;
  /** Edits data (EDIT_DATA): editors and admins; viewers only read. */
  canWrite: boolean;
  /** Reopens spaces and deletes figures (REOPEN_AND_DELETE): admins. */
  isAdmin: boolean;
  /** Says something to screen readers (polite live region): saves, loads, results. */
  announce(message: Message): void;
}

/**
 * A screen of the console. Screens render into the light DOM: one document-wide stylesheet
 * (a file, as the CSP wants), labels and descriptions that reference each other by id, and
 * tests and assistive technology see one tree.
 */
export abstract class Screen extends LitElement {
  static override properties: PropertyDeclarations = { ctx: { attribute: false } };
  declare ctx: Ctx;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
