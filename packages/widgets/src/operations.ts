/**
 * Every GraphQL operation the widgets send, for the build's manifest: each element's folder holds
 * its own (`<element>/operation.ts`, written with `graphql.ts`). `pnpm --filter @vigia/widgets build`
 * loads this module, writes each document under the SHA-256 of its exact text into
 * `dist/persisted-operations.json` (the server's default manifest) and embeds the hashes in the
 * bundle. tests/widgets/persisted.test.ts checks the manifest against what a real page sends and
 * validates every document against the published schema.
 */
import { LIVE, type Operation } from './graphql.js';
import { FOCUS_COUNTER, NATIONAL_COUNTER, REGION_COUNTER } from './vigia-coordination-counter/operation.js';
import { INDICATOR } from './vigia-indicator/operation.js';
import { REGION_CARD } from './vigia-region-card/operation.js';
import { REGION_MAP } from './vigia-region-map/operation.js';
import { SERVICES } from './vigia-services/operation.js';
import { TRAINING_CHART } from './vigia-training-chart/operation.js';

export type { ApiLang, Operation, Variables } from './graphql.js';

/** Every operation, for the build's manifest. */
export const OPERATIONS: readonly Operation[] = [
  REGION_CARD,
  REGION_COUNTER,
  FOCUS_COUNTER,
  NATIONAL_COUNTER,
  SERVICES,
  INDICATOR,
  TRAINING_CHART,
  REGION_MAP,
  LIVE,
];
