import type { Observation } from '@vigia/schema';
import type { Context } from '../../context.js';
import { publishedValue } from '../../core/suppression.js';
import { asOfObject, asOfOf, datasetVersionAt, figuresOf, observationsAsOf } from '../../read-model/history.js';
import { builder } from '../builder.js';
import { isoDate } from '../../core/dates.js';
import { langArgs, pick } from '../lang.js';
import { regionOf } from '../region-code.js';
import { DatasetRef, IndicatorRef, RegionRef, SourceRef } from './refs.js';

export { DatasetRef, IndicatorRef };

/** The figure as this caller may see it (small victim counts suppressed for the public). */
const published = (o: Observation, ctx: Context) =>
  publishedValue(
    { value: o.value, scope: o.scope, breakdownDimension: o.breakdownDimension, countsVictims: ctx.snapshot.datasetById.get(o.datasetId)!.countsVictims },
    ctx.caller,
  );

export const DatasetStatus = builder.enumType('DatasetStatus', {
  description: 'Whether a dataset has figures yet.',
  values: {
    PUBLISHED: { description: 'It has observations.' },
    PENDING: {
      description: 'It has no observations yet (e.g. the source shows it only as a chart image): show it as pending, never as zero.',
    },
  } as const,
});

export const ObservationScope = builder.enumType('IndicatorScope', {
  description: 'The area a figure covers.',
  values: {
    NATIONAL: { description: 'The whole of Peru.' },
    FOCUS_REGIONS: { description: 'The five focus regions together (Arequipa, Cusco, Puno, Tacna, Moquegua).' },
    REGION: { description: 'One region (see `region`).' },
    PROVINCE: { description: 'A province of a region (see `region` and `area`).' },
    DISTRICT: { description: 'A district of a region (see `region` and `area`).' },
  } as const,
});

const Breakdown = builder
  .objectRef<{ dimension: string; value: string }>('Breakdown')
  .implement({
    description: 'The cell of a breakdown a figure belongs to, e.g. sex = female, age = under-18, level = provincial.',
    fields: (t) => ({
      dimension: t.exposeString('dimension', { description: 'What the figure is broken down by (sex, age, level).' }),
      value: t.exposeString('value', { description: 'The cell (female, under-18, provincial).' }),
    }),
  });

builder.node(DatasetRef, {
  id: { resolve: (dataset) => dataset.id },
  // An unknown or deleted id resolves to null, not an error.
  loadMany: (ids, ctx) => ids.map((id) => ctx.snapshot.datasetById.get(id) ?? null),
  description: 'A statistical series: observations of one measure with their sources, or none yet (pending).',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable identifier (e.g. "police-officers-trained-2021-2023").' }),
    title: t.string({ args: langArgs, description: 'Title.', resolve: (d, { lang }) => pick(lang, d.title, d.titleEn) }),
    description: t.string({
      args: langArgs,
      description: 'What the dataset measures.',
      resolve: (d, { lang }) => pick(lang, d.description, d.descriptionEn),
    }),
    unit: t.exposeString('unit', { description: 'Unit of its observations, as the source words it (Spanish).' }),
    periodStart: t.string({ nullable: true, description: 'First day the dataset covers (ISO date).', resolve: (d) => d.periodStart && isoDate(d.periodStart) }),
    periodEnd: t.string({ nullable: true, description: 'Last day the dataset covers (ISO date).', resolve: (d) => d.periodEnd && isoDate(d.periodEnd) }),
    status: t.field({
      type: DatasetStatus,
      description: 'PUBLISHED when it has observations, PENDING when it has none yet.',
      resolve: (d, _args, ctx) => (figuresOf(ctx.snapshot, d).length ? 'PUBLISHED' : 'PENDING'),
    }),
    pendingReason: t.string({
      nullable: true,
      args: langArgs,
      description: 'Why there are no figures yet; null once the dataset has observations.',
      resolve: (d, { lang }, ctx) =>
        figuresOf(ctx.snapshot, d).length || !d.pendingReason ? null : pick(lang, d.pendingReason, d.pendingReasonEn ?? d.pendingReason),
    }),
    observationCount: t.int({
      description: 'How many observations it has.',
      resolve: (d, _args, ctx) => figuresOf(ctx.snapshot, d).length,
    }),
    countsVictims: t.exposeBoolean('countsVictims', {
      description:
        'Its figures count victims or cases of trafficking (people, mostly children): small counts below a region or in a breakdown cell are suppressed for the public.',
    }),
    observations: t.field({
      type: [IndicatorRef],
      description: 'Its observations, in the order the source gives them (as published at `asOf` when the dataset comes from `dataset(asOf:)`).',
      resolve: (d, _args, ctx) => figuresOf(ctx.snapshot, d),
    }),
    source: t.field({
      type: SourceRef,
      description: 'Where the source presents this dataset (for a pending one: where its chart is).',
      resolve: (d, _args, ctx) => ctx.snapshot.sourceById.get(d.sourceId)!,
    }),
    csvUrl: t.string({
      description: 'The dataset as CSV, for spreadsheets ("explore the data").',
      resolve: (d, _args, ctx) => new URL(`/data/${encodeURIComponent(d.key)}.csv`, ctx.request.url).href,
    }),
  }),
});

builder.node(IndicatorRef, {
  id: { resolve: (o) => o.id },
  // An unknown or deleted id resolves to null, not an error.
  loadMany: (ids, ctx) => ids.map((id) => ctx.snapshot.observationById.get(id) ?? null),
  description: 'One figure: a value for a period and an area, in a breakdown cell when it has one, with its source.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable identifier (e.g. "police-trained-puno", "victims-women-share").' }),
    label: t.string({ args: langArgs, description: 'What the figure is.', resolve: (o, { lang }) => pick(lang, o.label, o.labelEn) }),
    value: t.float({
      nullable: true,
      description:
        'The figure, in `unit` (percentages as 85.3, not 0.853). Null when it is suppressed for you: a small victim count (see `suppressed`, `displayValue`).',
      resolve: (o, _args, ctx) => published(o, ctx).value,
    }),
    suppressed: t.boolean({
      description:
        'True when the figure is withheld from the public to protect children: a victim count below the threshold (default 5) for an area smaller than a region or in a breakdown cell. Editors and admins still get `value`.',
      resolve: (o, _args, ctx) => published(o, ctx).suppressed,
    }),
    displayValue: t.string({
      description: 'The figure as text to show: the number, or "< 5" when it is suppressed for you.',
      resolve: (o, _args, ctx) => published(o, ctx).display,
    }),
    area: t.exposeString('area', {
      nullable: true,
      description: 'For a PROVINCE or DISTRICT figure: the place, as the source writes it; null otherwise.',
    }),
    unit: t.exposeString('unit', { description: 'Unit, as the source words it (Spanish; "%" for percentages).' }),
    periodStart: t.string({ description: 'First day of the period the figure covers (ISO date).', resolve: (o) => isoDate(o.periodStart) }),
    periodEnd: t.string({ description: 'Last day of the period the figure covers (ISO date).', resolve: (o) => isoDate(o.periodEnd) }),
    scope: t.expose('scope', { type: ObservationScope, description: 'The area the figure covers.' }),
    region: t.field({
      type: RegionRef,
      nullable: true,
      description: 'The region, when the figure is about one region; null otherwise.',
      resolve: (o, _args, ctx) => (o.regionId ? ctx.snapshot.regionById.get(o.regionId)! : null),
    }),
    breakdown: t.field({
      type: Breakdown,
      nullable: true,
      description: 'The breakdown cell, when the figure is one.',
      resolve: (o) =>
        o.breakdownDimension && o.breakdownValue ? { dimension: o.breakdownDimension, value: o.breakdownValue } : null,
    }),
    base: t.string({
      nullable: true,
      args: langArgs,
      description: 'For a share: the population it is a share of (e.g. "women trafficking victims").',
      resolve: (o, { lang }) => (o.baseLabel ? pick(lang, o.baseLabel, o.baseLabelEn ?? o.baseLabel) : null),
    }),
    source: t.field({ type: SourceRef, description: 'Where the figure comes from.', resolve: (o, _args, ctx) => ctx.snapshot.sourceById.get(o.sourceId)! }),
    dataset: t.field({
      type: DatasetRef,
      description: 'The dataset the figure belongs to (as of the same moment, for a figure from a query with `asOf`).',
      resolve: (o, _args, ctx) => asOfObject(ctx.snapshot.datasetById.get(o.datasetId)!, asOfOf(o)),
    }),
  }),
});

builder.queryFields((t) => ({
  datasets: t.field({
    type: [DatasetRef],
    description: 'Every dataset, published and pending, in the order of the source.',
    resolve: (_root, _args, ctx) => ctx.snapshot.datasets,
  }),
  dataset: t.field({
    type: DatasetRef,
    nullable: true,
    description: 'One dataset by key; null when unknown (or, with asOf, not yet published then).',
    args: {
      key: t.arg.string({ required: true, description: 'Dataset key.' }),
      asOf: t.arg({ type: 'DateTime', description: 'The dataset as it was published at that moment: its version, updatedAt and figures then.' }),
    },
    resolve: (_root, { key, asOf }, ctx) => {
      const dataset = ctx.snapshot.datasetByKey.get(key);
      if (!dataset) return null;
      if (asOf && !datasetVersionAt(ctx.snapshot, dataset.id, asOf)) return null;
      return asOfObject(dataset, asOf ?? null);
    },
  }),
  indicators: t.field({
    type: [IndicatorRef],
    description:
      'Every figure (indicator) with its source; with regionCode, only the figures about that region (an unknown code gives an empty list).',
    args: {
      regionCode: t.arg.string({ description: 'INEI ubigeo department code ("21") or slug ("puno"), case-insensitive.' }),
      asOf: t.arg({
        type: 'DateTime',
        description: 'The figures as they were published at that moment (each in its state then; figures withdrawn since are included, later ones are not).',
      }),
    },
    resolve: (_root, { regionCode, asOf }, ctx) => {
      const region = regionCode == null ? null : regionOf(ctx.snapshot, regionCode);
      if (regionCode != null && !region) return [];
      if (asOf) {
        const figures = observationsAsOf(ctx.snapshot, asOf).map((o) => asOfObject(o, asOf));
        return region ? figures.filter((o) => o.regionId === region.id) : figures;
      }
      return region ? (ctx.snapshot.observationsOfRegion.get(region.id) ?? []) : ctx.snapshot.observations;
    },
  }),
  indicator: t.field({
    type: IndicatorRef,
    nullable: true,
    description: 'One figure by key (e.g. "victims-women-share"); null when unknown.',
    args: { key: t.arg.string({ required: true, description: 'Indicator key.' }) },
    resolve: (_root, { key }, ctx) => ctx.snapshot.observationByKey.get(key) ?? null,
  }),
}));
