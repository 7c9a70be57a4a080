/** Numbers, dates and periods in the console's language. */
import type { Lang } from './i18n.js';

const tag = (lang: Lang) => (lang === 'es' ? 'es-PE' : 'en-GB');

export function formatNumber(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(tag(lang), { maximumFractionDigits: 2 }).format(value);
}

/** An ISO date (YYYY-MM-DD, or YYYY-MM / YYYY as documents give them) as a reader writes it. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (!mo) return y!;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d ?? 1)));
  return new Intl.DateTimeFormat(tag(lang), d ? { dateStyle: 'medium', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** An ISO instant (audit entries, keys) in the reader's time zone. */
export function formatTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(tag(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A period: "2022" for a calendar year, else "1 ene 2018 – 31 ene 2023". */
export function formatPeriod(start: string | null | undefined, end: string | null | undefined, lang: Lang): string {
  if (!start && !end) return '—';
  if (start && end && /^\d{4}-01-01$/.test(start) && end === `${start.slice(0, 4)}-12-31`) return start.slice(0, 4);
  if (start && end && /^\d{4}-01-01$/.test(start) && /^\d{4}-12-31$/.test(end)) return `${start.slice(0, 4)}–${end.slice(0, 4)}`;
  return `${formatDate(start, lang)} – ${formatDate(end, lang)}`;
}

/**
 * What a steward typed in a figure cell, as a number: spaces and thin spaces are dropped, and
 * commas that group thousands ("1,710", as es-PE writes it). Returns null for an empty cell and
 * NaN for anything else that is not a plain number (a decimal comma is ambiguous: refused).
 */
export function parseTyped(text: string): number | null {
  let compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return null;
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact)) compact = compact.replace(/,/g, '');
  return /^-?(\d+\.?\d*|\.\d+)$/.test(compact) ? Number(compact) : Number.NaN;
}
