import { builder } from '../builder.js';
import { isoDate } from '../../core/dates.js';
import { langArgs, pick } from '../lang.js';
import { EntityRef, EntityUnitRef, PolicyObjectiveRef, PolicyRef, ServiceRef, ServiceResultRef, SourceRef } from './refs.js';

export { EntityRef, ServiceRef, ServiceResultRef };

export const EntityKind = builder.enumType('EntityKind', {
  description: 'How the source groups the state entities that deliver the policy.',
  values: {
    SECTOR: { description: 'A ministry (sector), with the units the source names inside it.' },
    AUTONOMOUS_BODY: { description: 'An autonomous body (organismo autónomo), as the source lists it.' },
  } as const,
});

PolicyRef.implement({
  description: 'A national policy: the National Policy against Trafficking in Persons and its Forms of Exploitation to 2030.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable identifier ("pnt-2030").' }),
    name: t.string({ args: langArgs, description: 'Name of the policy.', resolve: (p, { lang }) => pick(lang, p.name, p.nameEn) }),
    decree: t.exposeString('decree', { description: 'The decree that approves it ("Decreto Supremo N° 009-2021-IN").' }),
    approvedOn: t.string({ description: 'Date of approval (ISO date).', resolve: (p) => isoDate(p.approvedOn) }),
    horizonYear: t.exposeInt('horizonYear', { description: 'The year the policy runs to.' }),
    publicProblem: t.string({
      args: langArgs,
      description: 'The public problem the policy addresses.',
      resolve: (p, { lang }) => pick(lang, p.publicProblem, p.publicProblemEn),
    }),
    serviceCount: t.exposeInt('reportedServiceCount', { description: 'Services of the policy, as the source reports them (42).' }),
    entityCount: t.exposeInt('reportedEntityCount', { description: 'State entities that deliver them, as the source reports (15).' }),
    operationalActivityCount: t.int({
      description: "Operational activities that are not services (INEI's one).",
      resolve: (p, _args, ctx) => (ctx.snapshot.entitiesOfPolicy.get(p.id) ?? []).reduce((sum, e) => sum + e.operationalActivityCount, 0),
    }),
    objectives: t.field({
      type: [PolicyObjectiveRef],
      description: 'The priority objectives, by number.',
      resolve: (p, _args, ctx) => ctx.snapshot.objectivesOfPolicy.get(p.id) ?? [],
    }),
    entities: t.field({
      type: [EntityRef],
      args: { kind: t.arg({ type: EntityKind, description: 'Only entities of this kind.' }) },
      description: 'The entities that deliver the policy, in the order of the source.',
      resolve: (p, { kind }, ctx) => {
        const entities = ctx.snapshot.entitiesOfPolicy.get(p.id) ?? [];
        return kind ? entities.filter((e) => e.kind === kind) : entities;
      },
    }),
    source: t.field({ type: SourceRef, description: 'Where the source presents the policy.', resolve: (p, _args, ctx) => ctx.snapshot.sourceById.get(p.sourceId)! }),
  }),
});

PolicyObjectiveRef.implement({
  description: 'A priority objective of the policy.',
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'Its number (1 to 3).' }),
    title: t.string({ args: langArgs, description: 'The objective.', resolve: (o, { lang }) => pick(lang, o.title, o.titleEn) }),
    focus: t.exposeString('focus', { description: 'The words the source highlights (e.g. "preventiva", "reintegración").' }),
  }),
});

builder.node(EntityRef, {
  id: { resolve: (entity) => entity.id },
  // An unknown or deleted id resolves to null, not an error.
  loadMany: (ids, ctx) => ids.map((id) => ctx.snapshot.entityById.get(id) ?? null),
  description: 'A state entity that delivers services of the policy: a ministry (sector) or an autonomous body.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable identifier (e.g. "mininter").' }),
    name: t.exposeString('name', { description: 'Name of the entity.' }),
    acronym: t.exposeString('acronym', { description: 'Its usual acronym (e.g. "MININTER").' }),
    kind: t.expose('kind', { type: EntityKind, description: 'Sector or autonomous body, as the source groups it.' }),
    serviceCount: t.exposeInt('reportedServiceCount', {
      description: "Services of the policy it delivers, as the source reports (INEI's operational activity is not a service: 0).",
    }),
    operationalActivityCount: t.exposeInt('operationalActivityCount', {
      description: 'Operational activities it delivers that are not services (INEI: 1).',
    }),
    units: t.field({
      type: [EntityUnitRef],
      description: 'Units or attached bodies the source names within it (Migraciones, DIRCTPTIM, SUNAFIL, SUTRAN, SERFOR).',
      resolve: (entity, _args, ctx) => ctx.snapshot.unitsOfEntity.get(entity.id) ?? [],
    }),
    services: t.field({
      type: [ServiceRef],
      description: 'The services of this entity that the data details (the source details 2 of the 42).',
      resolve: (entity, _args, ctx) => ctx.snapshot.servicesOfEntity.get(entity.id) ?? [],
    }),
    sourceText: t.exposeString('sourceText', { description: "The source's own row for the entity." }),
    note: t.string({
      nullable: true,
      args: langArgs,
      description: 'Context on how the source classifies or words it.',
      resolve: (entity, { lang }) => (entity.note ? pick(lang, entity.note, entity.noteEn ?? entity.note) : null),
    }),
    source: t.field({ type: SourceRef, description: 'Where the source lists the entity.', resolve: (e, _args, ctx) => ctx.snapshot.sourceById.get(e.sourceId)! }),
  }),
});

EntityUnitRef.implement({
  description: 'A unit or attached body the source names inside an entity.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name.' }),
    acronym: t.exposeString('acronym', { nullable: true, description: 'Its acronym, when it has one.' }),
  }),
});

builder.node(ServiceRef, {
  id: { resolve: (service) => service.id },
  // An unknown or deleted id resolves to null, not an error.
  loadMany: (ids, ctx) => ids.map((id) => ctx.snapshot.serviceById.get(id) ?? null),
  description: 'A service of the policy, with its yearly results.',
  fields: (t) => ({
    number: t.exposeInt('number', { description: "The policy's number for the service (e.g. 20)." }),
    name: t.string({ args: langArgs, description: 'What the service delivers.', resolve: (s, { lang }) => pick(lang, s.name, s.nameEn) }),
    entity: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The entity that delivers it.',
      resolve: (s, _args, ctx) => (s.entityId ? ctx.snapshot.entityById.get(s.entityId)! : null),
    }),
    entityAttribution: t.exposeString('entityAttribution', {
      nullable: true,
      description: 'Why the service is attributed to its entity, when the source does not say so in words.',
    }),
    results: t.field({
      type: [ServiceResultRef],
      description: 'Results by year.',
      resolve: (s, _args, ctx) => ctx.snapshot.resultsOfService.get(s.id) ?? [],
    }),
  }),
});

ServiceResultRef.implement({
  description: 'What a service achieved in a year, and how that compares with its goal.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The year.' }),
    achieved: t.exposeInt('achieved', { description: 'What was delivered (e.g. 2605 officers trained).' }),
    unit: t.string({ args: langArgs, description: 'What `achieved` counts.', resolve: (r, { lang }) => pick(lang, r.unit, r.unitEn) }),
    executionRate: t.exposeFloat('executionRate', {
      nullable: true,
      description: "Execution against the year's goal, in percent (118.5 means 118.5 %).",
    }),
    source: t.field({ type: SourceRef, description: 'Where the result is reported.', resolve: (r, _args, ctx) => ctx.snapshot.sourceById.get(r.sourceId)! }),
  }),
});

builder.queryFields((t) => ({
  policy: t.field({
    type: PolicyRef,
    description: 'The National Policy against Trafficking in Persons to 2030.',
    resolve: (_root, _args, ctx) => {
      const policy = ctx.snapshot.policies[0];
      if (!policy) throw new Error('The database holds no policy: it was not seeded.');
      return policy;
    },
  }),
  entities: t.field({
    type: [EntityRef],
    description: 'The 15 entities that deliver the policy, in the order of the source; filter by kind.',
    args: { kind: t.arg({ type: EntityKind, description: 'Only entities of this kind.' }) },
    resolve: (_root, { kind }, ctx) => (kind ? ctx.snapshot.entities.filter((e) => e.kind === kind) : ctx.snapshot.entities),
  }),
  services: t.field({
    type: [ServiceRef],
    description: 'The services the data details (the source details services 4 and 20 of the 42), by number.',
    resolve: (_root, _args, ctx) => ctx.snapshot.services,
  }),
  service: t.field({
    type: ServiceRef,
    nullable: true,
    description: "One service by the policy's number; null when the data does not detail it.",
    args: { number: t.arg.int({ required: true, description: 'Service number.' }) },
    resolve: (_root, { number }, ctx) => ctx.snapshot.serviceByNumber.get(number) ?? null,
  }),
}));
