/**
 * The kinds of row an import reads, one strategy each. A new kind: its ExportKind
 * (export.ts), a strategy file here, and one line in each of the two lists below.
 */
import type { SpaceSnapshot } from '../../../write/coordination-spaces.js';
import type { ExportKind } from '../../export.js';
import type { ObservationSnapshot } from '../../../write/observations.js';
import { spaceRows, type SpaceData } from './coordination-spaces.js';
import { observationRows, type ObservationData } from './observations.js';
import type { ImportStrategy, Write } from './strategy.js';

/** Each kind's row, as the audit log shows it, and the columns it writes. */
export interface RowTypes {
  observations: { snapshot: ObservationSnapshot; data: ObservationData };
  'coordination-spaces': { snapshot: SpaceSnapshot; data: SpaceData };
}

export type StrategyOf<K extends ExportKind> = ImportStrategy<RowTypes[K]['snapshot'], RowTypes[K]['data']>;
export type WriteOf<K extends ExportKind> = Write<RowTypes[K]['snapshot'], RowTypes[K]['data']>;

/** In the order a file's columns are tried against them. */
const STRATEGIES: { [K in ExportKind]: StrategyOf<K> } = {
  observations: observationRows,
  'coordination-spaces': spaceRows,
};

export const strategyFor = <K extends ExportKind>(kind: K): StrategyOf<K> => STRATEGIES[kind];

const KINDS = Object.keys(STRATEGIES) as ExportKind[];

export const isExportKind = (value: unknown): value is ExportKind => typeof value === 'string' && Object.hasOwn(STRATEGIES, value);

/** The kind whose export has these columns, or null. */
export const kindOfColumns = (columns: readonly string[]): ExportKind | null => KINDS.find((kind) => STRATEGIES[kind].recognises(columns)) ?? null;

/** "an observations export (…) nor a coordination-spaces export (…)", for a file of neither kind. */
export const recognisedKinds = (how: 'header' | 'rows', joiner: string): string => KINDS.map((kind) => STRATEGIES[kind].recognisedBy[how]).join(joiner);
