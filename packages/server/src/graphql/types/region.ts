import { pageOf } from '../../read-model/connection.js';
import { builder } from '../builder.js';
import { regionOf } from '../region-code.js';
import { CoordinationLevel, CoordinationSpaceConnection, CoordinationSpaceRef, openSpaces } from './coordination.js';
import { IndicatorRef, RegionRef, SourceRef } from './refs.js';
import { CoordinationSpaceSummary, summarizeSpaces } from './summary.js';

export const POLICE_TRAINED_DATASET = 'police-officers-trained-2021-2023';

builder.node(RegionRef, {
  id: { resolve: (region) => region.id },
  // An unknown or deleted id resolves to null, not an error.
  loadMany: (ids, ctx) => ids.map((id) => ctx.snapshot.regionById.get(id) ?? null),
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
    highIncidenceSource: t.field({
      type: SourceRef,
      nullable: true,
      description: 'Where the source says the region has high incidence; null when it does not.',
      resolve: (region, _args, ctx) => (region.highIncidenceSourceId ? ctx.snapshot.sourceById.get(region.highIncidenceSourceId)! : null),
    }),
    coordinationSpaceSummary: t.field({
      type: CoordinationSpaceSummary,
      description: "Counts of the region's open coordination spaces by level (closed ones no longer count).",
      resolve: (region, _args, ctx) => summarizeSpaces(ctx.snapshot, ctx.snapshot.openSpacesOfRegion.get(region.id) ?? []),
    }),
    coordinationSpaces: t.connection(
      {
        type: CoordinationSpaceRef,
        description: "The region's open coordination spaces, in the order the source lists them.",
        args: { level: t.arg({ type: CoordinationLevel, description: 'Only spaces of this level.' }) },
        resolve: (region, args, ctx) => {
          const spaces = ctx.snapshot.openSpacesOfRegion.get(region.id) ?? [];
          return pageOf(args.level ? spaces.filter((s) => s.level === args.level) : spaces, args);
        },
      },
      CoordinationSpaceConnection,
    ),
    policeTrained: t.field({
      type: IndicatorRef,
      nullable: true,
      description:
        'Police officers trained in the region by the two PNP courses of 2021–2023, with its source; null where the source gives no figure.',
      resolve: (region, _args, ctx) => {
        const dataset = ctx.snapshot.datasetByKey.get(POLICE_TRAINED_DATASET);
        return ctx.snapshot.observationsOfRegion.get(region.id)?.find((o) => o.datasetId === dataset?.id) ?? null;
      },
    }),
    indicators: t.field({
      type: [IndicatorRef],
      description: 'Every figure about this region, with its source.',
      resolve: (region, _args, ctx) => ctx.snapshot.observationsOfRegion.get(region.id) ?? [],
    }),
  }),
});

builder.queryFields((t) => ({
  regions: t.field({
    type: [RegionRef],
    description: 'Regions of Peru ordered by ubigeo code; focus: true gives the five regions the briefing covers.',
    args: { focus: t.arg.boolean({ description: 'true: only the five focus regions; false: only the others.' }) },
    resolve: (_root, { focus }, ctx) => (focus == null ? ctx.snapshot.regions : ctx.snapshot.regions.filter((r) => r.isFocus === focus)),
  }),
  region: t.field({
    type: RegionRef,
    nullable: true,
    description: 'One region by INEI ubigeo department code ("21") or slug ("puno"), case-insensitive; null when unknown.',
    args: { code: t.arg.string({ required: true, description: 'Ubigeo code or slug.' }) },
    resolve: (_root, { code }, ctx) => regionOf(ctx.snapshot, code) ?? null,
  }),
}));


