/** Importing observations (the figures of datasets): one row per figure, by its key. */
import { publishObservations } from '@vigia/schema';
import { OBSERVATION_COLUMNS } from '../../csv.js';
import { InputError } from '../../../core/errors.js';
import { loadObservations, planObservation, type ObservationPatch, type ObservationPlan, type ObservationSnapshot } from '../../../write/observations.js';
import { loadRefs } from '../../../write/refs.js';
import { SUPPRESSED_PATTERN } from '../../../core/suppression.js';
import { trimSpaces, type FieldNames } from '../../../write/values.js';
import { BATCH, text } from './cells.js';
import type { Cells, ImportStrategy } from './strategy.js';

export type ObservationData = ObservationPlan['data'];

/** CSV column ↔ field names, so that a problem names the column the steward sees. */
const NAMES: FieldNames = {
  datasetKey: 'dataset',
  labelEn: 'label_en',
  periodStart: 'period_start',
  periodEnd: 'period_end',
  regionCode: 'region_code',
  breakdownDimension: 'breakdown_dimension',
  breakdownValue: 'breakdown_value',
  baseLabel: 'base_label',
  baseLabelEn: 'base_label_en',
  sourceKey: 'source_key',
};

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** A row's cells as a patch; `keepValue` when the file withholds the value ("< 5") and the stored one stays. */
function observationPatch(cells: Cells): { patch: ObservationPatch; keepValue: boolean } {
  let value: number | null | undefined;
  let keepValue = false;
  const raw = cells.value;
  if (raw === undefined) value = undefined;
  else if (typeof raw === 'number') value = raw;
  else if (raw === null || (typeof raw === 'string' && trimSpaces(raw) === '')) {
    // A JSON export writes a withheld value as null with suppressed: true.
    if (cells.suppressed === true) keepValue = true;
    value = keepValue ? undefined : null;
  } else if (typeof raw === 'string' && SUPPRESSED_PATTERN.test(trimSpaces(raw))) {
    // A public export withholds small victim counts ("< 5"): importing it keeps the stored number.
    keepValue = true;
    value = undefined;
  } else if (typeof raw === 'string' && NUMBER.test(trimSpaces(raw))) value = Number(trimSpaces(raw));
  else throw new InputError('value', `must be a number (or "< 5" as in a public export); got ${JSON.stringify(raw)}`);
  return {
    keepValue,
    patch: {
      datasetKey: text(cells.dataset),
      label: text(cells.label),
      labelEn: text(cells.label_en),
      value,
      unit: text(cells.unit),
      periodStart: text(cells.period_start),
      periodEnd: text(cells.period_end),
      scope: text(cells.scope) as ObservationPatch['scope'],
      regionCode: text(cells.region_code),
      area: text(cells.area),
      breakdownDimension: text(cells.breakdown_dimension),
      breakdownValue: text(cells.breakdown_value),
      baseLabel: text(cells.base_label),
      baseLabelEn: text(cells.base_label_en),
      sourceKey: text(cells.source_key),
    },
  };
}

export const observationRows: ImportStrategy<ObservationSnapshot, ObservationData> = {
  subject: 'indicator',
  columns: OBSERVATION_COLUMNS,
  recognisedBy: { header: 'an observations export (it has "dataset")', rows: 'observations (with "dataset")' },
  recognises: (columns) => columns.includes('dataset'),

  async prepare(db) {
    const refs = await loadRefs(db);
    const stored = await loadObservations(db);
    return (key, cells) => {
      const existing = stored.get(key) ?? null;
      const { patch, keepValue } = observationPatch(cells);
      if (keepValue && !existing) {
        throw new InputError('value', `is suppressed ("< 5"); a new indicator ("${key}" does not exist yet) needs its number`);
      }
      const plan = planObservation(key, patch, existing, refs, NAMES);
      return { existing, snapshot: plan.snapshot, data: plan.data };
    };
  },

  async update(tx, w) {
    const { count } = await tx.observation.updateMany({ where: { id: w.id, version: w.version }, data: { ...w.data, version: w.version + 1 } });
    return count;
  },

  async create(tx, writes) {
    // New observations go after each dataset's last one, in the file's order.
    const next = new Map<string, number>();
    const rows = [];
    for (const w of writes) {
      const { datasetId } = w.data;
      if (!next.has(datasetId)) {
        const last = await tx.observation.aggregate({ where: { datasetId }, _max: { position: true } });
        next.set(datasetId, (last._max.position ?? -1) + 1);
      }
      const position = next.get(datasetId)!;
      next.set(datasetId, position + 1);
      rows.push({ ...w.data, position });
    }
    for (let i = 0; i < rows.length; i += BATCH) await tx.observation.createMany({ data: rows.slice(i, i + BATCH) });
  },

  // The figures the file created or changed are published together, as one revision each.
  async afterWrite(tx, { updates, creates }, note) {
    const created = creates.length ? await tx.observation.findMany({ where: { key: { in: creates.map((w) => w.key) } }, select: { id: true } }) : [];
    await publishObservations(tx, { action: 'import', note }, [...updates.map((w) => w.id), ...created.map((o) => o.id)]);
  },
};
