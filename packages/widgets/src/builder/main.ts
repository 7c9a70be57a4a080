/**
 * The gallery page's script (inlined into dist/index.html by scripts/gallery.mjs; never part of
 * vigia-widgets.js): the page's language switch, snippets that name this server, copy buttons,
 * and the embed builder.
 */
import './builder.css';
import { startBuilder } from './builder.js';
import { copyFrom } from './copy.js';
import { baseUrl } from './embed.js';
import { MESSAGES } from './messages.js';
import { pageLang, setupPageLang } from './page-lang.js';

setupPageLang();

// Snippets name this server as the page sees it (behind a proxy too), so partners paste them as they are.
const base = baseUrl(location.href);
for (const code of document.querySelectorAll<HTMLElement>('pre code[data-origin]')) {
  code.textContent = (code.textContent ?? '').replaceAll('__ORIGIN__', base);
}

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  button.addEventListener('click', () => {
    const source = document.getElementById(button.dataset['copy']!)!;
    void copyFrom(source, button, button.dataset['what'] ?? '', MESSAGES[pageLang()]);
  });
}

const root = document.getElementById('vigia-builder');
if (root && /^https?:$/.test(location.protocol)) {
  startBuilder(root, { base, loaderTag: root.dataset['loader'] ?? '' });
}
