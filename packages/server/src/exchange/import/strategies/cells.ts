import { trimSpaces } from '../../../write/values.js';
import type { Cell } from './strategy.js';

/** A cell as text; spaces around it are dropped, never control characters (validation refuses them). */
export const text = (v: Cell | undefined): string | null | undefined => {
  if (v === undefined) return undefined;
  if (v === null) return null;
  const s = trimSpaces(String(v));
  return s === '' ? null : s;
};

/** Rows are written this many at a time (createMany). */
export const BATCH = 500;
