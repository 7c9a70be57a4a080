/**
 * The parts of the Vigía GraphQL API the widgets read (see packages/schema/schema.graphql),
 * as selection sets and the TypeScript shapes they return.
 */
import { fragment } from './client.js';

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
/** The fields of a Source, as a fragment spread for any field of that type. */
export const SOURCE_FIELDS = fragment('S', 'Source', 'title publisher publishedOn section slide url citedWork');
export const SOURCE = `source{${SOURCE_FIELDS}}`;

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

export const summary = (lang: string) =>
  `regional provincial district populatedCenter local total note(lang:${lang}) ${SOURCE} sources{${SOURCE_FIELDS}} dataset{csvUrl title(lang:${lang})}`;

export interface DatasetRef {
  key: string;
  title: string;
  status: 'PUBLISHED' | 'PENDING';
  pendingReason: string | null;
  csvUrl: string;
}
export const datasetRef = (lang: string) =>
  `dataset{key title(lang:${lang}) status pendingReason(lang:${lang}) csvUrl}`;

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
export const observation = (lang: string) =>
  `key label(lang:${lang}) value suppressed displayValue unit periodStart periodEnd scope region{name slug} ${SOURCE}`;

/** An observation's figure as text: formatted by the locale, or the API's "< 5" when suppressed. */
export const figureText = (o: Pick<Observation, 'value' | 'displayValue' | 'unit'>, loc: { num(v: number): string; pct(v: number): string }) =>
  o.value === null ? o.displayValue : o.unit.trim() === '%' ? loc.pct(o.value) : loc.num(o.value);

/** An observation with the dataset it belongs to (for the CSV link and pending status). */
export interface Indicator extends Observation {
  dataset: DatasetRef;
}
export const indicator = (lang: string) => `${observation(lang)} ${datasetRef(lang)}`;

export interface Dataset extends DatasetRef {
  description: string;
  unit: string;
  periodStart: string | null;
  periodEnd: string | null;
  source: Source;
  observations: Observation[];
}
export const dataset = (lang: string) =>
  `key title(lang:${lang}) description(lang:${lang}) unit status pendingReason(lang:${lang}) csvUrl periodStart periodEnd ${SOURCE} observations{${observation(lang)}}`;

export interface Space {
  id: string;
  name: string;
  level: Level;
  province: string | null;
  district: string | null;
  locality: string | null;
  note: string | null;
}

/** Languages the API writes prose in; locales map onto one of them. */
export type ApiLang = 'ES' | 'EN';
