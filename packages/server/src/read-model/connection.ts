/**
 * Relay pages over an ordered list in memory, with the cursors and page rules partners have
 * had since the first release (those of @pothos/plugin-prisma over Prisma's cursor paging):
 * a cursor is the row's id; `after` pages forwards from the row after it, `before`/`last`
 * backwards; an unknown cursor gives an empty page.
 */
import { getConnectionPageSize, PothosValidationError, validateConnectionArguments } from '@pothos/core';
import { formatPrismaCursor, parsePrismaCursor } from '@pothos/plugin-prisma';
import { PAGE_SIZE } from '../config.js';

export interface ConnectionArgs {
  first?: number | null | undefined;
  last?: number | null | undefined;
  after?: string | null | undefined;
  before?: string | null | undefined;
}

export interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { startCursor: string | null; endCursor: string | null; hasPreviousPage: boolean; hasNextPage: boolean };
}

export const cursorOf = (row: { id: string }): string => formatPrismaCursor(row, 'id');

function idOf(cursor: string): string {
  const id = parsePrismaCursor(cursor);
  // Ids are strings: a cursor holding anything else was not made by this API.
  if (typeof id !== 'string') throw new PothosValidationError(`Invalid cursor: ${cursor}`);
  return id;
}

export function pageOf<T extends { id: string }>(rows: readonly T[], args: ConnectionArgs): Page<T> {
  const { first, last, after, before } = args;
  validateConnectionArguments(args);
  if (before != null && after != null) throw new PothosValidationError('Arguments "before" and "after" are not supported at the same time');
  if (before != null && first != null) throw new PothosValidationError('Arguments "before" and "first" are not supported at the same time');
  if (after != null && last != null) throw new PothosValidationError('Arguments "after" and "last" are not supported at the same time');

  // One row more than asked for tells whether another page follows.
  const { limit } = getConnectionPageSize({ args, defaultSize: PAGE_SIZE.default, maxSize: PAGE_SIZE.max });
  const backward = before != null || last != null;
  const cursor = before ?? after;
  let taken: readonly T[];
  if (cursor == null) {
    taken = backward ? rows.slice(Math.max(0, rows.length - limit)) : rows.slice(0, limit);
  } else {
    const id = idOf(cursor);
    const at = rows.findIndex((row) => row.id === id);
    taken = at < 0 ? [] : backward ? rows.slice(Math.max(0, at - limit), at) : rows.slice(at + 1, at + 1 + limit);
  }

  const full = taken.length === limit;
  const hasNextPage = before != null ? true : last != null ? false : full;
  const hasPreviousPage = after != null ? true : backward ? full : false;
  const nodes = full ? (backward ? taken.slice(1) : taken.slice(0, -1)) : taken;
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    totalCount: rows.length,
    edges,
    pageInfo: { startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null, hasPreviousPage, hasNextPage },
  };
}
