import { operation, type Lang } from '../graphql.js';

/**
 * Every region (the map draws all 25 departments; only the five of the briefing carry figures),
 * with the figures each metric colours the map by.
 */
export const REGION_MAP = operation<Lang>(
  'VigiaRegionMap',
  '$lang:Lang!',
  'regions{code slug name isFocus highIncidence highIncidenceSource{...Source} policeTrained{value periodStart periodEnd source{...Source} dataset{csvUrl title(lang:$lang)}} coordinationSpaceSummary{total source{...Source}}}',
  ['coordination-spaces', 'police-officers-trained-2021-2023'],
);
