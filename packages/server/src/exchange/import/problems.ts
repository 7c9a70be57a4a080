/** Where an import went wrong: the line of the file, and what is wrong there. */
export interface ImportProblem {
  line: number;
  message: string;
}

/** A file that cannot be imported: every problem found, each with its line. Nothing was written. */
export class ImportFailure extends Error {
  readonly problems: ImportProblem[];
  constructor(problems: ImportProblem[]) {
    const shown = problems.slice(0, 20).map((p) => `line ${p.line}: ${p.message}`);
    if (problems.length > 20) shown.push(`… and ${problems.length - 20} more problems`);
    super(shown.join('\n'));
    this.problems = problems;
  }
}
