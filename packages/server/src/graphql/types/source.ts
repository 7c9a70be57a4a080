/**
 * Documents and the citable places inside them (sources): their types, and the lists of both.
 */
import { builder } from '../builder.js';
import { DocumentRef, SourceRef } from './refs.js';

export { DocumentRef, SourceRef };

DocumentRef.implement({
  description: 'A published document Vigía takes figures from.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable identifier of the document in Vigía.' }),
    title: t.exposeString('title', { description: 'Title, as the document gives it.' }),
    publisher: t.exposeString('publisher', { description: 'Who published it.' }),
    publishedOn: t.exposeString('publishedOn', {
      description: 'Publication date in ISO 8601 at the precision the document gives (e.g. "2024-02").',
    }),
    place: t.exposeString('place', { nullable: true, description: 'Place of publication.' }),
    url: t.exposeString('url', { nullable: true, description: 'Where the document can be read, when known.' }),
  }),
});

SourceRef.implement({
  description:
    'Where a figure comes from: a document and the slide or table inside it, with the exact words when they are short enough to quote.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable identifier of this citation in Vigía.' }),
    title: t.string({
      description: "Title of the document.",
      resolve: (source) => source.document.title,
    }),
    publisher: t.string({
      description: 'Who published the document.',
      resolve: (source) => source.document.publisher,
    }),
    publishedOn: t.string({
      description: 'Publication date in ISO 8601 at the precision the document gives (e.g. "2024-02").',
      resolve: (source) => source.document.publishedOn,
    }),
    url: t.string({
      nullable: true,
      description: 'Where the document can be read, when known.',
      resolve: (source) => source.document.url,
    }),
    section: t.exposeString('section', { description: 'The slide or table the figure comes from, by its heading.' }),
    slide: t.exposeInt('slide', { nullable: true, description: 'Position of the slide in the document, the cover being 1.' }),
    quote: t.exposeString('quote', { nullable: true, description: "The document's own words for the figure." }),
    citedWork: t.exposeString('citedWork', {
      nullable: true,
      description: 'The work the document itself cites, when the figure is second-hand (e.g. an INEI bulletin).',
    }),
    document: t.field({ type: DocumentRef, description: 'The document, with its metadata.', resolve: (source) => source.document }),
  }),
});

// Lists of their own, from the snapshot: a document or source nothing cites yet is listed too.
builder.queryFields((t) => ({
  documents: t.field({
    type: [DocumentRef],
    description: 'Every document Vigía takes figures from, cited or not: the most recently published first (by `publishedOn`), then by key.',
    resolve: (_root, _args, ctx) => ctx.snapshot.documents,
  }),
  sources: t.field({
    type: [SourceRef],
    description:
      'Every source (a citable place inside a document), cited or not: grouped by document in the order of `documents`, then by slide (sources without one last), then by key. An unknown documentKey gives an empty list.',
    args: {
      documentKey: t.arg.string({ description: 'Only the sources inside the document with this key.' }),
    },
    resolve: (_root, { documentKey }, ctx) => (documentKey == null ? ctx.snapshot.sources : (ctx.snapshot.sourcesOfDocumentKey.get(documentKey) ?? [])),
  }),
}));
