import { coordinationSpaceName } from '@vigia/schema';
import { z } from 'zod';
import type { Actor } from '../core/audit.js';
import { InputError, NotFoundError } from '../core/errors.js';
import { requireRegion, requireSource, type Db, type Refs } from './refs.js';
import {
  checkTexts,
  dateRangeProblem,
  definedFields,
  EARLIEST_DATE,
  fieldName,
  isoDateSchema,
  isoDay,
  keySchema,
  parseField,
  parseOrThrow,
  plainString,
  textSchema,
  toDate,
  todayInPeru,
  type FieldNames,
} from './values.js';
import { checkExpectedVersion, LOCK, saveVersioned, type SaveResult, type Versioned } from './transaction.js';

export const LEVELS = ['REGIONAL', 'PROVINCIAL', 'DISTRICT', 'POPULATED_CENTER'] as const;
export type Level = (typeof LEVELS)[number];

/** A coordination space by its natural references (audit log, import and export). */
export interface SpaceSnapshot {
  key: string;
  name: string;
  level: Level;
  regionCode: string;
  province: string | null;
  district: string | null;
  locality: string | null;
  sourceText: string;
  note: string | null;
  sourceKey: string;
  closedOn: string | null;
  closedReason: string | null;
}

export type SpacePatch = { [K in Exclude<keyof SpaceSnapshot, 'key'>]?: SpaceSnapshot[K] | null };

const SPACE_SELECT = {
  id: true,
  key: true,
  version: true,
  name: true,
  level: true,
  province: true,
  district: true,
  locality: true,
  sourceText: true,
  note: true,
  closedOn: true,
  closedReason: true,
  region: { select: { code: true } },
  source: { select: { key: true } },
} as const;

export async function loadSpaces(db: Db, keys?: string[]): Promise<Map<string, Versioned<SpaceSnapshot>>> {
  const rows = await db.coordinationSpace.findMany({ where: keys ? { key: { in: keys } } : {}, select: SPACE_SELECT });
  return new Map(
    rows.map((s) => [
      s.key,
      {
        id: s.id,
        version: s.version,
        snapshot: {
          key: s.key,
          name: s.name,
          level: s.level,
          regionCode: s.region.code,
          province: s.province,
          district: s.district,
          locality: s.locality,
          sourceText: s.sourceText,
          note: s.note,
          sourceKey: s.source.key,
          closedOn: s.closedOn && isoDay(s.closedOn),
          closedReason: s.closedReason,
        },
      },
    ]),
  );
}

const spaceSchema = z.object({
  key: keySchema,
  name: textSchema(300),
  level: z.enum(LEVELS, { error: `must be one of ${LEVELS.join(', ')}` }),
  regionCode: textSchema(60),
  province: textSchema(120).nullable(),
  district: textSchema(120).nullable(),
  locality: textSchema(120).nullable(),
  sourceText: textSchema(1000),
  note: textSchema(2000, { multiline: true }).nullable(),
  sourceKey: plainString().min(1, 'is required'),
  closedOn: isoDateSchema.nullable(),
  closedReason: textSchema(1000, { multiline: true }).nullable(),
});

const slugify = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export interface SpacePlan {
  snapshot: SpaceSnapshot;
  data: {
    key: string;
    name: string;
    level: Level;
    regionId: string;
    province: string | null;
    district: string | null;
    locality: string | null;
    sourceText: string;
    note: string | null;
    sourceId: string;
    closedOn: Date | null;
    closedReason: string | null;
  };
}

/** Validates the next state of a space and resolves its region and source. */
export function planSpace(
  key: string,
  patch: SpacePatch,
  existing: Versioned<SpaceSnapshot> | null,
  refs: Refs,
  regionNames: Map<string, string>,
  names: FieldNames = {},
): SpacePlan {
  const sent = definedFields(patch);
  checkTexts(sent, names, ['note', 'closedReason']);
  const name = (field: string) => fieldName(names, field);
  let merged: Record<string, unknown>;
  if (existing) {
    merged = { ...existing.snapshot, ...sent };
  } else {
    for (const field of ['level', 'regionCode', 'sourceText', 'sourceKey'] as const) {
      if (sent[field] == null) throw new InputError(name(field), 'is required for a new coordination space');
    }
    merged = { key, province: null, district: null, locality: null, note: null, closedOn: null, closedReason: null, ...sent };
  }
  if (merged.regionCode != null && typeof merged.regionCode === 'string') {
    const region = requireRegion(refs, merged.regionCode, names);
    merged.regionCode = region.code;
    if (merged.name == null && !existing && typeof merged.level === 'string' && (LEVELS as readonly string[]).includes(merged.level)) {
      merged.name = coordinationSpaceName(merged.level as Level, regionNames.get(region.code) ?? region.slug, merged as SpacePatch);
    }
  }
  const s = parseOrThrow(spaceSchema, merged, names);
  const region = requireRegion(refs, s.regionCode, names);
  const source = requireSource(refs, s.sourceKey, names);
  if (s.level === 'PROVINCIAL' && !s.province) throw new InputError(name('province'), 'is required for a PROVINCIAL space');
  if (s.level === 'DISTRICT' && !s.district) throw new InputError(name('district'), 'is required for a DISTRICT space');
  if (s.level === 'POPULATED_CENTER' && !s.locality) throw new InputError(name('locality'), 'is required for a POPULATED_CENTER space');
  if (s.closedOn && s.closedOn < EARLIEST_DATE) throw new InputError(name('closedOn'), dateRangeProblem(s.closedOn)!);
  if (s.closedOn && s.closedOn > todayInPeru()) {
    throw new InputError(name('closedOn'), `must not be in the future (today is ${todayInPeru()} in Peru): record a closure once it has happened`);
  }
  if (s.closedReason && !s.closedOn) throw new InputError(name('closedReason'), 'only applies to a closed space (give closedOn too)');
  return {
    snapshot: s,
    data: {
      key: s.key,
      name: s.name,
      level: s.level,
      regionId: region.id,
      province: s.province,
      district: s.district,
      locality: s.locality,
      sourceText: s.sourceText,
      note: s.note,
      sourceId: source.id,
      closedOn: s.closedOn ? toDate(s.closedOn) : null,
      closedReason: s.closedReason,
    },
  };
}

export async function regionNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.region.findMany({ select: { code: true, name: true } })).map((r) => [r.code, r.name]));
}

async function nextSpacePosition(db: Db): Promise<number> {
  const last = await db.coordinationSpace.aggregate({ _max: { position: true } });
  return (last._max.position ?? -1) + 1;
}

export type SpaceMode = 'create' | 'update' | 'close' | 'reopen' | 'upsert';

/** A key for a new space from its region and place ("puno-la-rinconada"), when the caller gives none. */
export function defaultSpaceKey(refs: Refs, patch: SpacePatch): string | null {
  if (!patch.regionCode) return null;
  const region = requireRegion(refs, patch.regionCode, {});
  const place = patch.locality ?? patch.district ?? patch.province ?? (patch.level === 'REGIONAL' ? 'regional' : null);
  return place ? `${region.slug}-${slugify(place)}` : null;
}

/** Creates, changes, closes or reopens one space with its audit entry, inside the caller's transaction. */
export async function saveSpace(
  tx: Db,
  actor: Actor,
  input: { key: string; patch: SpacePatch; expectedVersion?: number | null; action: string; mode: SpaceMode },
  refs: Refs,
  names: FieldNames = {},
): Promise<SaveResult> {
  const key = parseField(keySchema, input.key, 'key', names);
  await tx.coordinationSpace.updateMany({ where: { key }, data: LOCK });
  const existing = (await loadSpaces(tx, [key])).get(key) ?? null;
  const what = `coordination space "${key}"`;
  if (input.mode === 'create' && existing) {
    throw new InputError(fieldName(names, 'key'), `${what} already exists; change it with updateCoordinationSpace`);
  }
  if (input.mode !== 'create' && input.mode !== 'upsert' && !existing) throw new NotFoundError('key', `no ${what}`);
  checkExpectedVersion(what, existing, input.expectedVersion);
  if (input.mode === 'close' && existing?.snapshot.closedOn) {
    throw new InputError('key', `${what} is already closed (since ${existing.snapshot.closedOn})`);
  }
  if (input.mode === 'reopen' && existing && !existing.snapshot.closedOn) throw new InputError('key', `${what} is open`);
  const plan = planSpace(key, input.patch, existing, refs, await regionNames(tx), names);
  return saveVersioned(tx, actor, {
    action: input.action,
    subjectType: 'CoordinationSpace',
    subjectKey: key,
    existing,
    next: plan.snapshot,
    create: async () => tx.coordinationSpace.create({ data: { ...plan.data, position: await nextSpacePosition(tx) }, select: { id: true } }),
    update: async (id, version) =>
      (await tx.coordinationSpace.updateMany({ where: { id, version }, data: { ...plan.data, version: version + 1 } })).count,
  });
}
