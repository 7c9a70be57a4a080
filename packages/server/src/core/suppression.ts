import { canWrite, type Caller } from './caller.js';

/**
 * Small counts of victims are about identifiable children. A victim count (a dataset with
 * `countsVictims`) for an area smaller than a region, or in any cell of a breakdown, is
 * published as "< threshold" when it is below the threshold; region-wide and larger totals
 * are published as they are. Editors and admins see the stored value.
 */

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** VIGIA_SUPPRESSION_THRESHOLD (a whole number ≥ 1), default 5. Read on each call: tests change it. */
export function suppressionThreshold(): number {
  const raw = process.env.VIGIA_SUPPRESSION_THRESHOLD?.trim();
  if (!raw) return DEFAULT_SUPPRESSION_THRESHOLD;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
    throw new Error(`VIGIA_SUPPRESSION_THRESHOLD must be a whole number of at least 1; got "${raw}"`);
  }
  return value;
}

/** The facts of an observation that decide whether it is suppressed. */
export interface SuppressionFacts {
  value: number;
  scope: string;
  breakdownDimension: string | null;
  countsVictims: boolean;
}

const BELOW_REGION = new Set(['PROVINCE', 'DISTRICT']);

/** Whether the value is withheld from the public (whoever is asking). */
export function isSuppressed(o: SuppressionFacts, threshold = suppressionThreshold()): boolean {
  if (!o.countsVictims || o.value >= threshold) return false;
  return BELOW_REGION.has(o.scope) || o.breakdownDimension !== null;
}

/** The text shown in place of a suppressed value, e.g. "< 5". */
export const suppressedText = (threshold = suppressionThreshold()): string => `< ${threshold}`;

/** Recognises the suppressed text in an imported file ("< 5", "<5"). */
export const SUPPRESSED_PATTERN = /^<\s*\d+$/;

export interface PublishedValue {
  /** The number, or null when it is withheld from this caller. */
  value: number | null;
  /** Whether the value is withheld from the public (editors see it, but it is still not public). */
  suppressed: boolean;
  /** The value as text: the number, or "< 5" when withheld from this caller. */
  display: string;
}

/**
 * What a caller may see of an observation's value: whoever may change the data (canWrite:
 * editors and admins) works with the stored values; everyone else gets the public ones.
 */
export function publishedValue(o: SuppressionFacts, caller: Caller | null): PublishedValue {
  const threshold = suppressionThreshold();
  const suppressed = isSuppressed(o, threshold);
  if (suppressed && !canWrite(caller)) return { value: null, suppressed, display: suppressedText(threshold) };
  return { value: o.value, suppressed, display: String(o.value) };
}
