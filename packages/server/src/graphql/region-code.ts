import type { Region } from '@vigia/schema';
import type { Snapshot } from '../read-model/snapshot.js';

/**
 * A region code as partners send it: the INEI ubigeo department code ("21"; "4" is
 * read as "04") or the slug ("puno"), case-insensitive; accents and spaces in a slug
 * are forgiven ("San Martín" finds "san-martin"). Returns what to look the region up by,
 * or null when the text cannot be a region code at all (the caller then answers null or []).
 */
export function regionWhere(code: string): { code: string } | { slug: string } | null {
  const value = code.trim().toLowerCase();
  if (/^\d{1,2}$/.test(value)) return { code: value.padStart(2, '0') };
  const slug = value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[\s_]+/g, '-');
  if (/^[a-z]+(-[a-z]+)*$/.test(slug)) return { slug };
  return null;
}

/** The region a partner's code names, or undefined when there is none. */
export function regionOf(data: Snapshot, code: string): Region | undefined {
  const where = regionWhere(code);
  if (!where) return undefined;
  return 'code' in where ? data.regionByCode.get(where.code) : data.regionBySlug.get(where.slug);
}
