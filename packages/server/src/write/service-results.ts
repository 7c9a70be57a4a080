import { z } from 'zod';
import { publishResults } from '@vigia/schema';
import type { Actor } from '../core/audit.js';
import { InputError } from '../core/errors.js';
import { publicNote } from './publications.js';
import type { Db } from './refs.js';
import { dataEntrySource } from './sources.js';
import { definedFields, fieldName, MAX_COUNT, parseOrThrow, plainString, textSchema, todayInPeru, type FieldNames } from './values.js';
import { checkExpectedVersion, LOCK, saveVersioned, type SaveResult } from './transaction.js';

export interface ServiceResultSnapshot {
  serviceNumber: number;
  year: number;
  achieved: number;
  executionRate: number | null;
  unit: string;
  unitEn: string;
  sourceKey: string;
}

export interface ServiceResultInput {
  serviceNumber: number;
  year: number;
  achieved?: number | null;
  executionRate?: number | null;
  unit?: string | null;
  unitEn?: string | null;
  sourceKey?: string | null;
  expectedVersion?: number | null;
  /** The public note on the change (see write/publications.ts). */
  note?: string | null;
}

const resultSchema = z.object({
  serviceNumber: z.number().int(),
  year: z.number().int(),
  achieved: z
    .number({ error: 'is required' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(MAX_COUNT, 'must be at most 10 000 000 (what a service delivers in a year, such as people trained)'),
  executionRate: z
    .number()
    .finite('must be a finite number')
    .min(0, 'must be a percentage of at least 0 (e.g. 118.5 for 118.5 %)')
    .max(1000, 'must be a percentage of at most 1000 (e.g. 118.5 for 118.5 %, not 1.185)')
    .nullable(),
  unit: textSchema(120),
  unitEn: textSchema(120),
  sourceKey: plainString().min(1, 'is required'),
});

/**
 * Records what a service achieved in a year (creates the year's result or changes it),
 * with its audit entry, inside the caller's transaction. A new result without a source
 * is cited as entered in Vigía by the caller: never as coming from a document it is not in.
 */
export async function saveServiceResult(
  tx: Db,
  actor: Actor,
  input: ServiceResultInput & { action: string },
  names: FieldNames = {},
): Promise<SaveResult & { serviceId: string }> {
  const note = publicNote(input.note, names);
  const service = await tx.service.findUnique({
    where: { number: input.serviceNumber },
    select: { id: true, entity: { select: { policy: { select: { approvedOn: true, horizonYear: true } } } } },
  });
  if (!service) {
    const known = (await tx.service.findMany({ select: { number: true }, orderBy: { number: 'asc' } })).map((s) => s.number);
    throw new InputError('serviceNumber', `no service ${input.serviceNumber} in the data (it details services ${known.join(', ')})`);
  }
  const policy = service.entity?.policy ?? (await tx.policy.findFirst({ select: { approvedOn: true, horizonYear: true } }));
  const firstYear = policy ? policy.approvedOn.getUTCFullYear() : 2021;
  const lastYear = Math.min(policy?.horizonYear ?? 2030, Number(todayInPeru().slice(0, 4)));
  if (input.year < firstYear || input.year > lastYear) {
    throw new InputError('year', `must be between ${firstYear} (the policy's approval) and ${lastYear}; got ${input.year}`);
  }

  await tx.serviceResult.updateMany({ where: { serviceId: service.id, year: input.year }, data: LOCK });
  const rows = await tx.serviceResult.findMany({
    where: { serviceId: service.id },
    select: { id: true, year: true, version: true, achieved: true, executionRate: true, unit: true, unitEn: true, source: { select: { key: true } } },
    orderBy: { year: 'desc' },
  });
  const row = rows.find((r) => r.year === input.year);
  const existing = row
    ? {
        id: row.id,
        version: row.version,
        snapshot: {
          serviceNumber: input.serviceNumber,
          year: row.year,
          achieved: row.achieved,
          executionRate: row.executionRate,
          unit: row.unit,
          unitEn: row.unitEn,
          sourceKey: row.source.key,
        } satisfies ServiceResultSnapshot,
      }
    : null;
  const what = `the ${input.year} result of service ${input.serviceNumber}`;
  checkExpectedVersion(what, existing, input.expectedVersion, { creates: true });

  const sent = definedFields({
    achieved: input.achieved,
    executionRate: input.executionRate,
    unit: input.unit,
    unitEn: input.unitEn,
    sourceKey: input.sourceKey,
  });
  // A new year counts the same thing as the service's latest year, unless told otherwise.
  const latest = rows[0];
  const merged = existing
    ? { ...existing.snapshot, ...sent }
    : {
        serviceNumber: input.serviceNumber,
        year: input.year,
        executionRate: null,
        unit: latest?.unit,
        unitEn: latest?.unitEn,
        ...sent,
        sourceKey: sent.sourceKey ?? (await dataEntrySource(tx, actor)).key,
      };
  if (!existing && merged.unit == null) throw new InputError('unit', `is required for the first result of service ${input.serviceNumber}`);
  if (!existing && merged.unitEn == null) throw new InputError('unitEn', `is required for the first result of service ${input.serviceNumber}`);
  const next = parseOrThrow(resultSchema, merged, names);
  const source = await tx.source.findUnique({ where: { key: next.sourceKey }, select: { id: true } });
  if (!source) throw new InputError(fieldName(names, 'sourceKey'), `unknown source "${next.sourceKey}" (create it first with upsertSource)`);
  const data = {
    achieved: next.achieved,
    executionRate: next.executionRate,
    unit: next.unit,
    unitEn: next.unitEn,
    sourceId: source.id,
  };
  const saved = await saveVersioned(tx, actor, {
    action: input.action,
    subjectType: 'ServiceResult',
    subjectKey: `${input.serviceNumber}/${input.year}`,
    existing,
    next,
    create: () => tx.serviceResult.create({ data: { ...data, serviceId: service.id, year: input.year }, select: { id: true } }),
    update: async (id, version) => (await tx.serviceResult.updateMany({ where: { id, version }, data: { ...data, version: version + 1 } })).count,
  });
  if (saved.changed) await publishResults(tx, { action: input.action, note }, [saved.id]);
  return { ...saved, serviceId: service.id };
}
