/**
 * The message catalogue and Intl formatting.
 *
 * A small typed catalogue rather than @lit/localize: each widget has its own `lang` (a page may
 * show one card in Spanish beside another in English), while @lit/localize keeps one locale per
 * page. Every language is one file typed as `Messages`, so the compiler lists what is missing.
 */
import { en } from './locales/en.js';
import { es } from './locales/es.js';

export type Messages = typeof es;

const catalogue = new Map<string, Messages>([
  ['es', es],
  ['en', en],
]);

/** Adds or replaces a language at run time (e.g. `registerLocale('qu', {...})`). */
export function registerLocale(lang: string, messages: Messages): void {
  catalogue.set(lang.toLowerCase(), messages);
}

/** The language code actually used for `lang` (unknown or empty values fall back to `es`). */
export function localeOf(lang: string | null | undefined): string {
  const code = (lang ?? '').trim().toLowerCase();
  if (catalogue.has(code)) return code;
  const base = code.split('-')[0] ?? '';
  return catalogue.has(base) ? base : 'es';
}

/** Messages plus the formatters for one language. */
export interface Locale {
  readonly lang: string;
  readonly m: Messages;
  num(value: number): string;
  pct(value: number): string;
  date(iso: string): string;
  /** Month and year, short: "feb. 2024". */
  month(iso: string): string;
  period(start?: string | null, end?: string | null): string;
  list(items: string[]): string;
}

const locales = new Map<string, Locale>();

export function locale(lang: string | null | undefined): Locale {
  const code = localeOf(lang);
  let loc = locales.get(code);
  if (!loc) locales.set(code, (loc = makeLocale(code, catalogue.get(code)!)));
  return loc;
}

/** An ISO date of any precision (`2024`, `2024-02`, `2024-02-29`, or a timestamp) as UTC parts. */
function parts(iso: string): [number, number | undefined, number | undefined] {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return [y ?? NaN, m, d];
}

function makeLocale(lang: string, m: Messages): Locale {
  const tag = m.intl;
  const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const utc = (y: number, mo = 1, d = 1) => new Date(Date.UTC(y, mo - 1, d));
  const fmt = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(tag, { timeZone: 'UTC', ...o });
  const day = fmt({ year: 'numeric', month: 'long', day: 'numeric' });
  const month = fmt({ year: 'numeric', month: 'long' });
  const shortMonth = fmt({ year: 'numeric', month: 'short' });
  const list = new Intl.ListFormat(tag, { type: 'conjunction' });

  return {
    lang,
    m,
    num: (v) => number.format(v),
    // Percentages arrive as percent values (85.3), Intl wants fractions.
    pct: (v) => percent.format(v / 100),
    date(iso) {
      const [y, mo, d] = parts(iso);
      if (Number.isNaN(y)) return iso;
      if (d) return day.format(utc(y, mo, d));
      if (mo) return month.format(utc(y, mo));
      return String(y);
    },
    month(iso) {
      const [y, mo] = parts(iso);
      return Number.isNaN(y) ? iso : mo ? shortMonth.format(utc(y, mo)) : String(y);
    },
    period(start, end) {
      if (!start || !end) return start ? this.date(start) : end ? this.date(end) : '';
      const [y1, m1 = 1, d1 = 1] = parts(start);
      const [y2, m2 = 12, d2 = 31] = parts(end);
      // Whole calendar years read best as "2021–2023".
      if (m1 === 1 && d1 === 1 && m2 === 12 && d2 === 31) return y1 === y2 ? `${y1}` : `${y1}–${y2}`;
      return shortMonth.formatRange(utc(y1, m1), utc(y2, m2));
    },
    list: (items) => list.format(items),
  };
}
