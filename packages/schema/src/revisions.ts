/**
 * The public history of the figures. Every write that changes figures — a save through the
 * API, an import, the seed — opens one Publication in its own transaction and records, for
 * each figure it changed, the figure as it left it (a revision), and raises the version of
 * each dataset it touched. Revisions never name who made a change: the audit log does.
 */
import type { Observation, Prisma, ServiceResult } from './generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

/** The columns of a figure a revision keeps (all but its row's id, version and position). */
const OBSERVATION_FIELDS = [
  'key',
  'datasetId',
  'label',
  'labelEn',
  'value',
  'unit',
  'periodStart',
  'periodEnd',
  'scope',
  'regionId',
  'area',
  'breakdownDimension',
  'breakdownValue',
  'baseLabel',
  'baseLabelEn',
  'sourceId',
] as const satisfies readonly (keyof Observation)[];

const RESULT_FIELDS = ['serviceId', 'year', 'achieved', 'executionRate', 'unit', 'unitEn', 'sourceId'] as const satisfies readonly (keyof ServiceResult)[];

const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
const differs = <T extends object>(a: T, b: T, fields: readonly (keyof T)[]) => fields.some((f) => !same(a[f], b[f]));

export function observationRevisionData(o: Observation, publicationId: number, withdrawn = false): Prisma.ObservationRevisionCreateManyInput {
  const data: Record<string, unknown> = { publicationId, observationId: o.id, version: o.version, withdrawn, position: o.position };
  for (const field of OBSERVATION_FIELDS) data[field] = o[field];
  return data as Prisma.ObservationRevisionCreateManyInput;
}

export function resultRevisionData(r: ServiceResult, publicationId: number): Prisma.ServiceResultRevisionCreateManyInput {
  const data: Record<string, unknown> = { publicationId, serviceResultId: r.id, version: r.version };
  for (const field of RESULT_FIELDS) data[field] = r[field];
  return data as Prisma.ServiceResultRevisionCreateManyInput;
}

export interface PublicationInput {
  /** What publishes: "seed", "upsertIndicator", "deleteIndicator", "upsertServiceResult", "import". */
  action: string;
  /** The public note given with the change. */
  note?: string | null;
}

/** Opens a publication in the caller's transaction; its time is the write's. */
export async function openPublication(tx: Tx, input: PublicationInput): Promise<number> {
  const row = await tx.publication.create({ data: { at: new Date(), action: input.action, note: input.note ?? null }, select: { id: true } });
  return row.id;
}

/**
 * Raises each dataset's version by one for this publication (1 for a dataset never published).
 * Two writers raising the same dataset at once collide on (datasetId, version): the later one's
 * transaction fails with a unique violation and is run again by writeTransaction.
 */
export async function raiseDatasetVersions(tx: Tx, publicationId: number, datasetIds: Iterable<string>): Promise<void> {
  for (const datasetId of new Set(datasetIds)) {
    const last = await tx.datasetVersion.aggregate({ where: { datasetId }, _max: { version: true } });
    await tx.datasetVersion.create({ data: { publicationId, datasetId, version: (last._max.version ?? 0) + 1 } });
  }
}

/**
 * Publishes figures a write just saved (created or changed), by their ids, as they now are;
 * `withdrawn` are figures it deleted, as they were. One publication for the whole write.
 */
export async function publishObservations(tx: Tx, input: PublicationInput, ids: readonly string[], withdrawn: readonly Observation[] = []): Promise<number | null> {
  if (ids.length === 0 && withdrawn.length === 0) return null;
  const rows = ids.length ? await tx.observation.findMany({ where: { id: { in: [...ids] } } }) : [];
  const publicationId = await openPublication(tx, input);
  const data = [...rows.map((o) => observationRevisionData(o, publicationId)), ...withdrawn.map((o) => observationRevisionData(o, publicationId, true))];
  for (let i = 0; i < data.length; i += 500) await tx.observationRevision.createMany({ data: data.slice(i, i + 500) });
  await raiseDatasetVersions(tx, publicationId, [...rows, ...withdrawn].map((o) => o.datasetId));
  return publicationId;
}

/** Publishes service results a write just saved, by their ids, as they now are. */
export async function publishResults(tx: Tx, input: PublicationInput, ids: readonly string[]): Promise<number | null> {
  if (ids.length === 0) return null;
  const rows = await tx.serviceResult.findMany({ where: { id: { in: [...ids] } } });
  const publicationId = await openPublication(tx, input);
  await tx.serviceResultRevision.createMany({ data: rows.map((r) => resultRevisionData(r, publicationId)) });
  return publicationId;
}

export interface Reconciled {
  publicationId: number | null;
  observations: number;
  results: number;
  datasets: number;
}

/**
 * Publishes whatever the history does not show yet: figures and results with no revision or
 * whose stored state differs from their latest one (the seed's first load, or a corrected seed),
 * figures deleted without a revision, and datasets never published (version 1). A changed figure
 * or result also gets its version raised, as any other write would. Idempotent: a second run
 * finds nothing and writes nothing. Used by the seed and, for databases created before
 * revisions existed, by prepareDatabase.
 */
export async function publishUnrecorded(tx: Tx, input: PublicationInput): Promise<Reconciled> {
  // One after another: an interactive transaction runs its queries on one connection.
  const observations = await tx.observation.findMany();
  const observationRevisions = await tx.observationRevision.findMany({ orderBy: { id: 'asc' } });
  const results = await tx.serviceResult.findMany();
  const resultRevisions = await tx.serviceResultRevision.findMany({ orderBy: { id: 'asc' } });
  const datasets = await tx.dataset.findMany({ select: { id: true } });
  const versions = await tx.datasetVersion.findMany({ select: { datasetId: true }, distinct: ['datasetId'] });
  const latestObservation = new Map(observationRevisions.map((r) => [r.observationId, r]));
  const latestResult = new Map(resultRevisions.map((r) => [r.serviceResultId, r]));

  const changedObservations: Observation[] = [];
  for (const o of observations) {
    const last = latestObservation.get(o.id);
    if (!last) changedObservations.push(o);
    else if (last.withdrawn || differs(o, last as unknown as Observation, OBSERVATION_FIELDS)) {
      changedObservations.push({ ...o, version: Math.max(o.version, last.version + 1) });
    }
  }
  const present = new Set(observations.map((o) => o.id));
  const deleted = [...latestObservation.values()].filter((r) => !r.withdrawn && !present.has(r.observationId));
  const changedResults: ServiceResult[] = [];
  for (const r of results) {
    const last = latestResult.get(r.id);
    if (!last) changedResults.push(r);
    else if (differs(r, last as unknown as ServiceResult, RESULT_FIELDS)) changedResults.push({ ...r, version: Math.max(r.version, last.version + 1) });
  }
  const versioned = new Set(versions.map((v) => v.datasetId));
  const touched = new Set([...changedObservations, ...deleted].map((o) => o.datasetId));
  for (const d of datasets) if (!versioned.has(d.id)) touched.add(d.id);

  if (changedObservations.length + deleted.length + changedResults.length + touched.size === 0) {
    return { publicationId: null, observations: 0, results: 0, datasets: 0 };
  }
  const publicationId = await openPublication(tx, input);
  for (const o of changedObservations) {
    const stored = observations.find((row) => row.id === o.id)!;
    if (stored.version !== o.version) await tx.observation.update({ where: { id: o.id }, data: { version: o.version } });
  }
  for (const r of changedResults) {
    const stored = results.find((row) => row.id === r.id)!;
    if (stored.version !== r.version) await tx.serviceResult.update({ where: { id: r.id }, data: { version: r.version } });
  }
  const revisions = [
    ...changedObservations.map((o) => observationRevisionData(o, publicationId)),
    ...deleted.map((r) => ({ ...observationRevisionData(r as unknown as Observation, publicationId, true), observationId: r.observationId })),
  ];
  for (let i = 0; i < revisions.length; i += 500) await tx.observationRevision.createMany({ data: revisions.slice(i, i + 500) });
  if (changedResults.length) await tx.serviceResultRevision.createMany({ data: changedResults.map((r) => resultRevisionData(r, publicationId)) });
  await raiseDatasetVersions(tx, publicationId, touched);
  return { publicationId, observations: changedObservations.length + deleted.length, results: changedResults.length, datasets: touched.size };
}
