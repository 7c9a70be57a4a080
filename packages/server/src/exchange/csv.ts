import { stringify } from 'csv-stringify/sync';
import type { Caller } from '../core/caller.js';
import type { Snapshot } from '../read-model/snapshot.js';
import { publishedValue, suppressedText } from '../core/suppression.js';
import { isoDay } from '../write/values.js';

/**
 * Column order of every Vigía observations file (HTTP CSV, CLI export, import). The
 * `source_section`, `source_document`, `source_published_on` and `suppressed` columns are
 * there for readers; an import ignores them.
 */
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
  'area',
  'breakdown_dimension',
  'breakdown_value',
  'base_label',
  'base_label_en',
  'suppressed',
  'source_key',
  'source_section',
  'source_document',
  'source_published_on',
] as const;

export const SPACE_COLUMNS = [
  'key',
  'name',
  'level',
  'region_code',
  'province',
  'district',
  'locality',
  'source_text',
  'note',
  'source_key',
  'closed_on',
  'closed_reason',
] as const;

export type ObservationRecord = Record<(typeof OBSERVATION_COLUMNS)[number], string | number | boolean | null>;
export type SpaceRecord = Record<(typeof SPACE_COLUMNS)[number], string | null>;

/**
 * The observations of one dataset (or of all, with no key), as this caller may see them:
 * small victim counts are "< 5" (value null) unless the caller is an editor or admin.
 * Read from the snapshot, as the API reads them (same rows, same order: by dataset, then
 * position), so a widget's figure and its CSV link always agree.
 * Returns null when the dataset does not exist.
 */
export function observationRecords(data: Snapshot, datasetKey: string | undefined, caller: Caller | null): ObservationRecord[] | null {
  let rows = data.observations;
  if (datasetKey !== undefined) {
    const dataset = data.datasetByKey.get(datasetKey);
    if (!dataset) return null;
    rows = data.observationsOfDataset.get(dataset.id) ?? [];
  }
  return rows.map((o) => {
    const dataset = data.datasetById.get(o.datasetId)!;
    const source = data.sourceById.get(o.sourceId)!;
    const published = publishedValue({ ...o, countsVictims: dataset.countsVictims }, caller);
    return {
      dataset: dataset.key,
      key: o.key,
      label: o.label,
      label_en: o.labelEn,
      value: published.value,
      unit: o.unit,
      period_start: isoDay(o.periodStart),
      period_end: isoDay(o.periodEnd),
      scope: o.scope,
      region_code: (o.regionId && data.regionById.get(o.regionId)?.code) ?? null,
      area: o.area,
      breakdown_dimension: o.breakdownDimension,
      breakdown_value: o.breakdownValue,
      base_label: o.baseLabel,
      base_label_en: o.baseLabelEn,
      suppressed: published.suppressed,
      source_key: source.key,
      source_section: source.section,
      source_document: source.document.title,
      source_published_on: source.document.publishedOn,
    };
  });
}

/** Every coordination space, open and closed, in the order of the source (the snapshot's). */
export function spaceRecords(data: Snapshot): SpaceRecord[] {
  return data.coordinationSpaces.map((s) => ({
    key: s.key,
    name: s.name,
    level: s.level,
    region_code: data.regionById.get(s.regionId)!.code,
    province: s.province,
    district: s.district,
    locality: s.locality,
    source_text: s.sourceText,
    note: s.note,
    source_key: data.sourceById.get(s.sourceId)!.key,
    closed_on: s.closedOn && isoDay(s.closedOn),
    closed_reason: s.closedReason,
  }));
}

// ---------------------------------------------------------------------------------------
// Cells a spreadsheet would run (OWASP "CSV injection")

/**
 * What makes a spreadsheet read a cell as a formula when it comes first: = + - @, tab and
 * carriage return (OWASP), and their full-width forms ＝ ＋ － ＠ (which some spreadsheets
 * and input methods take as the ASCII ones).
 */
const TRIGGER = '=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20';
/** A cell our CSV escapes: any apostrophes, then a trigger. */
const NEEDS_ESCAPE = new RegExp(`^'*[${TRIGGER}]`);
/** A cell our CSV escaped: one or more apostrophes, then a trigger. */
const ESCAPED = new RegExp(`^'+[${TRIGGER}]`);
/** A plain decimal number (-3, +1.5, -2e5): a spreadsheet reads it as that number, never runs it. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A cell as every CSV Vigía writes it: a text that begins with a trigger — or with
 * apostrophes and then a trigger, so that a value that really begins with `'=` comes back
 * too — gets one apostrophe in front (`=1+1` → `'=1+1`, `'=1+1` → `''=1+1`), which makes a
 * spreadsheet show it as text. A plain number (-3) is left as it is.
 */
export function neutraliseCell(text: string): string {
  return NEEDS_ESCAPE.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * The inverse, for a cell of a CSV file being imported: a cell that begins with one or
 * more apostrophes and then a trigger loses its first apostrophe (`'=1+1` → `=1+1`,
 * `''=1+1` → `'=1+1`); any other cell is read as it is. Every cell neutraliseCell writes
 * reads back to the original text.
 */
export function restoreCell(text: string): string {
  return ESCAPED.test(text) ? text.slice(1) : text;
}

/**
 * CSV with one header row; a withheld value is written as "< 5", empty cells for nulls.
 * Cells a spreadsheet would run are neutralised (neutraliseCell) and quoted.
 */
export function toCsv(columns: readonly string[], records: Record<string, unknown>[], suppressedText?: string): string {
  const cell = (record: Record<string, unknown>, column: string) => {
    const value = record[column];
    if (column === 'value' && value === null && record.suppressed === true) return suppressedText ?? '';
    if (value === null || value === undefined) return '';
    return neutraliseCell(typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value));
  };
  return stringify([[...columns], ...records.map((r) => columns.map((c) => cell(r, c)))], { quoted_match: ESCAPED });
}

/**
 * The observations of one dataset (or of all, with no key) as CSV with one header row, as
 * the caller may see them. Returns null when the dataset does not exist. A pending dataset
 * gives the header alone.
 */
export function observationsCsv(data: Snapshot, datasetKey?: string, caller: Caller | null = null): string | null {
  const records = observationRecords(data, datasetKey, caller);
  if (!records) return null;
  return toCsv(OBSERVATION_COLUMNS, records, suppressedText());
}
