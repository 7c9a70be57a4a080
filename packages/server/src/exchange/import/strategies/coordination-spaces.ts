/** Importing coordination spaces: one row per space, by its key. */
import { SPACE_COLUMNS } from '../../csv.js';
import { loadSpaces, planSpace, regionNames, type SpacePatch, type SpacePlan, type SpaceSnapshot } from '../../../write/coordination-spaces.js';
import { loadRefs } from '../../../write/refs.js';
import type { FieldNames } from '../../../write/values.js';
import { BATCH, text } from './cells.js';
import type { Cells, ImportStrategy } from './strategy.js';

export type SpaceData = SpacePlan['data'];

/** CSV column ↔ field names, so that a problem names the column the steward sees. */
const NAMES: FieldNames = {
  regionCode: 'region_code',
  sourceText: 'source_text',
  sourceKey: 'source_key',
  closedOn: 'closed_on',
  closedReason: 'closed_reason',
};

function spacePatch(cells: Cells): SpacePatch {
  return {
    name: text(cells.name),
    level: text(cells.level) as SpacePatch['level'],
    regionCode: text(cells.region_code),
    province: text(cells.province),
    district: text(cells.district),
    locality: text(cells.locality),
    sourceText: text(cells.source_text),
    note: text(cells.note),
    sourceKey: text(cells.source_key),
    closedOn: text(cells.closed_on),
    closedReason: text(cells.closed_reason),
  };
}

export const spaceRows: ImportStrategy<SpaceSnapshot, SpaceData> = {
  subject: 'coordination space',
  columns: SPACE_COLUMNS,
  recognisedBy: { header: 'a coordination-spaces export (it has "level" and "source_text")', rows: 'coordination spaces (with "level")' },
  recognises: (columns) => columns.includes('level') && columns.includes('source_text'),

  async prepare(db) {
    const refs = await loadRefs(db);
    const stored = await loadSpaces(db);
    const names = await regionNames(db);
    return (key, cells) => {
      const existing = stored.get(key) ?? null;
      const plan = planSpace(key, spacePatch(cells), existing, refs, names, NAMES);
      return { existing, snapshot: plan.snapshot, data: plan.data };
    };
  },

  async update(tx, w) {
    const { count } = await tx.coordinationSpace.updateMany({ where: { id: w.id, version: w.version }, data: { ...w.data, version: w.version + 1 } });
    return count;
  },

  // New spaces go after the last one, in the file's order.
  async create(tx, writes) {
    if (!writes.length) return;
    const last = await tx.coordinationSpace.aggregate({ _max: { position: true } });
    let position = (last._max.position ?? -1) + 1;
    const rows = writes.map((w) => ({ ...w.data, position: position++ }));
    for (let i = 0; i < rows.length; i += BATCH) await tx.coordinationSpace.createMany({ data: rows.slice(i, i + BATCH) });
  },
};
