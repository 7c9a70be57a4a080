/**
 * Shapes of the reviewed seed data. Every record names the `source` (a SourceSeed key)
 * it comes from, so each figure the API serves can be cited.
 */
export type CoordinationLevel = 'REGIONAL' | 'PROVINCIAL' | 'DISTRICT' | 'POPULATED_CENTER';
export type EntityKind = 'SECTOR' | 'AUTONOMOUS_BODY';
export type ObservationScope = 'NATIONAL' | 'FOCUS_REGIONS' | 'REGION';

export interface DocumentSeed {
  key: string;
  title: string;
  publisher: string;
  /** ISO 8601 at the document's own precision ("2024-02"). */
  publishedOn: string;
  place?: string;
}

export interface SourceSeed {
  key: string;
  document: string;
  section: string;
  /** Position of the slide in the briefing, the cover being 1. */
  slide: number;
  quote?: string;
  citedWork?: string;
}

export interface RegionSeed {
  /** INEI ubigeo department code, two digits. */
  code: string;
  slug: string;
  name: string;
}

export interface CoordinationSpaceSeed {
  key: string;
  level: CoordinationLevel;
  region: string;
  province?: string;
  district?: string;
  locality?: string;
  sourceText: string;
  /** Context in Spanish, and `noteEn` in English. */
  note?: string;
  noteEn?: string;
  source: string;
}

export interface ObjectiveSeed {
  number: number;
  title: string;
  titleEn: string;
  focus: string;
}

export interface PolicySeed {
  key: string;
  name: string;
  nameEn: string;
  decree: string;
  approvedOn: string;
  horizonYear: number;
  publicProblem: string;
  publicProblemEn: string;
  reportedServiceCount: number;
  reportedEntityCount: number;
  source: string;
  objectives: ObjectiveSeed[];
}

export interface EntitySeed {
  key: string;
  name: string;
  acronym: string;
  kind: EntityKind;
  reportedServiceCount: number;
  operationalActivityCount?: number;
  sourceText: string;
  /** Context in Spanish, and `noteEn` in English. */
  note?: string;
  noteEn?: string;
  units?: { name: string; acronym?: string }[];
  source: string;
}

export interface ServiceSeed {
  number: number;
  name: string;
  nameEn: string;
  entity: string;
  entityAttribution: string;
  results: {
    year: number;
    achieved: number;
    unit: string;
    unitEn: string;
    executionRate: number;
    source: string;
  }[];
}

export interface ObservationSeed {
  key: string;
  label: string;
  labelEn: string;
  value: number;
  /** Overrides the dataset's unit. */
  unit?: string;
  periodStart?: string;
  periodEnd?: string;
  scope: ObservationScope;
  region?: string;
  breakdown?: { dimension: string; value: string };
  base?: { label: string; labelEn: string };
  /** Overrides the dataset's source. */
  source?: string;
}

export interface DatasetSeed {
  key: string;
  title: string;
  titleEn: string;
  description: string;
  descriptionEn: string;
  unit: string;
  periodStart: string;
  periodEnd: string;
  source: string;
  /** Set when the source gives no figures for the dataset (a chart image only). */
  pending?: { reason: string; reasonEn: string };
  /** Its figures count victims or cases (people, mostly children): small counts get suppressed. */
  countsVictims?: boolean;
  observations: ObservationSeed[];
}

export interface NamedSeed {
  key: string;
  name: string;
  nameEn: string;
  source: string;
}

export interface CourseSeed {
  key: string;
  name: string;
  audience: string;
  audienceEn: string;
  modality?: string;
  source: string;
}

export interface SeedData {
  documents: DocumentSeed[];
  sources: SourceSeed[];
  regions: RegionSeed[];
  focusRegions: string[];
  highIncidence: { regions: string[]; source: string };
  coordinationSpaces: CoordinationSpaceSeed[];
  policy: PolicySeed;
  entities: EntitySeed[];
  services: ServiceSeed[];
  datasets: DatasetSeed[];
  associatedActivities: NamedSeed[];
  trainingCourses: CourseSeed[];
}
