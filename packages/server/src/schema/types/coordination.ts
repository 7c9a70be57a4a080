import { builder } from '../builder.js';
import { regionWhere } from '../region-code.js';

export const CoordinationLevel = builder.enumType('CoordinationLevel', {
  description: 'Territorial level of a coordination space against trafficking.',
  values: {
    REGIONAL: { description: 'Regional (department) level.' },
    PROVINCIAL: { description: 'Provincial level (local).' },
    DISTRICT: { description: 'District level (local).' },
    POPULATED_CENTER: { description: 'Populated centre (centro poblado) level (local), e.g. La Rinconada.' },
  } as const,
});

builder.prismaNode('CoordinationSpace', {
  id: { field: 'id' },
  description:
    'A regional or local coordination space against trafficking in persons (espacio de coordinación), as the source lists it.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable, readable identifier (e.g. "puno-la-rinconada").' }),
    name: t.exposeString('name', {
      description: 'Descriptive name formed from the level and the place the source gives (the source lists places, not names).',
    }),
    level: t.expose('level', { type: CoordinationLevel, description: 'Territorial level.' }),
    region: t.relation('region', { description: 'The region (department) the space belongs to.' }),
    province: t.exposeString('province', { nullable: true, description: 'Province, as the source writes it.' }),
    district: t.exposeString('district', { nullable: true, description: 'District, as the source writes it.' }),
    locality: t.exposeString('locality', {
      nullable: true,
      description: 'Town or populated centre, as the source writes it (e.g. Juliaca, La Rinconada).',
    }),
    sourceText: t.exposeString('sourceText', { description: "The source's own words for this space." }),
    note: t.exposeString('note', {
      nullable: true,
      description: "Where the source's wording differs from official geography: what it says and how it differs. Nothing is corrected silently.",
    }),
    source: t.relation('source', { description: 'Where the source lists this space.' }),
  }),
});

builder.queryField('coordinationSpaces', (t) =>
  t.prismaConnection({
    type: 'CoordinationSpace',
    cursor: 'id',
    description:
      'The coordination spaces listed in the data, in the order the source lists them; filter by region and level. Unknown region codes give an empty list.',
    args: {
      regionCode: t.arg.string({ description: 'INEI ubigeo department code ("21") or slug ("puno"), case-insensitive.' }),
      level: t.arg({ type: CoordinationLevel, description: 'Only spaces of this level.' }),
    },
    totalCount: (_parent, args, ctx) => {
      const where = coordinationWhere(args.regionCode, args.level);
      return where ? ctx.prisma.coordinationSpace.count({ where }) : 0;
    },
    resolve: (query, _parent, args, ctx) => {
      const where = coordinationWhere(args.regionCode, args.level);
      if (!where) return [];
      return ctx.prisma.coordinationSpace.findMany({ ...query, where, orderBy: [{ position: 'asc' }, { id: 'asc' }] });
    },
  }),
);

/** The filter for a region code and level; null when the code cannot match any region. */
function coordinationWhere(regionCode: string | null | undefined, level: string | null | undefined) {
  const region = regionCode == null ? undefined : regionWhere(regionCode);
  if (region === null) return null;
  return {
    ...(region ? { region } : {}),
    ...(level ? { level: level as 'REGIONAL' } : {}),
  };
}
