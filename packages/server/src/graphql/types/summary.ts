import type { CoordinationSpace } from '@vigia/schema';
import type { Snapshot, SourceRow } from '../../read-model/snapshot.js';
import { builder } from '../builder.js';
import { langArgs, pick } from '../lang.js';
import { openSpaces } from './coordination.js';
import { DatasetRef, SourceRef } from './refs.js';

const NATIONAL_DATASET = 'coordination-spaces-national-2023';
/** The totals the source itself states for the spaces it lists in the five focus regions. */
const FOCUS_DATASET = 'coordination-spaces-five-regions';

export interface Summary {
  regional: number;
  provincial: number;
  district: number;
  populatedCenter: number;
  /** The local total; the national figures report it apart from its parts. */
  local: number;
  sources: SourceRow[];
  basis: 'LISTED' | 'REPORTED';
  /** The dataset holding these counts as the source states them, when there is one. */
  datasetKey: string | null;
  note: { es: string; en: string } | null;
}

/** Counts a list of spaces by level. */
export function summarizeSpaces(data: Snapshot, spaces: readonly CoordinationSpace[]): Summary {
  const count = (level: string) => spaces.filter((s) => s.level === level).length;
  const provincial = count('PROVINCIAL');
  const district = count('DISTRICT');
  const populatedCenter = count('POPULATED_CENTER');
  const sources = new Map(spaces.map((s) => [s.sourceId, data.sourceById.get(s.sourceId)!]));
  return {
    regional: count('REGIONAL'),
    provincial,
    district,
    populatedCenter,
    local: provincial + district + populatedCenter,
    sources: [...sources.values()],
    basis: 'LISTED',
    datasetKey: null,
    note: null,
  };
}

export const SummaryBasis = builder.enumType('SummaryBasis', {
  description: 'How a coordination-space summary was obtained.',
  values: {
    LISTED: { description: 'Counted from the coordination spaces listed one by one in the data.' },
    REPORTED: { description: 'Totals as the source reports them, without a list behind them.' },
  } as const,
});

export const CoordinationSpaceSummary = builder.objectRef<Summary>('CoordinationSpaceSummary').implement({
  description: 'Coordination spaces against trafficking counted by level. `local` = provincial + district + populatedCenter; `total` = regional + local.',
  fields: (t) => ({
    regional: t.exposeInt('regional', { description: 'Regional spaces.' }),
    provincial: t.exposeInt('provincial', { description: 'Provincial (local) spaces.' }),
    district: t.exposeInt('district', { description: 'District (local) spaces.' }),
    populatedCenter: t.exposeInt('populatedCenter', { description: 'Populated-centre (local) spaces.' }),
    local: t.exposeInt('local', { description: 'Local spaces: provincial + district + populatedCenter.' }),
    total: t.int({ description: 'All spaces: regional + local.', resolve: (s) => s.regional + s.local }),
    basis: t.expose('basis', { type: SummaryBasis, description: 'Counted from the listed spaces, or as reported by the source.' }),
    source: t.field({
      type: SourceRef,
      nullable: true,
      description: 'The source of these counts, when they all come from one place (else see `sources`; null when nothing was counted).',
      resolve: (s) => (s.sources.length === 1 ? s.sources[0]! : null),
    }),
    sources: t.field({ type: [SourceRef], description: 'Every source behind these counts.', resolve: (s) => s.sources }),
    dataset: t.field({
      type: DatasetRef,
      nullable: true,
      description:
        'The dataset in which the source states these counts itself (national totals; the five focus regions), with its CSV; null for a single region.',
      resolve: (s, _args, ctx) => (s.datasetKey ? (ctx.snapshot.datasetByKey.get(s.datasetKey) ?? null) : null),
    }),
    note: t.string({
      nullable: true,
      args: langArgs,
      description: 'What a reader should know about how these counts relate to the source.',
      resolve: (s, { lang }) => (s.note ? pick(lang, s.note.es, s.note.en) : null),
    }),
  }),
});

builder.queryFields((t) => ({
  coordinationSpaceSummary: t.field({
    type: CoordinationSpaceSummary,
    description:
      'Counts of the open coordination spaces listed in the data (closed ones no longer count): of one region, or with no regionCode, of the five focus regions together. An unknown region code counts nothing (all zeros).',
    args: { regionCode: t.arg.string({ description: 'INEI ubigeo department code ("21") or slug ("puno"), case-insensitive.' }) },
    resolve: (_root, { regionCode }, ctx) => {
      if (regionCode != null) return summarizeSpaces(ctx.snapshot, openSpaces(ctx.snapshot, regionCode, null));
      const focus = openSpaces(ctx.snapshot, null, null).filter((s) => ctx.snapshot.regionById.get(s.regionId)!.isFocus);
      return { ...summarizeSpaces(ctx.snapshot, focus), datasetKey: FOCUS_DATASET };
    },
  }),
  nationalCoordinationTotals: t.field({
    type: CoordinationSpaceSummary,
    description:
      'The national totals of coordination spaces as the source reports them (25 regional; 90 local: 55 provincial, 35 district). They are not the sum of the listed spaces.',
    resolve: (_root, _args, ctx) => {
      const dataset = ctx.snapshot.datasetByKey.get(NATIONAL_DATASET);
      const rows = (dataset ? (ctx.snapshot.observationsOfDataset.get(dataset.id) ?? []) : []).filter((o) => o.breakdownDimension === 'level');
      const value = (level: string) => rows.find((r) => r.breakdownValue === level)?.value;
      const regional = value('regional') ?? 0;
      const local = value('local') ?? 0;
      const provincial = value('provincial') ?? 0;
      const district = value('district') ?? 0;
      return {
        regional,
        provincial,
        district,
        // The source gives no populated-centre figure; its local total is exactly
        // provincial + district, so what it leaves for populated centres is the difference.
        populatedCenter: local - provincial - district,
        local,
        sources: [...new Map(rows.map((r) => [r.sourceId, ctx.snapshot.sourceById.get(r.sourceId)!])).values()],
        basis: 'REPORTED',
        datasetKey: NATIONAL_DATASET,
        note: {
          es: `La fuente reporta ${local} espacios locales (${provincial} provinciales y ${district} distritales) y no da una cifra de centros poblados; populatedCenter es lo que el total local deja tras provinciales y distritales.`,
          en: `The source reports ${local} local spaces (${provincial} provincial and ${district} district) and gives no populated-centre figure; populatedCenter is what the local total leaves after provincial and district.`,
        },
      } satisfies Summary;
    },
  }),
}));
