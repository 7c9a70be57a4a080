import { operation, type Lang } from '../graphql.js';

/** An indicator key or a dataset key: both are asked for, whichever exists is shown. */
export const INDICATOR = operation<Lang & { key: string }>(
  'VigiaIndicator',
  '$key:String!,$lang:Lang!',
  'indicator(key:$key){...Indicator} dataset(key:$key){...Dataset}',
);
