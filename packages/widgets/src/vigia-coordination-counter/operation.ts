import { operation, type Lang } from '../graphql.js';

/** The coordination counter of one region. */
export const REGION_COUNTER = operation<Lang & { code: string }>(
  'VigiaRegionCounter',
  '$code:String!,$lang:Lang!',
  'region(code:$code){name coordinationSpaceSummary{...Summary}}',
  ['coordination-spaces'],
);

/** The coordination counter of the five focus regions together. */
export const FOCUS_COUNTER = operation<Lang>(
  'VigiaFocusCounter',
  '$lang:Lang!',
  'summary:coordinationSpaceSummary{...Summary} focus:regions(focus:true){name}',
  ['coordination-spaces', 'coordination-spaces-five-regions'],
);

/** The national totals as the source reports them. */
export const NATIONAL_COUNTER = operation<Lang>(
  'VigiaNationalCounter',
  '$lang:Lang!',
  'summary:nationalCoordinationTotals{...Summary}',
  ['coordination-spaces-national-2023'],
);
