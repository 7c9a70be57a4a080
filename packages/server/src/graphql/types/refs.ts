/**
 * The public object types, declared before they are implemented: they refer to each other
 * (a region lists its spaces, a space names its region), so each type file imports the
 * others' refs from here rather than from each other.
 */
import type { AssociatedActivity, CoordinationSpace, Dataset, Document, Entity, EntityUnit, Observation, Policy, PolicyObjective, Region, Service, ServiceResult, TrainingCourse } from '@vigia/schema';
import type { SourceRow } from '../../read-model/snapshot.js';
import { builder } from '../builder.js';

export const RegionRef = builder.objectRef<Region>('Region');
export const CoordinationSpaceRef = builder.objectRef<CoordinationSpace>('CoordinationSpace');
export const DocumentRef = builder.objectRef<Document>('Document');
export const SourceRef = builder.objectRef<SourceRow>('Source');
export const DatasetRef = builder.objectRef<Dataset>('Dataset');
export const IndicatorRef = builder.objectRef<Observation>('Indicator');
export const PolicyRef = builder.objectRef<Policy>('Policy');
export const PolicyObjectiveRef = builder.objectRef<PolicyObjective>('PolicyObjective');
export const EntityRef = builder.objectRef<Entity>('Entity');
export const EntityUnitRef = builder.objectRef<EntityUnit>('EntityUnit');
export const ServiceRef = builder.objectRef<Service>('Service');
export const ServiceResultRef = builder.objectRef<ServiceResult>('ServiceResult');
export const AssociatedActivityRef = builder.objectRef<AssociatedActivity>('AssociatedActivity');
export const TrainingCourseRef = builder.objectRef<TrainingCourse>('TrainingCourse');
