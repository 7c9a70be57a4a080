/**
 * The gallery's language switch: Spanish by default, English with `?lang=en`. The page's static
 * text is written in both (`data-l="es"` / `data-l="en"`, the other hidden by CSS from `<html lang>`);
 * the builder re-renders its own words on the `vigia:page-lang` event.
 */
import type { Lang } from './embed.js';

export const PAGE_LANG_EVENT = 'vigia:page-lang';

export function pageLang(): Lang {
  return document.documentElement.lang === 'en' ? 'en' : 'es';
}

export function setupPageLang(): void {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('button[data-page-lang]')];
  const set = (lang: Lang, announce: boolean) => {
    document.documentElement.lang = lang;
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset['pageLang'] === lang));
    if (!announce) return;
    const url = new URL(location.href);
    if (lang === 'es') url.searchParams.delete('lang');
    else url.searchParams.set('lang', lang);
    history.replaceState(history.state, '', url);
    document.dispatchEvent(new CustomEvent(PAGE_LANG_EVENT, { detail: lang }));
  };
  set(new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'es', false);
  for (const b of buttons) b.addEventListener('click', () => set(b.dataset['pageLang'] === 'en' ? 'en' : 'es', true));
}
