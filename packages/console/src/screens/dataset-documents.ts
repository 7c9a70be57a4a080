/** A dataset's figures as the figures table reads and writes them: their shape, the GraphQL documents, a row's draft. */
import type { Message } from '../ui.js';
import type { GridCell } from './grid.js';

export interface Observation {
  key: string;
  label: string;
  value: number | null;
  displayValue: string;
  suppressed: boolean;
  unit: string;
  periodStart: string;
  periodEnd: string;
  scope: string;
  area: string | null;
  region: { code: string; name: string } | null;
  breakdown: { dimension: string; value: string } | null;
  version: number;
}

export interface Dataset {
  key: string;
  title: string;
  titleEs: string;
  titleEn: string;
  description: string;
  status: 'PENDING' | 'PUBLISHED';
  pendingReason: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  unit: string;
  countsVictims: boolean;
  csvUrl: string;
  source: { key: string; title: string; section: string; slide: number | null };
  observations: Observation[];
}

export type Field = 'value' | 'periodStart' | 'periodEnd';
export const FIELDS: Field[] = ['value', 'periodStart', 'periodEnd'];

export interface Row {
  key: string;
  /** The stored figure; null for a grid row not entered yet. */
  stored: Observation | null;
  /** For a row of the regions × years grid: its region and year, and what a new figure is created with. */
  cell: GridCell | null;
  draft: Record<Field, string>;
  errors: Partial<Record<Field | 'row', Message>>;
  saving: boolean;
  conflict: Observation | null;
  confirmDelete: boolean;
  saved: string | null;
}

export const OBSERVATION = `key label(lang: $lang) value displayValue suppressed unit periodStart periodEnd scope area
  region { code name } breakdown { dimension value } version`;

export const DATASET = `query ConsoleDataset($key: String!, $lang: Lang!) {
  dataset(key: $key) {
    key title(lang: $lang) titleEs: title(lang: ES) titleEn: title(lang: EN) description(lang: $lang) status pendingReason(lang: $lang)
    periodStart periodEnd unit countsVictims csvUrl source { key title section slide }
    observations { ${OBSERVATION} }
  }
  regions(focus: true) { code slug name }
}`;

export const INDICATOR = `query ConsoleIndicator($key: String!, $lang: Lang!) { indicator(key: $key) { ${OBSERVATION} } }`;

export const UPSERT = `mutation ConsoleUpsertIndicator($input: UpsertIndicatorInput!, $lang: Lang!) {
  upsertIndicator(input: $input) { changed created indicator { ${OBSERVATION} } dataset { status observationCount } }
}`;

export const DELETE = `mutation ConsoleDeleteIndicator($input: DeleteIndicatorInput!) {
  deleteIndicator(input: $input) { deletedKey dataset { status observationCount } }
}`;

export const draftOf = (o: Observation | null, cell: GridCell | null): Record<Field, string> => ({
  value: o?.value === null || o?.value === undefined ? '' : String(o.value),
  periodStart: o?.periodStart ?? cell?.periodStart ?? '',
  periodEnd: o?.periodEnd ?? cell?.periodEnd ?? '',
});

/** Whether the steward changed the row since it was read (a new row: whether a figure was typed). */
export function isDirty(row: Row): boolean {
  if (!row.stored) return row.draft.value.trim() !== '';
  const stored = draftOf(row.stored, row.cell);
  return FIELDS.some((f) => row.draft[f].trim() !== stored[f]);
}

/** How a row is named to the steward: "Puno, 2022" in the grid, else the figure's label. */
export function rowName(row: Row): string {
  return row.cell ? `${row.cell.region.name}, ${row.cell.year}` : row.stored!.label;
}
