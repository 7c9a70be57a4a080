import { z } from 'zod';
import { InputError } from './errors.js';

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

export const textSchema = (max: number) =>
  z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A calendar date written YYYY-MM-DD that exists (no 2023-02-30). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export const isoDateSchema = z
  .string({ error: 'is required' })
  .refine(isIsoDate, 'must be a real date written YYYY-MM-DD (e.g. 2023-12-31)');

/** A document's date at the precision it gives: 2024, 2024-02 or 2024-02-15. */
export const partialDateSchema = z
  .string({ error: 'is required' })
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
