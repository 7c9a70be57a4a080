import { deleteObservation, saveObservation } from '../../write/observations.js';
import { NOTE_DESCRIPTION } from '../../write/publications.js';
import { loadRefs } from '../../write/refs.js';
import { builder } from '../builder.js';
import { DatasetRef, IndicatorRef, ObservationScope } from '../types/dataset.js';
import { runWrite, saveFlags, saved } from './run.js';

builder.relayMutationField(
  'upsertIndicator',
  {
    description:
      "One figure of a dataset, by key. For a new one, datasetKey, label, labelEn, value and scope are required; unit, period and source default to the dataset's. For an existing one, fields left out stay as they are and null clears an optional field.",
    inputFields: (t) => ({
      key: t.string({ required: true, description: 'Stable key, lower-case with hyphens (e.g. "cases-puno-2022").' }),
      datasetKey: t.string({ description: 'The dataset it belongs to (cannot change once created).' }),
      label: t.string({ description: 'What the figure is, in Spanish.' }),
      labelEn: t.string({ description: 'What the figure is, in English.' }),
      value: t.float({ description: "The figure: a percentage from 0 to 100, or (any other unit: a count of people, cases or spaces) a whole number from 0 to 10 000 000." }),
      unit: t.string({ description: "Unit, as the source words it; defaults to the dataset's." }),
      periodStart: t.string({ description: "First day covered (ISO date), within the dataset's period; defaults to its start." }),
      periodEnd: t.string({ description: "Last day covered (ISO date), within the dataset's period; defaults to its end." }),
      scope: t.field({ type: ObservationScope, description: 'The area the figure covers.' }),
      regionCode: t.string({ description: 'Region (ubigeo code or slug), for REGION, PROVINCE and DISTRICT figures.' }),
      area: t.string({ description: 'The province or district, as the source writes it, for PROVINCE and DISTRICT figures.' }),
      breakdownDimension: t.string({ description: 'What the figure is broken down by (e.g. "sex"), with breakdownValue.' }),
      breakdownValue: t.string({ description: 'The cell of the breakdown (e.g. "female"), with breakdownDimension.' }),
      baseLabel: t.string({ description: 'For a share: the population it is a share of, in Spanish.' }),
      baseLabelEn: t.string({ description: 'For a share: the population it is a share of, in English.' }),
      sourceKey: t.string({ description: "Key of the source (see upsertSource); defaults to the dataset's (where its chart or table is)." }),
      expectedVersion: t.int({ description: 'Refuse the change (CONFLICT) unless the figure is still at this version; 0: unless it does not exist yet (create only, never overwrite).' }),
      note: t.string({ description: NOTE_DESCRIPTION }),
    }),
  },
  {
    description: 'Adds or corrects a figure of any dataset (editor or admin); a pending dataset becomes PUBLISHED with its first figure.',
    authScopes: { editor: true },
    resolve: (_root, { input }, ctx) =>
      runWrite(ctx, async (tx, actor) => {
        const { key, expectedVersion, note, ...patch } = input;
        return saveObservation(tx, actor, { key, patch, expectedVersion, note, action: 'upsertIndicator' }, await loadRefs(tx));
      }),
  },
  {
    description: 'The figure as it is now.',
    outputFields: (t) => ({
      indicator: t.field({
        type: IndicatorRef,
        description: 'The figure as it is now.',
        resolve: (result, _args, ctx) => saved(ctx.snapshot.observationById, result.id, 'figure'),
      }),
      dataset: t.field({
        type: DatasetRef,
        description: 'Its dataset (its status and count change with its first figure).',
        resolve: (result, _args, ctx) => saved(ctx.snapshot.datasetById, saved(ctx.snapshot.observationById, result.id, 'figure').datasetId, 'dataset'),
      }),
      created: t.boolean({ description: saveFlags.created, resolve: (saved) => saved.created }),
      changed: t.boolean({ description: saveFlags.changed, resolve: (saved) => saved.changed }),
    }),
  },
);

builder.relayMutationField(
  'deleteIndicator',
  {
    description: 'Which figure to delete.',
    inputFields: (t) => ({
      key: t.string({ required: true, description: 'Key of the figure.' }),
      expectedVersion: t.int({ description: 'Refuse the deletion (CONFLICT) unless the figure is still at this version.' }),
      note: t.string({ description: NOTE_DESCRIPTION }),
    }),
  },
  {
    description: 'Deletes a figure entered by mistake (admin only); the audit log keeps what it was, and its revisions end with its withdrawal.',
    authScopes: { admin: true },
    resolve: (_root, { input }, ctx) =>
      runWrite(ctx, async (tx, actor) => ({
        key: input.key,
        ...(await deleteObservation(tx, actor, { key: input.key, expectedVersion: input.expectedVersion, note: input.note, action: 'deleteIndicator' })),
      })),
  },
  {
    description: 'What was deleted, and its dataset as it is now.',
    outputFields: (t) => ({
      deletedKey: t.exposeString('key', { description: 'Key of the deleted figure.' }),
      dataset: t.field({
        type: DatasetRef,
        description: 'Its dataset (PENDING again when this was its last figure).',
        resolve: (deleted, _args, ctx) => saved(ctx.snapshot.datasetById, deleted.datasetId, 'dataset'),
      }),
    }),
  },
);
