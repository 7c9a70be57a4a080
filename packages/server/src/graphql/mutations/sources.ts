import { saveDocument, saveSource } from '../../write/sources.js';
import { builder } from '../builder.js';
import { DocumentRef, SourceRef } from '../types/refs.js';
import { runWrite, saveFlags, saved } from './run.js';

builder.relayMutationField(
  'upsertDocument',
  {
    description: 'A document Vigía cites, by key. For a new one, title, publisher and publishedOn are required; otherwise fields left out stay as they are.',
    inputFields: (t) => ({
      key: t.string({ required: true, description: 'Stable key (e.g. "mininter-2025-03-report").' }),
      title: t.string({ description: 'Title, as the document gives it.' }),
      publisher: t.string({ description: 'Who published it.' }),
      publishedOn: t.string({ description: 'Publication date at the precision the document gives: YYYY, YYYY-MM or YYYY-MM-DD.' }),
      place: t.string({ description: 'Place of publication.' }),
      url: t.string({ description: 'Where it can be read (http or https).' }),
      expectedVersion: t.int({ description: 'Refuse the change (CONFLICT) unless the document is still at this version; 0: unless it does not exist yet (create only, never overwrite).' }),
    }),
  },
  {
    description: 'Adds or corrects a document that sources cite (editor or admin).',
    authScopes: { editor: true },
    resolve: (_root, { input }, ctx) =>
      runWrite(ctx, (tx, actor) => {
        const { key, expectedVersion, ...patch } = input;
        return saveDocument(tx, actor, { key, patch, expectedVersion, action: 'upsertDocument' });
      }),
  },
  {
    description: 'The document as it is now.',
    outputFields: (t) => ({
      document: t.field({
        type: DocumentRef,
        description: 'The document as it is now.',
        resolve: (result, _args, ctx) => saved(ctx.snapshot.documentById, result.id, 'document'),
      }),
      created: t.boolean({ description: saveFlags.created, resolve: (saved) => saved.created }),
      changed: t.boolean({ description: saveFlags.changed, resolve: (saved) => saved.changed }),
    }),
  },
);

builder.relayMutationField(
  'upsertSource',
  {
    description: 'A citable place in a document (a slide, a table), by key. For a new one, documentKey and section are required.',
    inputFields: (t) => ({
      key: t.string({ required: true, description: 'Stable key (e.g. "report-2025-table-3").' }),
      documentKey: t.string({ description: 'The document it is in (see upsertDocument).' }),
      section: t.string({ description: 'The slide or table, by its heading.' }),
      slide: t.int({ description: 'Position of the slide or page, 1 or more.' }),
      quote: t.string({ description: "The document's own words for the figure." }),
      citedWork: t.string({ description: 'The work the document itself cites, when the figure is second-hand.' }),
      expectedVersion: t.int({ description: 'Refuse the change (CONFLICT) unless the source is still at this version; 0: unless it does not exist yet (create only, never overwrite).' }),
    }),
  },
  {
    description: 'Adds or corrects a source that figures cite (editor or admin).',
    authScopes: { editor: true },
    resolve: (_root, { input }, ctx) =>
      runWrite(ctx, (tx, actor) => {
        const { key, expectedVersion, ...patch } = input;
        return saveSource(tx, actor, { key, patch, expectedVersion, action: 'upsertSource' });
      }),
  },
  {
    description: 'The source as it is now.',
    outputFields: (t) => ({
      source: t.field({
        type: SourceRef,
        description: 'The source as it is now.',
        resolve: (result, _args, ctx) => saved(ctx.snapshot.sourceById, result.id, 'source'),
      }),
      created: t.boolean({ description: saveFlags.created, resolve: (saved) => saved.created }),
      changed: t.boolean({ description: saveFlags.changed, resolve: (saved) => saved.changed }),
    }),
  },
);
