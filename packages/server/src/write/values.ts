import { z } from 'zod';
import { InputError } from '../core/errors.js';

/**
 * Checks shared by the mutations and the importer. Every message names the field it is
 * about, as the caller spelt it: `names` maps our field names to the input's (the GraphQL
 * input uses them as they are; CSV files use snake_case columns).
 */
export type FieldNames = Readonly<Record<string, string>>;

export const fieldName = (names: FieldNames, field: string): string => names[field] ?? field;

/** Raises the first problem zod found, naming its field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, names: FieldNames): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? 'input');
  throw new InputError(fieldName(names, field), issue.message);
}

/** Like parseOrThrow, for one value: problems name `field`. */
export function parseField<T>(schema: z.ZodType<T>, value: unknown, field: string, names: FieldNames): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InputError(fieldName(names, field), result.error.issues[0]!.message);
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Stable identifiers: "cases-puno-2022". */
export const keySchema = z
  .string({ error: 'is required' })
  .max(120, 'must be at most 120 characters')
  .regex(SLUG, 'must be lower-case letters, digits and single hyphens (e.g. "cases-puno-2022")');

/** A breakdown dimension or cell ("sex", "female", "under-18"). */
export const codeSchema = z
  .string()
  .max(60, 'must be at most 60 characters')
  .regex(SLUG, 'must be lower-case letters, digits and single hyphens (e.g. "under-18")');

// ---------------------------------------------------------------------------------------
// Plausible text: what a person could have typed

const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINE_FEED = /(?!\n)\p{Cc}/u;
/** With the u flag a well-formed pair is one code point; only an unpaired surrogate is \p{Cs}. */
const LONE_SURROGATE = /\p{Cs}/u;
const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
const position = (text: string, index: number) => [...text.slice(0, index)].length + 1;

/**
 * Why a text is not plausible, or null. Refused: control characters (C0, DEL, C1: a NUL
 * cuts the stored text short, a tab or carriage return makes a spreadsheet run the cell) and
 * unpaired surrogates (not Unicode text; no database stores them faithfully). Multi-line
 * text may hold line feeds between its words, never at its start or end.
 */
export function textProblem(text: string, multiline = false): string | null {
  const control = (multiline ? CONTROL_BUT_LINE_FEED : CONTROL).exec(text);
  if (control) {
    const allowed = multiline ? ' other than line breaks (\\n) inside the text' : '';
    return `must not contain control characters${allowed} (found ${codePoint(control[0])} at character ${position(text, control.index)})`;
  }
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return `must be valid Unicode text (found an unpaired surrogate ${codePoint(surrogate[0])} at character ${position(text, surrogate.index)})`;
  if (multiline && /^\s*\n|\n\s*$/.test(text)) return 'must not begin or end with a line break';
  return null;
}

/**
 * Removes the spaces around a text — never a control character: `"\t=1+1"` is refused, not
 * turned into `"=1+1"`.
 */
export const trimSpaces = (text: string): string => text.replace(/^(?:(?!\p{Cc})\s)+|(?:(?!\p{Cc})\s)+$/gu, '');

/**
 * Refuses the first implausible text among the fields a caller sent (InputError naming it),
 * before anything is derived from them (a default name, a region looked up by its code).
 */
export function checkTexts(sent: Record<string, unknown>, names: FieldNames, multiline: readonly string[] = []): void {
  for (const [field, value] of Object.entries(sent)) {
    if (typeof value !== 'string') continue;
    const problem = textProblem(value, multiline.includes(field));
    if (problem) throw new InputError(fieldName(names, field), problem);
  }
}

/** Any string a caller sends (keys, codes, references): no control characters, no unpaired surrogates. */
export const plainString = (options: { multiline?: boolean } = {}) =>
  z.string({ error: 'is required' }).superRefine((text, ctx) => {
    const problem = textProblem(text, options.multiline);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * Text a person writes: plausible (see textProblem), spaces around it trimmed, not empty, at
 * most `max` characters. `multiline` allows line breaks inside it (quotes, notes, reasons).
 */
export const textSchema = (max: number, options: { multiline?: boolean } = {}) =>
  plainString(options).overwrite(trimSpaces).min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

// ---------------------------------------------------------------------------------------
// Plausible numbers and dates

/** The most a count of people (cases, victims, officers, deliveries…) can plausibly be: Peru has about 34 million people. */
export const MAX_COUNT = 10_000_000;

/** The earliest date Vigía accepts for anything it dates (periods, closures, publications). */
export const EARLIEST_DATE = '1990-01-01';

/** The latest date a period or a publication can have: 31 December of next year (Peru's calendar). */
export function latestDate(now = new Date()): string {
  return `${Number(todayInPeru(now).slice(0, 4)) + 1}-12-31`;
}

/** Why an ISO date (or a YYYY / YYYY-MM prefix of one) is outside [EARLIEST_DATE, latest], or null. */
export function dateRangeProblem(iso: string, latest = latestDate()): string | null {
  const first = iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso;
  if (first < EARLIEST_DATE) return `must be on or after ${EARLIEST_DATE}; got ${iso}`;
  if (first > latest) return `must be on or before ${latest}; got ${iso}`;
  return null;
}

/** A calendar date written YYYY-MM-DD that exists (no 2023-02-30). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export const isoDateSchema = plainString()
  .refine(isIsoDate, 'must be a real date written YYYY-MM-DD (e.g. 2023-12-31)');

/** A document's date at the precision it gives: 2024, 2024-02 or 2024-02-15. */
export const partialDateSchema = plainString()
  .refine(
    (text) => /^\d{4}$/.test(text) || (/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) || isIsoDate(text),
    'must be an ISO date at the precision the document gives: YYYY, YYYY-MM or YYYY-MM-DD',
  );

/** Stored dates are UTC midnights. */
export const toDate = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Today's date in Peru (closures and years are judged by the ministry's calendar, UTC−5). */
export function todayInPeru(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Keys sorted, so that equal objects give equal text whatever order their fields came in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The patch fields a caller actually sent (undefined means "leave as it is"). */
export function definedFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
