/**
 * The public data as one immutable, in-memory snapshot, loaded from the database in one read
 * transaction. The dataset is small (one briefing: a few hundred rows) and changes only
 * through writes that leave an audit entry, so every public read is answered from here
 * instead of running SQL: the snapshot is indexed once, when it is loaded.
 */
import type {
  AssociatedActivity,
  CoordinationSpace,
  Dataset,
  DatasetVersion,
  Document,
  Entity,
  EntityUnit,
  Observation,
  ObservationRevision,
  Policy,
  PolicyObjective,
  PrismaClient,
  Provider,
  Publication,
  Region,
  Service,
  ServiceResult,
  ServiceResultRevision,
  Source,
  TrainingCourse,
} from '@vigia/schema';

/** A citation with its document, as every `source` field answers it. */
export type SourceRow = Source & { document: Document };

export interface Snapshot {
  /** The newest audit entry when the snapshot was read (0: none yet). Later writes have larger ids. */
  readonly version: number;
  /** By ubigeo code. */
  readonly regions: readonly Region[];
  /** Open and closed, in the source's order (position, then id). */
  readonly coordinationSpaces: readonly CoordinationSpace[];
  /** Closed ones, most recently closed first. */
  readonly closedCoordinationSpaces: readonly CoordinationSpace[];
  /** The newest policy first. */
  readonly policies: readonly Policy[];
  /** In the source's order. */
  readonly entities: readonly Entity[];
  /** By number. */
  readonly services: readonly Service[];
  /** In the source's order. */
  readonly datasets: readonly Dataset[];
  /** Every figure: by its dataset's position, then its own. */
  readonly observations: readonly Observation[];
  readonly activities: readonly AssociatedActivity[];
  readonly courses: readonly TrainingCourse[];
  /** The public history (read-model/history.ts): every publication, oldest first. */
  readonly publications: readonly Publication[];
  /** Every document, cited or not: the most recently published first, then by key. */
  readonly documents: readonly Document[];
  /** Every source, cited or not: by document (as `documents`), then slide (none last), then key. */
  readonly sources: readonly SourceRow[];

  readonly regionById: ReadonlyMap<string, Region>;
  readonly regionByCode: ReadonlyMap<string, Region>;
  readonly regionBySlug: ReadonlyMap<string, Region>;
  readonly spaceById: ReadonlyMap<string, CoordinationSpace>;
  readonly sourceById: ReadonlyMap<string, SourceRow>;
  readonly documentById: ReadonlyMap<string, Document>;
  readonly entityById: ReadonlyMap<string, Entity>;
  readonly serviceById: ReadonlyMap<string, Service>;
  readonly serviceByNumber: ReadonlyMap<number, Service>;
  readonly resultById: ReadonlyMap<string, ServiceResult>;
  readonly datasetById: ReadonlyMap<string, Dataset>;
  readonly datasetByKey: ReadonlyMap<string, Dataset>;
  readonly observationById: ReadonlyMap<string, Observation>;
  readonly observationByKey: ReadonlyMap<string, Observation>;

  /** Children of a parent, each list in the order the API gives it. */
  readonly openSpacesOfRegion: ReadonlyMap<string, readonly CoordinationSpace[]>;
  readonly observationsOfRegion: ReadonlyMap<string, readonly Observation[]>;
  readonly observationsOfDataset: ReadonlyMap<string, readonly Observation[]>;
  readonly objectivesOfPolicy: ReadonlyMap<string, readonly PolicyObjective[]>;
  readonly entitiesOfPolicy: ReadonlyMap<string, readonly Entity[]>;
  readonly unitsOfEntity: ReadonlyMap<string, readonly EntityUnit[]>;
  readonly servicesOfEntity: ReadonlyMap<string, readonly Service[]>;
  readonly resultsOfService: ReadonlyMap<string, readonly ServiceResult[]>;
  /** By the document's key, in the order of `sources`. */
  readonly sourcesOfDocumentKey: ReadonlyMap<string, readonly SourceRow[]>;

  readonly publicationById: ReadonlyMap<number, Publication>;
  /** By the figure's key (a figure deleted and entered again keeps one history), oldest first. */
  readonly revisionsOfKey: ReadonlyMap<string, readonly ObservationRevision[]>;
  /** By service result id, oldest first. */
  readonly revisionsOfResult: ReadonlyMap<string, readonly ServiceResultRevision[]>;
  /** By dataset id, oldest first. */
  readonly versionsOfDataset: ReadonlyMap<string, readonly DatasetVersion[]>;
  /** What each publication changed, by publication id. */
  readonly revisionsOfPublication: ReadonlyMap<number, readonly ObservationRevision[]>;
  readonly resultRevisionsOfPublication: ReadonlyMap<number, readonly ServiceResultRevision[]>;
  readonly versionsOfPublication: ReadonlyMap<number, readonly DatasetVersion[]>;
}

type Order<T> = (a: T, b: T) => number;
const by =
  <T>(...keys: ((row: T) => string | number)[]): Order<T> =>
  (a, b) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
const sorted = <T>(rows: readonly T[], order: Order<T>): T[] => [...rows].sort(order);
const index = <K, T>(rows: readonly T[], key: (row: T) => K): Map<K, T> => new Map(rows.map((row) => [key(row), row]));
function groups<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(row);
  }
  return map;
}

function numberGroups<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(row);
  }
  return map;
}

/**
 * Reads every public table in one transaction — repeatable-read on PostgreSQL, so a write
 * committing meanwhile is either wholly in the snapshot or wholly out of it — and indexes it.
 */
export async function loadSnapshot(prisma: PrismaClient, provider: Provider): Promise<Snapshot> {
  const [
    audit,
    regions,
    spaces,
    documents,
    sources,
    policies,
    objectives,
    entities,
    units,
    services,
    results,
    datasets,
    observations,
    activities,
    courses,
    publications,
    datasetVersions,
    observationRevisions,
    resultRevisions,
  ] = await prisma.$transaction(
      [
        // First: whatever the rest reads is at least as new as this entry.
        prisma.auditEntry.aggregate({ _max: { id: true } }),
        prisma.region.findMany(),
        prisma.coordinationSpace.findMany(),
        prisma.document.findMany(),
        prisma.source.findMany(),
        prisma.policy.findMany(),
        prisma.policyObjective.findMany(),
        prisma.entity.findMany(),
        prisma.entityUnit.findMany(),
        prisma.service.findMany(),
        prisma.serviceResult.findMany(),
        prisma.dataset.findMany(),
        prisma.observation.findMany(),
        prisma.associatedActivity.findMany(),
        prisma.trainingCourse.findMany(),
        prisma.publication.findMany({ orderBy: { id: 'asc' } }),
        prisma.datasetVersion.findMany({ orderBy: { id: 'asc' } }),
        prisma.observationRevision.findMany({ orderBy: { id: 'asc' } }),
        prisma.serviceResultRevision.findMany({ orderBy: { id: 'asc' } }),
      ],
      // The client's types are the SQLite client's (Serializable only); the PostgreSQL one takes this.
      provider === 'postgresql' ? ({ isolationLevel: 'RepeatableRead' } as never) : undefined,
    );
  return buildSnapshot({
    version: audit._max.id ?? 0,
    regions,
    spaces,
    documents,
    sources,
    policies,
    objectives,
    entities,
    units,
    services,
    results,
    datasets,
    observations,
    activities,
    courses,
    publications,
    datasetVersions,
    observationRevisions,
    resultRevisions,
  });
}

export interface SnapshotRows {
  version: number;
  regions: Region[];
  spaces: CoordinationSpace[];
  documents: Document[];
  sources: Source[];
  policies: Policy[];
  objectives: PolicyObjective[];
  entities: Entity[];
  units: EntityUnit[];
  services: Service[];
  results: ServiceResult[];
  datasets: Dataset[];
  observations: Observation[];
  activities: AssociatedActivity[];
  courses: TrainingCourse[];
  /** Each oldest first (by id). */
  publications: Publication[];
  datasetVersions: DatasetVersion[];
  observationRevisions: ObservationRevision[];
  resultRevisions: ServiceResultRevision[];
}

/** Orders and indexes the rows; every order here is the one the API documents. */
export function buildSnapshot(rows: SnapshotRows): Snapshot {
  const datasets = sorted(rows.datasets, by((d) => d.position, (d) => d.id));
  const datasetById = index(datasets, (d) => d.id);
  const datasetPosition = (o: Observation) => datasetById.get(o.datasetId)?.position ?? Number.MAX_SAFE_INTEGER;
  const observations = sorted(rows.observations, by(datasetPosition, (o) => o.position, (o) => o.id));
  const coordinationSpaces = sorted(rows.spaces, by((s) => s.position, (s) => s.id));
  const openSpaces = coordinationSpaces.filter((s) => s.closedOn === null);
  const closedCoordinationSpaces = sorted(
    coordinationSpaces.filter((s) => s.closedOn !== null),
    by((s) => -s.closedOn!.getTime(), (s) => s.id),
  );
  const regions = sorted(rows.regions, by((r) => r.code));
  const entities = sorted(rows.entities, by((e) => e.position, (e) => e.id));
  const services = sorted(rows.services, by((s) => s.number));
  // Newest publication first: ISO dates at any precision compare as text ("2024-02" < "2024-02-15").
  const documents = sorted(rows.documents, (a, b) => (a.publishedOn !== b.publishedOn ? (a.publishedOn < b.publishedOn ? 1 : -1) : by<Document>((d) => d.key)(a, b)));
  const documentById = index(documents, (d) => d.id);
  const documentRank = new Map(documents.map((d, i) => [d.id, i]));
  const sources: SourceRow[] = sorted(
    rows.sources.map((s) => ({ ...s, document: documentById.get(s.documentId)! })),
    by((s) => documentRank.get(s.documentId)!, (s) => s.slide ?? Number.MAX_SAFE_INTEGER, (s) => s.key),
  );
  return {
    version: rows.version,
    regions,
    coordinationSpaces,
    closedCoordinationSpaces,
    policies: sorted(rows.policies, by((p) => -p.approvedOn.getTime(), (p) => p.id)),
    entities,
    services,
    datasets,
    observations,
    activities: sorted(rows.activities, by((a) => a.position, (a) => a.id)),
    courses: sorted(rows.courses, by((c) => c.position, (c) => c.id)),
    publications: rows.publications,
    documents,
    sources,

    regionById: index(regions, (r) => r.id),
    regionByCode: index(regions, (r) => r.code),
    regionBySlug: index(regions, (r) => r.slug),
    spaceById: index(coordinationSpaces, (s) => s.id),
    sourceById: index(sources, (s) => s.id),
    documentById,
    entityById: index(entities, (e) => e.id),
    serviceById: index(services, (s) => s.id),
    serviceByNumber: index(services, (s) => s.number),
    resultById: index(rows.results, (r) => r.id),
    datasetById,
    datasetByKey: index(datasets, (d) => d.key),
    observationById: index(observations, (o) => o.id),
    observationByKey: index(observations, (o) => o.key),

    openSpacesOfRegion: groups(openSpaces, (s) => s.regionId),
    observationsOfRegion: groups(observations, (o) => o.regionId),
    observationsOfDataset: groups(observations, (o) => o.datasetId),
    objectivesOfPolicy: groups(sorted(rows.objectives, by((o) => o.number)), (o) => o.policyId),
    entitiesOfPolicy: groups(entities, (e) => e.policyId),
    unitsOfEntity: groups(sorted(rows.units, by((u) => u.position, (u) => u.id)), (u) => u.entityId),
    servicesOfEntity: groups(services, (s) => s.entityId),
    resultsOfService: groups(sorted(rows.results, by((r) => r.year)), (r) => r.serviceId),
    sourcesOfDocumentKey: groups(sources, (s) => s.document.key),

    publicationById: index(rows.publications, (p) => p.id),
    revisionsOfKey: groups(rows.observationRevisions, (r) => r.key),
    revisionsOfResult: groups(rows.resultRevisions, (r) => r.serviceResultId),
    versionsOfDataset: groups(rows.datasetVersions, (v) => v.datasetId),
    revisionsOfPublication: numberGroups(rows.observationRevisions, (r) => r.publicationId),
    resultRevisionsOfPublication: numberGroups(rows.resultRevisions, (r) => r.publicationId),
    versionsOfPublication: numberGroups(rows.datasetVersions, (v) => v.publicationId),
  };
}
