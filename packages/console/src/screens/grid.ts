/**
 * The rows a dataset's table offers for figures not entered yet. A dataset whose figures are one
 * per region and calendar year (the two pending charts of the briefing: cases by region
 * 2021–2023, child victims attended by the UPE 2018 – January 2023) gets a row for each focus
 * region × each year of its period, the last one cut at the period's end. The rows hold no
 * values: the steward types what the chart shows; an empty row is never saved.
 */

export interface Region {
  code: string;
  slug: string;
  name: string;
}

export interface GridDataset {
  key: string;
  status: 'PENDING' | 'PUBLISHED';
  periodStart: string | null;
  periodEnd: string | null;
  /** The title in Spanish and in English, for the new figures' labels. */
  titleEs: string;
  titleEn: string;
}

export interface GridObservation {
  scope: string;
  region: { code: string } | null;
  breakdown: unknown;
  periodStart: string;
  periodEnd: string;
}

export interface GridCell {
  region: Region;
  year: number;
  key: string;
  label: string;
  labelEn: string;
  periodStart: string;
  periodEnd: string;
}

const yearOf = (iso: string) => Number(iso.slice(0, 4));

/** Whether a dataset is laid out as regions × years: pending (no figures yet) or all its figures so. */
export function isRegionYearDataset(dataset: GridDataset, observations: GridObservation[]): boolean {
  if (!dataset.periodStart || !dataset.periodEnd || yearOf(dataset.periodEnd) - yearOf(dataset.periodStart) > 30) return false;
  if (dataset.status === 'PENDING') return true;
  return observations.length > 0 && observations.every((o) => o.scope === 'REGION' && !o.breakdown && yearOf(o.periodStart) === yearOf(o.periodEnd));
}

/** The observation a cell stands for, if one is stored (same region, same year, no breakdown). */
export function matches(cell: { region: Region; year: number }, o: GridObservation): boolean {
  return o.scope === 'REGION' && !o.breakdown && o.region?.code === cell.region.code && yearOf(o.periodStart) === cell.year;
}

/** "trafficking-cases-by-region-2021-2023" → "trafficking-cases-by-region". */
function keyPrefix(datasetKey: string): string {
  return datasetKey.replace(/-\d{4}(-\d{4})?$/, '');
}

/** "Casos … por región, periodo 2021-2023" → "Casos … por región" (the row names its own year). */
function titleWithoutPeriod(title: string): string {
  return title.replace(/,?\s*(periodo\s+)?\d{4}\s*[-–]\s*(\p{L}+\s+)?\d{4}\s*$/iu, '').trim();
}

const MONTHS = {
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'setiembre', 'octubre', 'noviembre', 'diciembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** A cell's period in words: "2022", or "enero 2023" for the one month of a cut year. */
function periodWords(start: string, end: string, lang: 'es' | 'en'): string {
  const year = start.slice(0, 4);
  if (start.endsWith('-01-01') && end.endsWith('-12-31')) return year;
  const [m1, m2] = [Number(start.slice(5, 7)), Number(end.slice(5, 7))];
  const month = (m: number) => MONTHS[lang][m - 1]!;
  return m1 === m2 ? `${month(m1)} ${year}` : `${month(m1)}–${month(m2)} ${year}`;
}

export function gridCells(dataset: GridDataset, regions: Region[]): GridCell[] {
  const start = dataset.periodStart!;
  const end = dataset.periodEnd!;
  const cells: GridCell[] = [];
  for (const region of regions) {
    for (let year = yearOf(start); year <= yearOf(end); year++) {
      const periodStart = `${year}-01-01` < start ? start : `${year}-01-01`;
      const periodEnd = `${year}-12-31` > end ? end : `${year}-12-31`;
      cells.push({
        region,
        year,
        key: `${keyPrefix(dataset.key)}-${region.slug}-${year}`,
        label: `${titleWithoutPeriod(dataset.titleEs)}: ${region.name}, ${periodWords(periodStart, periodEnd, 'es')}`,
        labelEn: `${titleWithoutPeriod(dataset.titleEn)}: ${region.name}, ${periodWords(periodStart, periodEnd, 'en')}`,
        periodStart,
        periodEnd,
      });
    }
  }
  return cells;
}
