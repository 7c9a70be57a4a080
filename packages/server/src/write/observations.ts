import { z } from 'zod';
import { publishObservations } from '@vigia/schema';
import { recordAudit, type Actor } from '../core/audit.js';
import { InputError, NotFoundError, RetryableConflict } from '../core/errors.js';
import { publicNote } from './publications.js';
import { requireDataset, requireRegion, requireSource, type Db, type Refs } from './refs.js';
import {
  checkTexts,
  codeSchema,
  dateRangeProblem,
  definedFields,
  fieldName,
  isoDateSchema,
  isoDay,
  keySchema,
  MAX_COUNT,
  parseField,
  parseOrThrow,
  plainString,
  textSchema,
  toDate,
  type FieldNames,
} from './values.js';
import { checkExpectedVersion, LOCK, saveVersioned, type SaveResult, type Versioned } from './transaction.js';

export const SCOPES = ['NATIONAL', 'FOCUS_REGIONS', 'REGION', 'PROVINCE', 'DISTRICT'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * An observation (GraphQL `Indicator`) by its natural references: what the audit log
 * records, what imports compare, and what exports write.
 */
export interface ObservationSnapshot {
  key: string;
  datasetKey: string;
  label: string;
  labelEn: string;
  value: number;
  unit: string;
  periodStart: string;
  periodEnd: string;
  scope: Scope;
  regionCode: string | null;
  area: string | null;
  breakdownDimension: string | null;
  breakdownValue: string | null;
  baseLabel: string | null;
  baseLabelEn: string | null;
  sourceKey: string;
}

/** What a caller sends: undefined leaves a field as it is (or takes the default), null clears it. */
export type ObservationPatch = { [K in Exclude<keyof ObservationSnapshot, 'key'>]?: ObservationSnapshot[K] | null };

export const OBSERVATION_SELECT = {
  id: true,
  key: true,
  version: true,
  position: true,
  datasetId: true,
  label: true,
  labelEn: true,
  value: true,
  unit: true,
  periodStart: true,
  periodEnd: true,
  scope: true,
  area: true,
  breakdownDimension: true,
  breakdownValue: true,
  baseLabel: true,
  baseLabelEn: true,
  dataset: { select: { key: true } },
  region: { select: { code: true } },
  source: { select: { key: true } },
} as const;

type ObservationRow = {
  id: string;
  key: string;
  version: number;
  position: number;
  datasetId: string;
  label: string;
  labelEn: string;
  value: number;
  unit: string;
  periodStart: Date;
  periodEnd: Date;
  scope: Scope;
  area: string | null;
  breakdownDimension: string | null;
  breakdownValue: string | null;
  baseLabel: string | null;
  baseLabelEn: string | null;
  dataset: { key: string };
  region: { code: string } | null;
  source: { key: string };
};

export interface ExistingObservation extends Versioned<ObservationSnapshot> {
  datasetId: string;
}

export function observationSnapshot(o: ObservationRow): ObservationSnapshot {
  return {
    key: o.key,
    datasetKey: o.dataset.key,
    label: o.label,
    labelEn: o.labelEn,
    value: o.value,
    unit: o.unit,
    periodStart: isoDay(o.periodStart),
    periodEnd: isoDay(o.periodEnd),
    scope: o.scope,
    regionCode: o.region?.code ?? null,
    area: o.area,
    breakdownDimension: o.breakdownDimension,
    breakdownValue: o.breakdownValue,
    baseLabel: o.baseLabel,
    baseLabelEn: o.baseLabelEn,
    sourceKey: o.source.key,
  };
}

/** Every stored observation by key (imports compare whole files against them). */
export async function loadObservations(db: Db, keys?: string[]): Promise<Map<string, ExistingObservation>> {
  const rows = await db.observation.findMany({ where: keys ? { key: { in: keys } } : {}, select: OBSERVATION_SELECT });
  return new Map(
    rows.map((row) => [row.key, { id: row.id, version: row.version, datasetId: row.datasetId, snapshot: observationSnapshot(row as ObservationRow) }]),
  );
}

const observationSchema = z.object({
  key: keySchema,
  datasetKey: plainString().min(1, 'is required'),
  label: textSchema(300),
  labelEn: textSchema(300),
  value: z
    .number({ error: 'must be a number' })
    .finite('must be a finite number')
    .min(0, 'must not be negative')
    .max(MAX_COUNT, `must be at most 10 000 000 (a count of people; a percentage is at most 100)`),
  unit: textSchema(60),
  periodStart: isoDateSchema,
  periodEnd: isoDateSchema,
  scope: z.enum(SCOPES, { error: `must be one of ${SCOPES.join(', ')}` }),
  regionCode: textSchema(60).nullable(),
  area: textSchema(120).nullable(),
  breakdownDimension: codeSchema.nullable(),
  breakdownValue: codeSchema.nullable(),
  baseLabel: textSchema(300).nullable(),
  baseLabelEn: textSchema(300).nullable(),
  sourceKey: plainString().min(1, 'is required'),
});

export interface ObservationPlan {
  snapshot: ObservationSnapshot;
  datasetId: string;
  /** The columns to write (without position and version). */
  data: {
    key: string;
    datasetId: string;
    label: string;
    labelEn: string;
    value: number;
    unit: string;
    periodStart: Date;
    periodEnd: Date;
    scope: Scope;
    regionId: string | null;
    area: string | null;
    breakdownDimension: string | null;
    breakdownValue: string | null;
    baseLabel: string | null;
    baseLabelEn: string | null;
    sourceId: string;
  };
}

const REQUIRED_FOR_NEW = ['datasetKey', 'label', 'labelEn', 'value', 'scope'] as const;

/**
 * Validates the next state of one observation — the stored one with the patch applied, or
 * a new one with the dataset's defaults (unit, period, source) — and resolves its references.
 * Throws InputError naming the first field that is wrong.
 */
export function planObservation(
  key: string,
  patch: ObservationPatch,
  existing: ExistingObservation | null,
  refs: Refs,
  names: FieldNames = {},
): ObservationPlan {
  const sent = definedFields(patch);
  checkTexts(sent, names);
  let merged: Record<string, unknown>;
  if (existing) {
    if (sent.datasetKey != null && sent.datasetKey !== existing.snapshot.datasetKey) {
      throw new InputError(
        fieldName(names, 'datasetKey'),
        `indicator "${key}" belongs to dataset "${existing.snapshot.datasetKey}"; keys are unique across datasets`,
      );
    }
    merged = { ...existing.snapshot, ...sent };
  } else {
    for (const field of REQUIRED_FOR_NEW) {
      if (sent[field] == null) throw new InputError(fieldName(names, field), `is required for a new indicator ("${key}" does not exist yet)`);
    }
    const dataset = requireDataset(refs, sent.datasetKey!, names);
    merged = {
      key,
      regionCode: null,
      area: null,
      breakdownDimension: null,
      breakdownValue: null,
      baseLabel: null,
      baseLabelEn: null,
      ...sent,
      unit: sent.unit ?? dataset.unit,
      periodStart: sent.periodStart ?? dataset.periodStart,
      periodEnd: sent.periodEnd ?? dataset.periodEnd,
      sourceKey: sent.sourceKey ?? dataset.sourceKey,
    };
  }
  const o = parseOrThrow(observationSchema, merged, names);
  const dataset = requireDataset(refs, o.datasetKey, names);
  const source = requireSource(refs, o.sourceKey, names);
  const name = (field: string) => fieldName(names, field);

  for (const field of ['periodStart', 'periodEnd'] as const) {
    const problem = dateRangeProblem(o[field]);
    if (problem) throw new InputError(name(field), problem);
  }
  if (o.periodEnd < o.periodStart) throw new InputError(name('periodEnd'), `must not be before periodStart (${o.periodStart})`);
  if (dataset.periodStart && o.periodStart < dataset.periodStart) {
    throw new InputError(name('periodStart'), `must be within the dataset's period, ${dataset.periodStart} to ${dataset.periodEnd}`);
  }
  if (dataset.periodEnd && o.periodEnd > dataset.periodEnd) {
    throw new InputError(name('periodEnd'), `must be within the dataset's period, ${dataset.periodStart} to ${dataset.periodEnd}`);
  }

  let regionId: string | null = null;
  let regionCode: string | null = null;
  if (o.scope === 'NATIONAL' || o.scope === 'FOCUS_REGIONS') {
    if (o.regionCode) throw new InputError(name('regionCode'), `must be empty for a ${o.scope} figure`);
    if (o.area) throw new InputError(name('area'), `must be empty for a ${o.scope} figure`);
  } else {
    if (!o.regionCode) throw new InputError(name('regionCode'), `is required for a ${o.scope} figure`);
    const region = requireRegion(refs, o.regionCode, names);
    regionId = region.id;
    regionCode = region.code;
    if (o.scope === 'REGION' && o.area) throw new InputError(name('area'), 'must be empty for a REGION figure (it is for a province or district)');
    if (o.scope !== 'REGION' && !o.area) {
      throw new InputError(name('area'), `is required for a ${o.scope} figure: the ${o.scope === 'PROVINCE' ? 'province' : 'district'} as the source writes it`);
    }
  }
  if ((o.breakdownDimension === null) !== (o.breakdownValue === null)) {
    const missing = o.breakdownDimension === null ? 'breakdownDimension' : 'breakdownValue';
    throw new InputError(name(missing), 'a breakdown needs both its dimension and its value (e.g. sex and female)');
  }
  if ((o.baseLabel === null) !== (o.baseLabelEn === null)) {
    throw new InputError(name(o.baseLabel === null ? 'baseLabel' : 'baseLabelEn'), 'give the base population in both Spanish and English, or neither');
  }
  if (o.unit === '%' && o.value > 100) throw new InputError(name('value'), `a percentage must be between 0 and 100; got ${o.value}`);
  // Every figure that is not a percentage counts something whole: people (victims, officers),
  // cases, coordination spaces. 1.5 officers is a typing mistake.
  if (o.unit !== '%' && !Number.isInteger(o.value)) {
    const what = dataset.countsVictims ? `dataset "${dataset.key}" counts people` : `a count of ${o.unit}`;
    throw new InputError(name('value'), `${what}: the value must be a whole number; got ${o.value}`);
  }

  const snapshot: ObservationSnapshot = { ...o, regionCode };
  return {
    snapshot,
    datasetId: dataset.id,
    data: {
      key: o.key,
      datasetId: dataset.id,
      label: o.label,
      labelEn: o.labelEn,
      value: o.value,
      unit: o.unit,
      periodStart: toDate(o.periodStart),
      periodEnd: toDate(o.periodEnd),
      scope: o.scope,
      regionId,
      area: o.area,
      breakdownDimension: o.breakdownDimension,
      breakdownValue: o.breakdownValue,
      baseLabel: o.baseLabel,
      baseLabelEn: o.baseLabelEn,
      sourceId: source.id,
    },
  };
}

/** Next free position at the end of a dataset (new observations are listed after the source's). */
export async function nextPosition(db: Db, datasetId: string): Promise<number> {
  const last = await db.observation.aggregate({ where: { datasetId }, _max: { position: true } });
  return (last._max.position ?? -1) + 1;
}

/** Creates or changes one observation with its audit entry, inside the caller's transaction. */
export async function saveObservation(
  tx: Db,
  actor: Actor,
  input: { key: string; patch: ObservationPatch; expectedVersion?: number | null; action: string; note?: string | null },
  refs: Refs,
  names: FieldNames = {},
): Promise<SaveResult> {
  const key = parseField(keySchema, input.key, 'key', names);
  const note = publicNote(input.note, names);
  await tx.observation.updateMany({ where: { key }, data: LOCK });
  const existing = (await loadObservations(tx, [key])).get(key) ?? null;
  checkExpectedVersion(`indicator "${key}"`, existing, input.expectedVersion, { creates: true });
  const plan = planObservation(key, input.patch, existing, refs, names);
  const saved = await saveVersioned(tx, actor, {
    action: input.action,
    subjectType: 'Indicator',
    subjectKey: key,
    existing,
    next: plan.snapshot,
    create: async () => tx.observation.create({ data: { ...plan.data, position: await nextPosition(tx, plan.datasetId) }, select: { id: true } }),
    update: async (id, version) =>
      (await tx.observation.updateMany({ where: { id, version }, data: { ...plan.data, version: version + 1 } })).count,
  });
  // The figure's new state becomes a public revision and raises its dataset's version.
  if (saved.changed) await publishObservations(tx, { action: input.action, note }, [saved.id]);
  return saved;
}

/** Deletes one observation (admins only), auditing what it was. */
export async function deleteObservation(
  tx: Db,
  actor: Actor,
  input: { key: string; expectedVersion?: number | null; action: string; note?: string | null },
): Promise<{ id: string; datasetId: string }> {
  const note = publicNote(input.note);
  await tx.observation.updateMany({ where: { key: input.key }, data: LOCK });
  const existing = (await loadObservations(tx, [input.key])).get(input.key);
  if (!existing) throw new NotFoundError('key', `no indicator with key "${input.key}"`);
  checkExpectedVersion(`indicator "${input.key}"`, existing, input.expectedVersion);
  const row = await tx.observation.findUnique({ where: { id: existing.id } });
  const { count } = await tx.observation.deleteMany({ where: { id: existing.id, version: existing.version } });
  if (count !== 1 || !row) throw new RetryableConflict();
  // Its history stays public: the deletion is the figure's last revision (withdrawn).
  await publishObservations(tx, { action: input.action, note }, [], [row]);
  await recordAudit(tx, actor, {
    action: input.action,
    subjectType: 'Indicator',
    subjectKey: input.key,
    before: { ...existing.snapshot, version: existing.version },
    after: null,
  });
  return { id: existing.id, datasetId: existing.datasetId };
}
