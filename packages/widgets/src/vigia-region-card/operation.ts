import { operation, type Lang } from '../graphql.js';

/** A region: its coordination spaces (summary and list), officers trained, high-incidence status. */
export const REGION_CARD = operation<Lang & { code: string }>(
  'VigiaRegionCard',
  '$code:String!,$lang:Lang!',
  'region(code:$code){name isFocus highIncidence highIncidenceSource{...Source} coordinationSpaceSummary{...Summary} coordinationSpaces(first:100){edges{node{id name level province district locality note(lang:$lang)}}} policeTrained{...Indicator}}',
  ['coordination-spaces', 'police-officers-trained-2021-2023'],
);
