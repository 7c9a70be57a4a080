/**
 * How one kind of row (an observation, a coordination space) is imported: the stages
 * (parse.ts, plan.ts, apply.ts) are the same for every kind; what differs is here.
 */
import type { Db } from '../../../write/refs.js';
import type { Versioned } from '../../../write/transaction.js';

export type Cell = string | number | boolean | null;
export type Cells = Record<string, Cell>;

/** What a row will become, checked against the stored data; `existing` is null for a new row. */
export interface CheckedRow<S, D> {
  existing: Versioned<S> | null;
  /** The row as the audit log and the differences show it. */
  snapshot: S;
  /** The columns to write (without position and version). */
  data: D;
}

interface WriteBase<S, D> {
  /** Line of the file the row starts on. */
  line: number;
  key: string;
  after: S;
  data: D;
}
export interface CreateWrite<S, D> extends WriteBase<S, D> {
  action: 'create';
}
export interface UpdateWrite<S, D> extends WriteBase<S, D> {
  action: 'update';
  id: string;
  /** The version the row was checked at: the update applies only while it is still there. */
  version: number;
  before: S;
}
export type Write<S, D> = CreateWrite<S, D> | UpdateWrite<S, D>;

export interface ImportStrategy<S, D> {
  /** What one row is called in messages ("indicator"). */
  readonly subject: string;
  /** The export's columns, in its order: an imported file may hold no others. */
  readonly columns: readonly string[];
  /** How a file of this kind is recognised, for the message when a file is neither kind. */
  readonly recognisedBy: { header: string; rows: string };
  /** Whether a header (or a JSON row's keys) is this kind's export. */
  recognises(columns: readonly string[]): boolean;
  /**
   * Reads what every row is checked against, once per file, and returns the check of one row,
   * which throws InputError (naming the column) for a row that cannot be imported.
   */
  prepare(db: Db): Promise<(key: string, cells: Cells) => CheckedRow<S, D>>;
  /** Writes one update where the row is still at the version checked; returns the rows changed (0: it moved on). */
  update(tx: Db, write: UpdateWrite<S, D>): Promise<number>;
  /** Creates the new rows after the stored ones, in the file's order. */
  create(tx: Db, writes: readonly CreateWrite<S, D>[]): Promise<void>;
  /** Runs after the writes, in the same transaction (observations publish their revisions). */
  afterWrite?(tx: Db, written: { updates: readonly UpdateWrite<S, D>[]; creates: readonly CreateWrite<S, D>[] }, note: string | null): Promise<void>;
}
