import { NOTE_DESCRIPTION } from '../../write/publications.js';
import { saveServiceResult } from '../../write/service-results.js';
import { builder } from '../builder.js';
import { ServiceRef, ServiceResultRef } from '../types/refs.js';
import { runWrite, saveFlags, saved } from './run.js';

builder.relayMutationField(
  'upsertServiceResult',
  {
    description: "What a service achieved in a year. Fields left out keep their stored value (or, for a new year, the service's latest unit).",
    inputFields: (t) => ({
      serviceNumber: t.int({ required: true, description: "The policy's number for the service (e.g. 20)." }),
      year: t.int({ required: true, description: "The year, from the policy's approval (2021) to the current year." }),
      achieved: t.int({ required: true, description: 'What was delivered (a whole number, 0 or more).' }),
      executionRate: t.float({ description: "Execution against the year's goal in percent, 0 to 1000 (118.5 means 118.5 %); null clears it." }),
      unit: t.string({ description: 'What `achieved` counts, in Spanish; required for the first result of a service.' }),
      unitEn: t.string({ description: 'What `achieved` counts, in English; required for the first result of a service.' }),
      sourceKey: t.string({
        description: 'Key of the source reporting the result (see upsertSource). Without it a new result is cited as entered in Vigía by you.',
      }),
      expectedVersion: t.int({ description: 'Refuse the change (CONFLICT) unless the result is still at this version; 0: unless the year has no result yet (create only, never overwrite).' }),
      note: t.string({ description: NOTE_DESCRIPTION }),
    }),
  },
  {
    description: "Records or corrects a service's result for a year (editor or admin).",
    authScopes: { editor: true },
    resolve: (_root, { input }, ctx) =>
      runWrite(ctx, (tx, actor) => saveServiceResult(tx, actor, { ...input, action: 'upsertServiceResult' })),
  },
  {
    description: 'The service with its results, and the result recorded.',
    outputFields: (t) => ({
      service: t.field({
        type: ServiceRef,
        description: 'The service, with all its results as they are now.',
        resolve: (result, _args, ctx) => saved(ctx.snapshot.serviceById, result.serviceId, 'service'),
      }),
      result: t.field({
        type: ServiceResultRef,
        description: "The year's result as recorded.",
        resolve: (result, _args, ctx) => saved(ctx.snapshot.resultById, result.id, 'result'),
      }),
      created: t.boolean({ description: saveFlags.created, resolve: (saved) => saved.created }),
      changed: t.boolean({ description: saveFlags.changed, resolve: (saved) => saved.changed }),
    }),
  },
);
