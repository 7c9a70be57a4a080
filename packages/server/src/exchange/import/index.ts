/**
 * `pnpm vigia import <file>` and the `importData` mutation: a file in the export's format (CSV
 * or JSON) is read (parse.ts), every row is checked against the data before anything is
 * written (plan.ts), then the whole file is applied in one transaction with one audit entry
 * (apply.ts) — or, on any bad row, nothing is written and each problem is reported with its
 * line. What differs between kinds of row (observations, coordination spaces) is in strategies/.
 *
 * This file is the import's one entry: callers import from here.
 */
export { applyImport, type ImportResult } from './apply.js';
export { parseImportFile, type Cell, type Cells, type ImportRow, type ParsedFile } from './parse.js';
export { planImport, type ImportPlan, type PlannedChange, type PlannedWrite } from './plan.js';
export { ImportFailure, type ImportProblem } from './problems.js';
