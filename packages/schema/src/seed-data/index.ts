import * as briefing from './mininter-2024-02/index.js';
import { regions } from './regions.js';
import type { SeedData } from './types.js';

export type * from './types.js';

/** The reviewed seed data: official regions plus everything the February 2024 briefing gives. */
export const seedData: SeedData = {
  documents: briefing.documents,
  sources: briefing.sources,
  regions,
  focusRegions: briefing.focusRegions,
  highIncidence: briefing.highIncidence,
  coordinationSpaces: briefing.coordinationSpaces,
  policy: briefing.policy,
  entities: briefing.entities,
  services: briefing.services,
  datasets: briefing.datasets,
  associatedActivities: briefing.associatedActivities,
  trainingCourses: briefing.trainingCourses,
};
