import { stringify } from 'csv-stringify/sync';
import type { PrismaClient } from '@vigia/schema';
import { isoDate } from '../schema/dates.js';

/** Column order of every Vigía observations CSV (HTTP and CLI exports share it). */
export const OBSERVATION_COLUMNS = [
  'dataset',
  'key',
  'label',
  'label_en',
  'value',
  'unit',
  'period_start',
  'period_end',
  'scope',
  'region_code',
  'breakdown_dimension',
  'breakdown_value',
  'source_key',
  'source_section',
  'source_document',
  'source_published_on',
] as const;

/**
 * The observations of one dataset (or of all, with no key) as CSV with one header row.
 * Returns null when the dataset does not exist. A pending dataset gives the header alone.
 */
export async function observationsCsv(prisma: PrismaClient, datasetKey?: string): Promise<string | null> {
  if (datasetKey !== undefined) {
    const exists = await prisma.dataset.findUnique({ where: { key: datasetKey }, select: { id: true } });
    if (!exists) return null;
  }
  const rows = await prisma.observation.findMany({
    where: datasetKey === undefined ? {} : { dataset: { key: datasetKey } },
    include: { dataset: true, region: true, source: { include: { document: true } } },
    orderBy: [{ dataset: { position: 'asc' } }, { position: 'asc' }, { id: 'asc' }],
  });
  const records = rows.map((o) => [
    o.dataset.key,
    o.key,
    o.label,
    o.labelEn,
    o.value,
    o.unit,
    isoDate(o.periodStart),
    isoDate(o.periodEnd),
    o.scope,
    o.region?.code ?? '',
    o.breakdownDimension ?? '',
    o.breakdownValue ?? '',
    o.source.key,
    o.source.section,
    o.source.document.title,
    o.source.document.publishedOn,
  ]);
  return stringify([[...OBSERVATION_COLUMNS], ...records]);
}
