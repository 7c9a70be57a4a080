import { operation, type Lang } from '../graphql.js';

/** A dataset as a bar chart; `courses` adds the police courses (for the training dataset). */
export const TRAINING_CHART = operation<Lang & { key: string; courses: boolean }>(
  'VigiaTrainingChart',
  '$key:String!,$lang:Lang!,$courses:Boolean!',
  'dataset(key:$key){...Dataset} courses:trainingCourses@include(if:$courses){key name audience(lang:$lang) modality}',
);
