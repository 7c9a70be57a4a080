import { builder } from '../builder.js';
import { isoDate } from '../dates.js';
import { langArgs, pick } from '../lang.js';

export const EntityKind = builder.enumType('EntityKind', {
  description: 'How the source groups the state entities that deliver the policy.',
  values: {
    SECTOR: { description: 'A ministry (sector), with the units the source names inside it.' },
    AUTONOMOUS_BODY: { description: 'An autonomous body (organismo autónomo), as the source lists it.' },
  } as const,
});

builder.prismaObject('Policy', {
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
      select: { entities: { select: { operationalActivityCount: true } } },
      resolve: (p) => p.entities.reduce((sum, e) => sum + e.operationalActivityCount, 0),
    }),
    objectives: t.relation('objectives', {
      description: 'The priority objectives, by number.',
      query: { orderBy: { number: 'asc' } },
    }),
    entities: t.relation('entities', {
      args: { kind: t.arg({ type: EntityKind, description: 'Only entities of this kind.' }) },
      description: 'The entities that deliver the policy, in the order of the source.',
      query: ({ kind }) => ({ where: kind ? { kind } : {}, orderBy: { position: 'asc' } }),
    }),
    source: t.relation('source', { description: 'Where the source presents the policy.' }),
  }),
});

builder.prismaObject('PolicyObjective', {
  description: 'A priority objective of the policy.',
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'Its number (1 to 3).' }),
    title: t.string({ args: langArgs, description: 'The objective.', resolve: (o, { lang }) => pick(lang, o.title, o.titleEn) }),
    focus: t.exposeString('focus', { description: 'The words the source highlights (e.g. "preventiva", "reintegración").' }),
  }),
});

builder.prismaNode('Entity', {
  id: { field: 'id' },
  // An unknown or deleted id resolves to null, not an error.
  nullable: true,
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
    units: t.relation('units', {
      description: 'Units or attached bodies the source names within it (Migraciones, DIRCTPTIM, SUNAFIL, SUTRAN, SERFOR).',
      query: { orderBy: { position: 'asc' } },
    }),
    services: t.relation('services', {
      description: 'The services of this entity that the data details (the source details 2 of the 42).',
      query: { orderBy: { number: 'asc' } },
    }),
    sourceText: t.exposeString('sourceText', { description: "The source's own row for the entity." }),
    note: t.string({
      nullable: true,
      args: langArgs,
      description: 'Context on how the source classifies or words it.',
      resolve: (entity, { lang }) => (entity.note ? pick(lang, entity.note, entity.noteEn ?? entity.note) : null),
    }),
    source: t.relation('source', { description: 'Where the source lists the entity.' }),
  }),
});

builder.prismaObject('EntityUnit', {
  description: 'A unit or attached body the source names inside an entity.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name.' }),
    acronym: t.exposeString('acronym', { nullable: true, description: 'Its acronym, when it has one.' }),
  }),
});

builder.prismaNode('Service', {
  id: { field: 'id' },
  // An unknown or deleted id resolves to null, not an error.
  nullable: true,
  description: 'A service of the policy, with its yearly results.',
  fields: (t) => ({
    number: t.exposeInt('number', { description: "The policy's number for the service (e.g. 20)." }),
    name: t.string({ args: langArgs, description: 'What the service delivers.', resolve: (s, { lang }) => pick(lang, s.name, s.nameEn) }),
    entity: t.relation('entity', { nullable: true, description: 'The entity that delivers it.' }),
    entityAttribution: t.exposeString('entityAttribution', {
      nullable: true,
      description: 'Why the service is attributed to its entity, when the source does not say so in words.',
    }),
    results: t.relation('results', { description: 'Results by year.', query: { orderBy: { year: 'asc' } } }),
  }),
});

builder.prismaObject('ServiceResult', {
  description: 'What a service achieved in a year, and how that compares with its goal.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The year.' }),
    achieved: t.exposeInt('achieved', { description: 'What was delivered (e.g. 2605 officers trained).' }),
    unit: t.string({ args: langArgs, description: 'What `achieved` counts.', resolve: (r, { lang }) => pick(lang, r.unit, r.unitEn) }),
    executionRate: t.exposeFloat('executionRate', {
      nullable: true,
      description: "Execution against the year's goal, in percent (118.5 means 118.5 %).",
    }),
    source: t.relation('source', { description: 'Where the result is reported.' }),
  }),
});

builder.queryFields((t) => ({
  policy: t.prismaField({
    type: 'Policy',
    description: 'The National Policy against Trafficking in Persons to 2030.',
    resolve: async (query, _root, _args, ctx) => ctx.prisma.policy.findFirstOrThrow({ ...query, orderBy: { approvedOn: 'desc' } }),
  }),
  entities: t.prismaField({
    type: ['Entity'],
    description: 'The 15 entities that deliver the policy, in the order of the source; filter by kind.',
    args: { kind: t.arg({ type: EntityKind, description: 'Only entities of this kind.' }) },
    resolve: (query, _root, { kind }, ctx) =>
      ctx.prisma.entity.findMany({ ...query, where: kind ? { kind } : {}, orderBy: { position: 'asc' } }),
  }),
  services: t.prismaField({
    type: ['Service'],
    description: 'The services the data details (the source details services 4 and 20 of the 42), by number.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.service.findMany({ ...query, orderBy: { number: 'asc' } }),
  }),
  service: t.prismaField({
    type: 'Service',
    nullable: true,
    description: "One service by the policy's number; null when the data does not detail it.",
    args: { number: t.arg.int({ required: true, description: 'Service number.' }) },
    resolve: (query, _root, { number }, ctx) => ctx.prisma.service.findUnique({ ...query, where: { number } }),
  }),
}));
