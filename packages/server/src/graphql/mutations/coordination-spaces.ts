import { saveSpace, type SpacePatch, defaultSpaceKey } from '../../write/coordination-spaces.js';
import { InputError } from '../../core/errors.js';
import { loadRefs } from '../../write/refs.js';
import { builder } from '../builder.js';
import { CoordinationLevel, CoordinationSpaceRef } from '../types/coordination.js';
import { runWrite, saveFlags, saved, type InputFieldBuilder, type PayloadFieldBuilder } from './run.js';

interface SpaceSaved {
  id: string;
  created: boolean;
  changed: boolean;
}

const payload = (description: string) => ({
  description,
  outputFields: (t: PayloadFieldBuilder<SpaceSaved>) => ({
    coordinationSpace: t.field({
      type: CoordinationSpaceRef,
      description: 'The coordination space as it is now.',
      resolve: (result, _args, ctx) => saved(ctx.snapshot.spaceById, result.id, 'coordination space'),
    }),
    changed: t.boolean({ description: saveFlags.changed, resolve: (saved) => saved.changed }),
  }),
});

const placeFields = (t: InputFieldBuilder) => ({
  name: t.string({ description: 'Descriptive name; for a new space, by default formed from its level and place as the seed names them.' }),
  level: t.field({ type: CoordinationLevel, description: 'Territorial level.' }),
  regionCode: t.string({ description: 'Region: INEI ubigeo code ("21") or slug ("puno").' }),
  province: t.string({ description: 'Province, as the source writes it (required for PROVINCIAL).' }),
  district: t.string({ description: 'District, as the source writes it (required for DISTRICT).' }),
  locality: t.string({ description: 'Town or populated centre, as the source writes it (required for POPULATED_CENTER).' }),
  sourceText: t.string({ description: "The source's own words for the space." }),
  note: t.string({ description: "Where the source's wording differs from official geography: what it says and how it differs." }),
  sourceKey: t.string({ description: 'Key of the source that lists the space (see upsertSource).' }),
});

const patchOf = (input: Record<string, unknown>): SpacePatch => ({
  name: input.name as string | null | undefined,
  level: input.level as SpacePatch['level'],
  regionCode: input.regionCode as string | null | undefined,
  province: input.province as string | null | undefined,
  district: input.district as string | null | undefined,
  locality: input.locality as string | null | undefined,
  sourceText: input.sourceText as string | null | undefined,
  note: input.note as string | null | undefined,
  sourceKey: input.sourceKey as string | null | undefined,
});

builder.relayMutationField(
  'createCoordinationSpace',
  {
    description: 'A new coordination space. level, regionCode, sourceText and sourceKey are required.',
    inputFields: (t) => ({
      key: t.string({ description: 'Stable key; by default "<region slug>-<place>" (e.g. "puno-juliaca").' }),
      ...placeFields(t),
    }),
  },
  {
    description: 'Adds a coordination space a region has created (editor or admin).',
    authScopes: { editor: true },
    resolve: (_root, { input }, ctx) =>
      runWrite(ctx, async (tx, actor) => {
        const refs = await loadRefs(tx);
        const patch = patchOf(input);
        const key = input.key ?? defaultSpaceKey(refs, patch);
        if (!key) throw new InputError('key', 'is required when the space has no province, district or locality to name it by');
        return saveSpace(tx, actor, { key, patch, action: 'createCoordinationSpace', mode: 'create' }, refs);
      }),
  },
  payload('The coordination space created.'),
);

builder.relayMutationField(
  'updateCoordinationSpace',
  {
    description: 'Changes to a coordination space: fields left out stay as they are; null clears an optional field.',
    inputFields: (t) => ({
      key: t.string({ required: true, description: 'Key of the space to change.' }),
      expectedVersion: t.int({ description: 'Refuse the change (CONFLICT) unless the space is still at this version.' }),
      ...placeFields(t),
    }),
  },
  {
    description: 'Corrects a coordination space (editor or admin). To close one, use closeCoordinationSpace.',
    authScopes: { editor: true },
    resolve: (_root, { input }, ctx) =>
      runWrite(ctx, async (tx, actor) =>
        saveSpace(
          tx,
          actor,
          { key: input.key, patch: patchOf(input), expectedVersion: input.expectedVersion, action: 'updateCoordinationSpace', mode: 'update' },
          await loadRefs(tx),
        ),
      ),
  },
  payload('The coordination space as changed.'),
);

builder.relayMutationField(
  'closeCoordinationSpace',
  {
    description: 'When and why a coordination space stopped working.',
    inputFields: (t) => ({
      key: t.string({ required: true, description: 'Key of the space to close.' }),
      closedOn: t.string({ required: true, description: 'The day it stopped working (ISO date, not in the future).' }),
      reason: t.string({ description: 'Why it closed.' }),
      expectedVersion: t.int({ description: 'Refuse the change (CONFLICT) unless the space is still at this version.' }),
    }),
  },
  {
    description:
      'Closes a coordination space on a date (editor or admin). Spaces are never deleted: a closed space keeps its history, is not counted, and is listed by closedCoordinationSpaces.',
    authScopes: { editor: true },
    resolve: (_root, { input }, ctx) =>
      runWrite(ctx, async (tx, actor) =>
        saveSpace(
          tx,
          actor,
          {
            key: input.key,
            patch: { closedOn: input.closedOn, closedReason: input.reason ?? null },
            expectedVersion: input.expectedVersion,
            action: 'closeCoordinationSpace',
            mode: 'close',
          },
          await loadRefs(tx),
          { closedReason: 'reason' },
        ),
      ),
  },
  payload('The coordination space, now closed.'),
);

builder.relayMutationField(
  'reopenCoordinationSpace',
  {
    description: 'Which closed coordination space to reopen.',
    inputFields: (t) => ({
      key: t.string({ required: true, description: 'Key of the closed space.' }),
      expectedVersion: t.int({ description: 'Refuse the change (CONFLICT) unless the space is still at this version.' }),
    }),
  },
  {
    description: 'Undoes a closure recorded by mistake (admin only): the space counts again.',
    authScopes: { admin: true },
    resolve: (_root, { input }, ctx) =>
      runWrite(ctx, async (tx, actor) =>
        saveSpace(
          tx,
          actor,
          {
            key: input.key,
            patch: { closedOn: null, closedReason: null },
            expectedVersion: input.expectedVersion,
            action: 'reopenCoordinationSpace',
            mode: 'reopen',
          },
          await loadRefs(tx),
        ),
      ),
  },
  payload('The coordination space, open again.'),
);
