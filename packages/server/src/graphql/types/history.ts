/**
 * The public history of the figures: Indicator.revisions, ServiceResult.revisions and
 * Dataset.version / updatedAt / versions, from the snapshot (read-model/history.ts). A
 * revision says when and what was published, and the public note; never who made the change.
 * The `asOf` arguments of `indicators` and `dataset` are in dataset.ts.
 */
import type { DatasetVersion, ObservationRevision, ServiceResultRevision } from '@vigia/schema';
import type { Context } from '../../context.js';
import { publishedValue } from '../../core/suppression.js';
import { asOfOf, changeOf, datasetVersionAt, publishedAt, upTo } from '../../read-model/history.js';
import { builder } from '../builder.js';
import { isoDate } from '../../core/dates.js';
import { langArgs, pick } from '../lang.js';
import { DatasetRef, IndicatorRef, ServiceResultRef, SourceRef } from './refs.js';

export const RevisionChange = builder.enumType('RevisionChange', {
  description: 'What a publication did to a figure.',
  values: {
    PUBLISHED: { description: 'Its first publication (or its publication anew after a withdrawal).' },
    REVISED: { description: 'A correction or update of a figure already published.' },
    WITHDRAWN: { description: 'It was withdrawn (deleted); the revision keeps what it last said.' },
  } as const,
});

interface Indexed<T> {
  revision: T;
  index: number;
  list: readonly T[];
}

const note = (ctx: Context, publicationId: number) => ctx.snapshot.publicationById.get(publicationId)?.note ?? null;

const IndicatorRevisionRef = builder.objectRef<Indexed<ObservationRevision>>('IndicatorRevision').implement({
  description:
    'One published state of a figure: its value, when it was published and the public note given with the change. Never who made it. Small victim counts stay suppressed, as in `Indicator`.',
  fields: (t) => ({
    version: t.int({ description: "The figure's version after this change (what `expectedVersion` compares).", resolve: ({ revision }) => revision.version }),
    publishedAt: t.field({
      type: 'DateTime',
      description: 'When Vigía published it.',
      resolve: ({ revision }, _args, ctx) => publishedAt(ctx.snapshot, revision.publicationId),
    }),
    change: t.field({ type: RevisionChange, description: 'First publication, revision or withdrawal.', resolve: ({ list, index }) => changeOf(list, index) }),
    note: t.string({
      nullable: true,
      description: 'The public note given with the change (e.g. why the figure was corrected); null when none was given.',
      resolve: ({ revision }, _args, ctx) => note(ctx, revision.publicationId),
    }),
    value: t.float({
      nullable: true,
      description: 'The figure as then published, in `unit`; null when it is suppressed for you (a small victim count).',
      resolve: ({ revision }, _args, ctx) => published(revision, ctx).value,
    }),
    suppressed: t.boolean({
      description: 'Whether this value is withheld from the public (a victim count below the threshold for an area smaller than a region or in a breakdown cell).',
      resolve: ({ revision }, _args, ctx) => published(revision, ctx).suppressed,
    }),
    displayValue: t.string({
      description: 'The value as text: the number, or "< 5" when it is suppressed for you.',
      resolve: ({ revision }, _args, ctx) => published(revision, ctx).display,
    }),
    label: t.string({ args: langArgs, description: 'What the figure was called then.', resolve: ({ revision }, { lang }) => pick(lang, revision.label, revision.labelEn) }),
    unit: t.string({ description: 'Unit, as the source words it.', resolve: ({ revision }) => revision.unit }),
    periodStart: t.string({ description: 'First day of the period it covered (ISO date).', resolve: ({ revision }) => isoDate(revision.periodStart) }),
    periodEnd: t.string({ description: 'Last day of the period it covered (ISO date).', resolve: ({ revision }) => isoDate(revision.periodEnd) }),
    source: t.field({ type: SourceRef, description: 'The source it cited.', resolve: ({ revision }, _args, ctx) => ctx.snapshot.sourceById.get(revision.sourceId)! }),
    datasetVersion: t.int({
      nullable: true,
      description: "The version of the figure's dataset this change made.",
      resolve: ({ revision }, _args, ctx) =>
        ctx.snapshot.versionsOfPublication.get(revision.publicationId)?.find((v) => v.datasetId === revision.datasetId)?.version ?? null,
    }),
  }),
});

/** The revision's value as this caller may see it: the suppression rules of the figure itself. */
function published(r: ObservationRevision, ctx: Context) {
  const countsVictims = ctx.snapshot.datasetById.get(r.datasetId)?.countsVictims ?? true;
  return publishedValue({ value: r.value, scope: r.scope, breakdownDimension: r.breakdownDimension, countsVictims }, ctx.caller);
}

const ServiceResultRevisionRef = builder.objectRef<Indexed<ServiceResultRevision>>('ServiceResultRevision').implement({
  description: "One published state of a service's result for a year: what it said, when and the public note. Never who made the change.",
  fields: (t) => ({
    version: t.int({ description: "The result's version after this change.", resolve: ({ revision }) => revision.version }),
    publishedAt: t.field({ type: 'DateTime', description: 'When Vigía published it.', resolve: ({ revision }, _args, ctx) => publishedAt(ctx.snapshot, revision.publicationId) }),
    change: t.field({ type: RevisionChange, description: 'First publication or revision.', resolve: ({ list, index }) => changeOf(list, index) }),
    note: t.string({
      nullable: true,
      description: 'The public note given with the change; null when none was given.',
      resolve: ({ revision }, _args, ctx) => note(ctx, revision.publicationId),
    }),
    achieved: t.int({ description: 'What was delivered, as then published.', resolve: ({ revision }) => revision.achieved }),
    executionRate: t.float({ nullable: true, description: "Execution against the year's goal, in percent.", resolve: ({ revision }) => revision.executionRate }),
    unit: t.string({ args: langArgs, description: 'What `achieved` counted.', resolve: ({ revision }, { lang }) => pick(lang, revision.unit, revision.unitEn) }),
    source: t.field({ type: SourceRef, description: 'The source it cited.', resolve: ({ revision }, _args, ctx) => ctx.snapshot.sourceById.get(revision.sourceId)! }),
  }),
});

const DatasetVersionRef = builder.objectRef<DatasetVersion>('DatasetVersion').implement({
  description: 'A version of a dataset: 1 when Vigía first published it, one more with every publication that changed its figures.',
  fields: (t) => ({
    version: t.exposeInt('version', { description: 'The version number.' }),
    publishedAt: t.field({ type: 'DateTime', description: 'When it was published.', resolve: (v, _args, ctx) => publishedAt(ctx.snapshot, v.publicationId) }),
    note: t.string({ nullable: true, description: 'The public note given with the change; null when none.', resolve: (v, _args, ctx) => note(ctx, v.publicationId) }),
  }),
});

const indexed = <T>(list: readonly T[]): Indexed<T>[] => list.map((revision, index) => ({ revision, index, list }));

builder.objectFields(IndicatorRef, (t) => ({
  revisions: t.field({
    type: [IndicatorRevisionRef],
    description:
      'Every state this figure has been published in, oldest first: its first publication, each correction, its withdrawal if it was deleted (a figure entered again under the same key continues the list). Up to `asOf` when the figure comes from a query with `asOf`.',
    resolve: (o, _args, ctx) => indexed(upTo(ctx.snapshot, ctx.snapshot.revisionsOfKey.get(o.key) ?? [], asOfOf(o))),
  }),
}));

builder.objectFields(ServiceResultRef, (t) => ({
  revisions: t.field({
    type: [ServiceResultRevisionRef],
    description: 'Every state this result has been published in, oldest first.',
    resolve: (r, _args, ctx) => indexed(ctx.snapshot.revisionsOfResult.get(r.id) ?? []),
  }),
}));

builder.objectFields(DatasetRef, (t) => ({
  version: t.int({
    description:
      'The version of its data: 1 when Vigía first published it, raised by every change of its figures (0 only before its first publication). Cite it with the data: `citation`. As of `asOf` when the dataset comes from `dataset(asOf:)`.',
    resolve: (d, _args, ctx) => datasetVersionAt(ctx.snapshot, d.id, asOfOf(d))?.version ?? 0,
  }),
  updatedAt: t.field({
    type: 'DateTime',
    nullable: true,
    description: 'When that version was published: the last change of its figures (null only before its first publication).',
    resolve: (d, _args, ctx) => {
      const version = datasetVersionAt(ctx.snapshot, d.id, asOfOf(d));
      return version ? publishedAt(ctx.snapshot, version.publicationId) : null;
    },
  }),
  versions: t.field({
    type: [DatasetVersionRef],
    description: 'Every version of its data, oldest first (up to `asOf` when it comes from `dataset(asOf:)`).',
    resolve: (d, _args, ctx) => upTo(ctx.snapshot, ctx.snapshot.versionsOfDataset.get(d.id) ?? [], asOfOf(d)),
  }),
}));
