import { z } from 'zod';
import { parseField, textSchema, type FieldNames } from './values.js';

/**
 * The public note a steward may give with a change of figures ("corrected after the INEI
 * erratum"): shown with the revision and in the change feed, to everyone. Null when none.
 */
const noteSchema = textSchema(1000, { multiline: true }).nullable();

export function publicNote(note: string | null | undefined, names: FieldNames = {}): string | null {
  return note == null ? null : parseField(noteSchema, note, 'note', names);
}

/** The note field's description, shared by the mutations that take it. */
export const NOTE_DESCRIPTION =
  'A public note on the change (why a figure was corrected, where the new one comes from), shown with its revision and in the change feed; never who made it. At most 1000 characters.';
