import { operation, type Lang } from '../graphql.js';

/** The policy, and every entity with its services and the results the source gives. */
export const SERVICES = operation<Lang>(
  'VigiaServices',
  '$lang:Lang!',
  'policy{name(lang:$lang) decree serviceCount entityCount source{...Source}} entities{key name acronym kind serviceCount operationalActivityCount units{name acronym} services{number name(lang:$lang) results{year achieved unit(lang:$lang) executionRate source{...Source}}} source{...Source}}',
  ['service-results'],
);
