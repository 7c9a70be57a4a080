import type { CoordinationSpace } from '@vigia/schema';
import { pageOf, type Page } from '../../read-model/connection.js';
import type { Snapshot } from '../../read-model/snapshot.js';
import { builder } from '../builder.js';
import { langArgs, pick } from '../lang.js';
import { regionOf } from '../region-code.js';
import { CoordinationSpaceRef, RegionRef, SourceRef } from './refs.js';

export const CoordinationLevel = builder.enumType('CoordinationLevel', {
  description: 'Territorial level of a coordination space against trafficking.',
  values: {
    REGIONAL: { description: 'Regional (department) level.' },
    PROVINCIAL: { description: 'Provincial level (local).' },
    DISTRICT: { description: 'District level (local).' },
    POPULATED_CENTER: { description: 'Populated centre (centro poblado) level (local), e.g. La Rinconada.' },
  } as const,
});

export { CoordinationSpaceRef };

builder.node(CoordinationSpaceRef, {
  id: { resolve: (space) => space.id },
  // An unknown or deleted id resolves to null, not an error.
  loadMany: (ids, ctx) => ids.map((id) => ctx.snapshot.spaceById.get(id) ?? null),
  description:
    'A regional or local coordination space against trafficking in persons (espacio de coordinación), as the source lists it.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable, readable identifier (e.g. "puno-la-rinconada").' }),
    name: t.exposeString('name', {
      description: 'Descriptive name formed from the level and the place the source gives (the source lists places, not names).',
    }),
    level: t.expose('level', { type: CoordinationLevel, description: 'Territorial level.' }),
    region: t.field({
      type: RegionRef,
      description: 'The region (department) the space belongs to.',
      resolve: (space, _args, ctx) => ctx.snapshot.regionById.get(space.regionId)!,
    }),
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
    source: t.field({
      type: SourceRef,
      description: 'Where the source lists this space.',
      resolve: (space, _args, ctx) => ctx.snapshot.sourceById.get(space.sourceId)!,
    }),
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
        resolve: (connection) => (connection as unknown as Page<CoordinationSpace>).totalCount,
      }),
    }),
  },
  { name: 'CoordinationSpaceEdge', description: 'A coordination space in a connection, with its cursor.' },
);

builder.queryField('coordinationSpaces', (t) =>
  t.connection(
    {
      type: CoordinationSpaceRef,
      description:
        'The open coordination spaces listed in the data, in the order the source lists them; filter by region and level. Unknown region codes give an empty list. Closed spaces are in `closedCoordinationSpaces`.',
      args: {
        regionCode: t.arg.string({ description: 'INEI ubigeo department code ("21") or slug ("puno"), case-insensitive.' }),
        level: t.arg({ type: CoordinationLevel, description: 'Only spaces of this level.' }),
      },
      resolve: (_root, args, ctx) => pageOf(openSpaces(ctx.snapshot, args.regionCode, args.level), args),
    },
    CoordinationSpaceConnection,
  ),
);

// Closed spaces keep their history but no longer count: they are listed apart.
builder.queryField('closedCoordinationSpaces', (t) =>
  t.connection(
    {
      type: CoordinationSpaceRef,
      description: 'Coordination spaces that have closed (see `closedOn`), most recently closed first; filter by region.',
      args: {
        regionCode: t.arg.string({ description: 'INEI ubigeo department code ("21") or slug ("puno"), case-insensitive.' }),
      },
      resolve: (_root, args, ctx) => {
        if (args.regionCode == null) return pageOf(ctx.snapshot.closedCoordinationSpaces, args);
        const region = regionOf(ctx.snapshot, args.regionCode);
        return pageOf(region ? ctx.snapshot.closedCoordinationSpaces.filter((s) => s.regionId === region.id) : [], args);
      },
    },
    CoordinationSpaceConnection,
  ),
);

/** The open spaces of a region (any region when regionCode is absent) and level; none for an unknown code. */
export function openSpaces(data: Snapshot, regionCode: string | null | undefined, level: string | null | undefined): readonly CoordinationSpace[] {
  let spaces: readonly CoordinationSpace[];
  if (regionCode == null) {
    spaces = data.coordinationSpaces.filter((s) => s.closedOn === null);
  } else {
    const region = regionOf(data, regionCode);
    spaces = region ? (data.openSpacesOfRegion.get(region.id) ?? []) : [];
  }
  return level ? spaces.filter((s) => s.level === level) : spaces;
}
