import type { Prisma } from '@vigia/schema';
import { InputError } from '../core/errors.js';
import { fieldName, isoDay, type FieldNames } from './values.js';

/** A database client or an open transaction: the data functions work with either. */
export type Db = Prisma.TransactionClient;

export interface DatasetRef {
  id: string;
  key: string;
  unit: string;
  periodStart: string | null;
  periodEnd: string | null;
  countsVictims: boolean;
  sourceKey: string;
}

/**
 * The few lookup tables every write validates against (datasets, regions, sources):
 * small, so they are read whole, once per mutation or once per imported file.
 */
export interface Refs {
  datasets: Map<string, DatasetRef>;
  regionsByCode: Map<string, { id: string; code: string; slug: string }>;
  regionsBySlug: Map<string, { id: string; code: string; slug: string }>;
  sources: Map<string, { id: string; key: string }>;
}

export async function loadRefs(db: Db): Promise<Refs> {
  // One after the other: `db` is a transaction, one PostgreSQL connection, which runs one
  // statement at a time (pg deprecates queueing several on a client; pg 9 refuses it).
  const datasets = await db.dataset.findMany({
    select: { id: true, key: true, unit: true, periodStart: true, periodEnd: true, countsVictims: true, source: { select: { key: true } } },
  });
  const regions = await db.region.findMany({ select: { id: true, code: true, slug: true } });
  const sources = await db.source.findMany({ select: { id: true, key: true } });
  return {
    datasets: new Map(
      datasets.map((d) => [
        d.key,
        {
          id: d.id,
          key: d.key,
          unit: d.unit,
          periodStart: d.periodStart && isoDay(d.periodStart),
          periodEnd: d.periodEnd && isoDay(d.periodEnd),
          countsVictims: d.countsVictims,
          sourceKey: d.source.key,
        },
      ]),
    ),
    regionsByCode: new Map(regions.map((r) => [r.code, r])),
    regionsBySlug: new Map(regions.map((r) => [r.slug, r])),
    sources: new Map(sources.map((s) => [s.key, s])),
  };
}

/** A region by ubigeo code ("21", "4") or slug ("puno", "San Martín"), as the read API accepts them. */
export function findRegion(refs: Refs, text: string) {
  const value = text.trim().toLowerCase();
  if (/^\d{1,2}$/.test(value)) return refs.regionsByCode.get(value.padStart(2, '0')) ?? null;
  const slug = value.normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/[\s_]+/g, '-');
  return refs.regionsBySlug.get(slug) ?? null;
}

export function requireRegion(refs: Refs, text: string, names: FieldNames, field = 'regionCode') {
  const region = findRegion(refs, text);
  if (!region) throw new InputError(fieldName(names, field), `unknown region "${text}" (use the INEI ubigeo code, e.g. "21", or the slug, e.g. "puno")`);
  return region;
}

export function requireSource(refs: Refs, key: string, names: FieldNames, field = 'sourceKey') {
  const source = refs.sources.get(key);
  if (!source) throw new InputError(fieldName(names, field), `unknown source "${key}" (create it first with upsertSource)`);
  return source;
}

export function requireDataset(refs: Refs, key: string, names: FieldNames, field = 'datasetKey') {
  const dataset = refs.datasets.get(key);
  if (!dataset) {
    const known = [...refs.datasets.keys()].sort().join(', ');
    throw new InputError(fieldName(names, field), `unknown dataset "${key}" (known: ${known})`);
  }
  return dataset;
}
