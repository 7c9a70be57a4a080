/** The console's languages: Spanish (default) and English. The choice is a preference kept on this browser. */
import { en } from './locales/en.js';
import { es, type Messages } from './locales/es.js';

export type Lang = 'es' | 'en';
export type { Messages };

const CATALOGUE: Record<Lang, Messages> = { es, en };
const PREFERENCE = 'vigia-console:lang';

export function messages(lang: Lang): Messages {
  return CATALOGUE[lang];
}

/** The language to start in: the steward's last choice on this browser, else Spanish. */
export function initialLang(): Lang {
  try {
    return localStorage.getItem(PREFERENCE) === 'en' ? 'en' : 'es';
  } catch {
    return 'es';
  }
}

/** Remembers the choice (the language only: the key is never kept beyond the tab's session). */
export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(PREFERENCE, lang);
  } catch {
    // not remembered; the page still switches
  }
}
