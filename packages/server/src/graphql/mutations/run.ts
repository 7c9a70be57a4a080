import type { SchemaTypes } from '@pothos/core';
import type { Context } from '../../context.js';
import { actorFor, type Actor } from '../../core/audit.js';
import { SavedNotShownError, UnauthenticatedError } from '../../core/errors.js';
import type { Db } from '../../write/refs.js';
import { writeTransaction } from '../../write/transaction.js';
import type { builder } from '../builder.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T extends SchemaTypes> ? T : never;
/** Field builders for input and payload helpers shared by several mutations. */
export type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;
export type PayloadFieldBuilder<Shape> = PothosSchemaTypes.ObjectFieldBuilder<Types, Shape>;

/**
 * Runs a mutation's change and its audit entry in one transaction, as the calling key's
 * holder. Scope auth has already refused anonymous callers; the check here keeps a
 * mistake in a field's authScopes from ever writing anonymously.
 */
export async function runWrite<T>(ctx: Context, work: (tx: Db, actor: Actor) => Promise<T>): Promise<T> {
  const caller = ctx.caller;
  if (!caller) throw new UnauthenticatedError();
  const result = await writeTransaction(ctx.prisma, (tx) => work(tx, actorFor(caller)));
  // The payload, and every read after this answer, must see the write: reload the public data
  // before answering (an unchanged object wrote nothing, so there is nothing to reload).
  if ((result as { changed?: boolean }).changed === false) return result;
  try {
    ctx.snapshot = await ctx.readModel.changed();
  } catch {
    throw new SavedNotShownError();
  }
  return result;
}

/** An object the write just saved, from the snapshot reloaded after it. */
export function saved<T>(map: ReadonlyMap<string, T>, id: string, what: string): T {
  const found = map.get(id);
  // Only a concurrent deletion between the write and its answer gets here.
  if (found === undefined) throw new Error(`The ${what} was changed again before this answer could be read`);
  return found;
}

/** A payload's `created` and `changed` flags. */
export const saveFlags = { created: 'Whether the mutation created the object (false: it changed or kept an existing one).', changed: 'Whether anything changed (false: the object already was as sent; no audit entry was written).' };
