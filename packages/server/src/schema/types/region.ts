import { builder } from '../builder.js';
import { regionWhere } from '../region-code.js';
import { CoordinationLevel, CoordinationSpaceConnection } from './coordination.js';
import { IndicatorRef } from './dataset.js';
import { CoordinationSpaceSummary, summarizeSpaces } from './summary.js';

export const POLICE_TRAINED_DATASET = 'police-officers-trained-2021-2023';

builder.prismaNode('Region', {
  id: { field: 'id' },
  // An unknown or deleted id resolves to null, not an error.
  nullable: true,
  description:
    "A region of Peru: one of the 24 departments or the Constitutional Province of Callao, identified by INEI's ubigeo department code.",
  fields: (t) => ({
    code: t.exposeString('code', { description: 'INEI ubigeo department code, two digits (e.g. "21" for Puno).' }),
    slug: t.exposeString('slug', { description: 'Lower-case ASCII name for URLs (e.g. "puno", "madre-de-dios").' }),
    name: t.exposeString('name', { description: 'Name of the region.' }),
    isFocus: t.exposeBoolean('isFocus', {
      description: 'One of the five regions the briefing covers: Arequipa, Cusco, Puno, Tacna, Moquegua.',
    }),
    highIncidence: t.exposeBoolean('highIncidence', {
      description: 'The source names it a region of high incidence of trafficking in persons (Arequipa, Cusco, Puno, Tacna).',
    }),
    highIncidenceSource: t.relation('highIncidenceSource', {
      nullable: true,
      description: 'Where the source says the region has high incidence; null when it does not.',
    }),
    coordinationSpaceSummary: t.field({
      type: CoordinationSpaceSummary,
      description: "Counts of the region's open coordination spaces by level (closed ones no longer count).",
      select: { coordinationSpaces: { where: { closedOn: null }, select: { level: true, source: true } } },
      resolve: (region) => summarizeSpaces(region.coordinationSpaces),
    }),
    coordinationSpaces: t.relatedConnection('coordinationSpaces', {
      cursor: 'id',
      totalCount: true,
      description: "The region's open coordination spaces, in the order the source lists them.",
      args: { level: t.arg({ type: CoordinationLevel, description: 'Only spaces of this level.' }) },
      query: ({ level }) => ({
        where: { closedOn: null, ...(level ? { level } : {}) },
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
      }),
    }, CoordinationSpaceConnection),
    policeTrained: t.field({
      type: IndicatorRef,
      nullable: true,
      description:
        'Police officers trained in the region by the two PNP courses of 2021–2023, with its source; null where the source gives no figure.',
      select: (_args, _ctx, nestedSelection) => ({
        observations: nestedSelection({ where: { dataset: { key: POLICE_TRAINED_DATASET } }, take: 1 }),
      }),
      resolve: (region) => region.observations[0] ?? null,
    }),
    indicators: t.relation('observations', {
      description: 'Every figure about this region, with its source.',
      query: { orderBy: [{ dataset: { position: 'asc' } }, { position: 'asc' }] },
    }),
  }),
});

builder.queryFields((t) => ({
  regions: t.prismaField({
    type: ['Region'],
    description: 'Regions of Peru ordered by ubigeo code; focus: true gives the five regions the briefing covers.',
    args: { focus: t.arg.boolean({ description: 'true: only the five focus regions; false: only the others.' }) },
    resolve: (query, _root, { focus }, ctx) =>
      ctx.prisma.region.findMany({ ...query, where: focus == null ? {} : { isFocus: focus }, orderBy: { code: 'asc' } }),
  }),
  region: t.prismaField({
    type: 'Region',
    nullable: true,
    description: 'One region by INEI ubigeo department code ("21") or slug ("puno"), case-insensitive; null when unknown.',
    args: { code: t.arg.string({ required: true, description: 'Ubigeo code or slug.' }) },
    resolve: (query, _root, { code }, ctx) => {
      const where = regionWhere(code);
      return where ? ctx.prisma.region.findFirst({ ...query, where }) : null;
    },
  }),
}));
