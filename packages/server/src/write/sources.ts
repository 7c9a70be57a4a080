import { z } from 'zod';
import { recordAudit, type Actor } from '../core/audit.js';
import { InputError } from '../core/errors.js';
import type { Db } from './refs.js';
import {
  dateRangeProblem,
  definedFields,
  fieldName,
  keySchema,
  parseField,
  parseOrThrow,
  partialDateSchema,
  plainString,
  textSchema,
  todayInPeru,
  type FieldNames,
} from './values.js';
import { checkExpectedVersion, LOCK, saveVersioned, type SaveResult } from './transaction.js';

export interface DocumentSnapshot {
  key: string;
  title: string;
  publisher: string;
  publishedOn: string;
  place: string | null;
  url: string | null;
}

export interface SourceSnapshot {
  key: string;
  documentKey: string;
  section: string;
  slide: number | null;
  quote: string | null;
  citedWork: string | null;
}

export type DocumentPatch = { [K in Exclude<keyof DocumentSnapshot, 'key'>]?: DocumentSnapshot[K] | null };
export type SourcePatch = { [K in Exclude<keyof SourceSnapshot, 'key'>]?: SourceSnapshot[K] | null };

const documentSchema = z.object({
  key: keySchema,
  title: textSchema(500),
  publisher: textSchema(300),
  publishedOn: partialDateSchema,
  place: textSchema(120).nullable(),
  // Checked as typed before it is read as a URL: the URL parser drops tabs and line breaks.
  url: plainString()
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2000, 'must be at most 2000 characters'))
    .nullable(),
});

const sourceSchema = z.object({
  key: keySchema,
  documentKey: plainString().min(1, 'is required'),
  section: textSchema(500),
  slide: z.number().int().min(1, 'must be 1 or more (the cover is slide 1)').max(10_000, 'must be at most 10 000').nullable(),
  quote: textSchema(5000, { multiline: true }).nullable(),
  citedWork: textSchema(500).nullable(),
});

/** Creates or changes a document (something Vigía cites), with its audit entry. */
export async function saveDocument(
  tx: Db,
  actor: Actor,
  input: { key: string; patch: DocumentPatch; expectedVersion?: number | null; action: string },
  names: FieldNames = {},
): Promise<SaveResult> {
  const key = parseField(keySchema, input.key, 'key', names);
  await tx.document.updateMany({ where: { key }, data: LOCK });
  const row = await tx.document.findUnique({ where: { key } });
  const existing = row
    ? {
        id: row.id,
        version: row.version,
        snapshot: { key, title: row.title, publisher: row.publisher, publishedOn: row.publishedOn, place: row.place, url: row.url },
      }
    : null;
  checkExpectedVersion(`document "${key}"`, existing, input.expectedVersion, { creates: true });
  const sent = definedFields(input.patch);
  if (!existing) {
    for (const field of ['title', 'publisher', 'publishedOn'] as const) {
      if (sent[field] == null) throw new InputError(fieldName(names, field), 'is required for a new document');
    }
  }
  const next = parseOrThrow(documentSchema, existing ? { ...existing.snapshot, ...sent } : { key, place: null, url: null, ...sent }, names);
  const dateProblem = dateRangeProblem(next.publishedOn);
  if (dateProblem) throw new InputError(fieldName(names, 'publishedOn'), dateProblem);
  const { key: _key, ...data } = next;
  return saveVersioned(tx, actor, {
    action: input.action,
    subjectType: 'Document',
    subjectKey: key,
    existing,
    next,
    create: () => tx.document.create({ data: next, select: { id: true } }),
    update: async (id, version) => (await tx.document.updateMany({ where: { id, version }, data: { ...data, version: version + 1 } })).count,
  });
}

/** Creates or changes a source (a citable place in a document), with its audit entry. */
export async function saveSource(
  tx: Db,
  actor: Actor,
  input: { key: string; patch: SourcePatch; expectedVersion?: number | null; action: string },
  names: FieldNames = {},
): Promise<SaveResult> {
  const key = parseField(keySchema, input.key, 'key', names);
  await tx.source.updateMany({ where: { key }, data: LOCK });
  const row = await tx.source.findUnique({ where: { key }, include: { document: { select: { key: true } } } });
  const existing = row
    ? {
        id: row.id,
        version: row.version,
        snapshot: { key, documentKey: row.document.key, section: row.section, slide: row.slide, quote: row.quote, citedWork: row.citedWork },
      }
    : null;
  checkExpectedVersion(`source "${key}"`, existing, input.expectedVersion, { creates: true });
  const sent = definedFields(input.patch);
  if (!existing) {
    for (const field of ['documentKey', 'section'] as const) {
      if (sent[field] == null) throw new InputError(fieldName(names, field), 'is required for a new source');
    }
  }
  const next = parseOrThrow(
    sourceSchema,
    existing ? { ...existing.snapshot, ...sent } : { key, slide: null, quote: null, citedWork: null, ...sent },
    names,
  );
  const document = await tx.document.findUnique({ where: { key: next.documentKey }, select: { id: true } });
  if (!document) {
    throw new InputError(fieldName(names, 'documentKey'), `unknown document "${next.documentKey}" (create it first with upsertDocument)`);
  }
  const data = { documentId: document.id, section: next.section, slide: next.slide, quote: next.quote, citedWork: next.citedWork };
  return saveVersioned(tx, actor, {
    action: input.action,
    subjectType: 'Source',
    subjectKey: key,
    existing,
    next,
    create: () => tx.source.create({ data: { key, ...data }, select: { id: true } }),
    update: async (id, version) => (await tx.source.updateMany({ where: { id, version }, data: { ...data, version: version + 1 } })).count,
  });
}

const DATA_ENTRY_DOCUMENT = 'vigia-data-entry';

/**
 * The source for a figure a steward enters without citing a document: it says exactly
 * that (entered in Vigía by whom), so the figure is never attributed to a document that
 * does not contain it. One per key holder, created on first use and audited.
 */
export async function dataEntrySource(tx: Db, actor: Actor): Promise<{ id: string; key: string }> {
  const key = `data-entry-${actor.apiKeyId ?? 'local-operator'}`;
  const found = await tx.source.findUnique({ where: { key }, select: { id: true, key: true } });
  if (found) return found;
  let document = await tx.document.findUnique({ where: { key: DATA_ENTRY_DOCUMENT }, select: { id: true } });
  if (!document) {
    const fields = {
      key: DATA_ENTRY_DOCUMENT,
      title: 'Cifras registradas en Vigía por su equipo de datos',
      publisher: 'Vigía',
      publishedOn: todayInPeru().slice(0, 7),
      place: null,
      url: null,
    };
    document = await tx.document.create({ data: fields, select: { id: true } });
    await recordAudit(tx, actor, { action: 'upsertDocument', subjectType: 'Document', subjectKey: DATA_ENTRY_DOCUMENT, before: null, after: { ...fields, version: 1 } });
  }
  const section = `Registrado en Vigía por «${actor.name}», sin documento citado`;
  const source = await tx.source.create({ data: { key, documentId: document.id, section }, select: { id: true, key: true } });
  await recordAudit(tx, actor, {
    action: 'upsertSource',
    subjectType: 'Source',
    subjectKey: key,
    before: null,
    after: { key, documentKey: DATA_ENTRY_DOCUMENT, section, slide: null, quote: null, citedWork: null, version: 1 },
  });
  return source;
}
