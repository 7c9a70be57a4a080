/**
 * Dataset.citation: how to cite a dataset at the version answered (publish/citation.ts), in
 * APA, BibTeX or CSL-JSON, with Vigía's URL for it (PUBLIC_URL, else the request's origin).
 */
import { citationFacts, formatCitation } from '../../publish/citation.js';
import { asOfOf } from '../../read-model/history.js';
import { builder } from '../builder.js';
import { Lang } from '../lang.js';
import { DatasetRef } from './refs.js';

export const CitationStyle = builder.enumType('CitationStyle', {
  description: 'A citation style or format.',
  values: {
    APA: { description: 'APA 7th edition reference, as plain text (formatted by the CSL processor with the APA style).' },
    BIBTEX: { description: 'A BibTeX entry (@misc), for LaTeX.' },
    CSL_JSON: { description: 'CSL-JSON: an array with one item, as reference managers (Zotero, Mendeley, Pandoc) import it.' },
  } as const,
});

builder.objectFields(DatasetRef, (t) => ({
  citation: t.string({
    nullable: true,
    description:
      "How to cite this dataset at its version (as of `asOf` when it comes from `dataset(asOf:)`): its title, version and date, the publishers and documents its figures come from (the Ministry of the Interior's briefing of February 2024), and Vigía's URL for the data. Null only before its first publication.",
    args: {
      style: t.arg({ type: CitationStyle, required: true, defaultValue: 'APA', description: 'The style or format.' }),
      lang: t.arg({ type: Lang, required: true, defaultValue: 'es', description: 'Language of the title and the words around it.' }),
    },
    resolve: (d, { style, lang }, ctx) => {
      const base = ctx.publicUrl?.replace(/\/+$/, '') ?? new URL(ctx.request.url).origin;
      const facts = citationFacts(ctx.snapshot, d, base, asOfOf(d));
      return facts ? formatCitation(facts, style, lang) : null;
    },
  }),
}));
