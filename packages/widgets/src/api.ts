/**
 * The shapes the widgets read from the Vigía GraphQL API (see packages/schema/schema.graphql);
 * the documents that ask for them are in operations.ts.
 */

export type Level = 'REGIONAL' | 'PROVINCIAL' | 'DISTRICT' | 'POPULATED_CENTER';
export const LEVELS: readonly Level[] = ['REGIONAL', 'PROVINCIAL', 'DISTRICT', 'POPULATED_CENTER'];

export interface Source {
  title: string;
  publisher: string;
  publishedOn: string;
  section: string;
  slide: number | null;
  url: string | null;
  /** The work the document cites when the figure is second-hand. */
  citedWork: string | null;
}

export interface Summary {
  regional: number;
  provincial: number;
  district: number;
  populatedCenter: number;
  local: number;
  total: number;
  note: string | null;
  source: Source | null;
  sources: Source[];
  /** The dataset in which the source states these counts (national; five focus regions), for its CSV. */
  dataset: { csvUrl: string; title: string } | null;
}
/** The count of one level in a summary. */
export const levelCount = (s: Summary, level: Level): number =>
  ({ REGIONAL: s.regional, PROVINCIAL: s.provincial, DISTRICT: s.district, POPULATED_CENTER: s.populatedCenter })[level];

export interface DatasetRef {
  key: string;
  title: string;
  status: 'PUBLISHED' | 'PENDING';
  pendingReason: string | null;
  csvUrl: string;
}

export interface Observation {
  key: string;
  label: string;
  /** Null when the API suppresses a small victim count for this caller: show `displayValue`. */
  value: number | null;
  suppressed: boolean;
  /** The figure as the API says to show it ("< 5" when suppressed). */
  displayValue: string;
  unit: string;
  periodStart: string;
  periodEnd: string;
  scope: 'NATIONAL' | 'FOCUS_REGIONS' | 'REGION';
  region: { name: string; slug: string } | null;
  source: Source;
}

/** An observation's figure as text: formatted by the locale, or the API's "< 5" when suppressed. */
export const figureText = (o: Pick<Observation, 'value' | 'displayValue' | 'unit'>, loc: { num(v: number): string; pct(v: number): string }) =>
  o.value === null ? o.displayValue : o.unit.trim() === '%' ? loc.pct(o.value) : loc.num(o.value);

/** An observation with the dataset it belongs to (for the CSV link and pending status). */
export interface Indicator extends Observation {
  dataset: DatasetRef;
}

export interface Dataset extends DatasetRef {
  description: string;
  unit: string;
  periodStart: string | null;
  periodEnd: string | null;
  source: Source;
  observations: Observation[];
}

export interface Space {
  id: string;
  name: string;
  level: Level;
  province: string | null;
  district: string | null;
  locality: string | null;
  note: string | null;
}
