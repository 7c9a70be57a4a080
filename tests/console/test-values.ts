/**
 * The figures the steward's story types into the pending cases-by-region table: one per focus
 * region and year of the dataset's period.
 */
export const DATASET = 'trafficking-cases-by-region-2021-2023';
const REGIONS = [
  { slug: 'arequipa', name: 'Arequipa', code: '04' },
  { slug: 'cusco', name: 'Cusco', code: '08' },
  { slug: 'moquegua', name: 'Moquegua', code: '18' },
  { slug: 'puno', name: 'Puno', code: '21' },
  { slug: 'tacna', name: 'Tacna', code: '23' },
];
const YEARS = [2021, 2022, 2023];
export const keyOf = (slug: string, year: number) => `trafficking-cases-by-region-${slug}-${year}`;
/**
 * TEST-ONLY values, in a database that is thrown away: 9RRYY-shaped numbers (region index, year)
 * that no chart shows, so nobody mistakes them for the source's figures (which stay pending in
 * the real data until a steward types them from the chart).
 */
const testValue = (regionIndex: number, year: number) => 90_000 + (regionIndex + 1) * 100 + (year - 2020);
export const EXPECTED = new Map(REGIONS.flatMap((r, i) => YEARS.map((y) => [keyOf(r.slug, y), testValue(i, y)] as const)));
