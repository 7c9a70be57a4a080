import { builder } from '../builder.js';
import { langArgs, pick } from '../lang.js';
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

export const CoordinationSpaceRef = builder.prismaNode('CoordinationSpace', {
  id: { field: 'id' },
  // An unknown or deleted id resolves to null, not an error.
  nullable: true,
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
    note: t.string({
      nullable: true,
      args: langArgs,
      description: "Where the source's wording differs from official geography: what it says and how it differs. Nothing is corrected silently.",
      resolve: (space, { lang }) => (space.note ? pick(lang, space.note, space.noteEn ?? space.note) : null),
    }),
    source: t.relation('source', { description: 'Where the source lists this space.' }),
  }),
});

/** One connection type for every list of coordination spaces, as the contract names it. */
export const CoordinationSpaceConnection = builder.connectionObject(
  {
    type: CoordinationSpaceRef,
    name: 'CoordinationSpaceConnection',
    description: 'A page of coordination spaces (Relay connection), with the total count of the filtered list.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many spaces the whole filtered list has, across all pages.',
        // Lets the Prisma plugin skip loading rows when only the count is asked for.
        extensions: { pothosPrismaTotalCount: true },
        // Root connections hand over a thunk, relation connections the loaded count.
        resolve: (connection) => {
          const { totalCount } = connection as unknown as { totalCount: number | (() => number | Promise<number>) };
          return typeof totalCount === 'function' ? totalCount() : totalCount;
        },
      }),
    }),
  },
  { name: 'CoordinationSpaceEdge', description: 'A coordination space in a connection, with its cursor.' },
);

builder.queryField('coordinationSpaces', (t) =>
  t.prismaConnection({
    type: 'CoordinationSpace',
    cursor: 'id',
    description:
      'The open coordination spaces listed in the data, in the order the source lists them; filter by region and level. Unknown region codes give an empty list. Closed spaces are in `closedCoordinationSpaces`.',
    args: {
      regionCode: t.arg.string({ description: 'INEI ubigeo department code ("21") or slug ("puno"), case-insensitive.' }),
      level: t.arg({ type: CoordinationLevel, description: 'Only spaces of this level.' }),
    },
    totalCount: (_parent, args, ctx) => {
      const where = coordinationWhere(args.regionCode, args.level, true);
      return where ? ctx.prisma.coordinationSpace.count({ where }) : 0;
    },
    resolve: (query, _parent, args, ctx) => {
      const where = coordinationWhere(args.regionCode, args.level, true);
      if (!where) return [];
      return ctx.prisma.coordinationSpace.findMany({ ...query, where, orderBy: [{ position: 'asc' }, { id: 'asc' }] });
    },
  }, CoordinationSpaceConnection),
);

// Closed spaces keep their history but no longer count: they are listed apart.
builder.queryField('closedCoordinationSpaces', (t) =>
  t.prismaConnection({
    type: 'CoordinationSpace',
    cursor: 'id',
    description: 'Coordination spaces that have closed (see `closedOn`), most recently closed first; filter by region.',
    args: {
      regionCode: t.arg.string({ description: 'INEI ubigeo department code ("21") or slug ("puno"), case-insensitive.' }),
    },
    totalCount: (_parent, args, ctx) => {
      const where = coordinationWhere(args.regionCode, null, false);
      return where ? ctx.prisma.coordinationSpace.count({ where }) : 0;
    },
    resolve: (query, _parent, args, ctx) => {
      const where = coordinationWhere(args.regionCode, null, false);
      if (!where) return [];
      return ctx.prisma.coordinationSpace.findMany({ ...query, where, orderBy: [{ closedOn: 'desc' }, { id: 'asc' }] });
    },
  }, CoordinationSpaceConnection),
);

/** The filter for a region code, level and open or closed; null when the code cannot match any region. */
function coordinationWhere(regionCode: string | null | undefined, level: string | null | undefined, open: boolean) {
  const region = regionCode == null ? undefined : regionWhere(regionCode);
  if (region === null) return null;
  return {
    ...(region ? { region } : {}),
    ...(level ? { level: level as 'REGIONAL' } : {}),
    closedOn: open ? null : { not: null },
  };
}
