/**
 * The elements in TypeScript: React's JSX accepts <vigia-*> with their attributes (the package's
 * jsx.d.ts, against the real @types/react), and refuses a misspelt attribute value.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const widgets = fileURLToPath(new URL('../../packages/widgets/', import.meta.url));
const require = createRequire(join(widgets, 'package.json'));
const ts = require('typescript') as typeof import('typescript');
const reactTypes = dirname(require.resolve('@types/react/package.json'));
const dir = mkdtempSync(join(tmpdir(), 'vigia-jsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Type errors of a TSX file that references the package's JSX types. */
function check(tsx: string): string[] {
  const file = join(dir, `app-${Math.random().toString(36).slice(2)}.tsx`);
  writeFileSync(file, `/// <reference path="${join(widgets, 'dist/types/jsx.d.ts')}" />\n${tsx}`);
  const program = ts.createProgram([file], {
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    types: [],
    typeRoots: [],
    baseUrl: dir,
    paths: { react: [reactTypes], 'react/*': [`${reactTypes}/*`] },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('JSX types (React 19)', () => {
  it('accepts every element with its attributes', () => {
    expect(
      check(`export const App = () => (
        <main>
          <vigia-region-card region="puno" lang="en" heading-level={3} theme="dark" detail className="x" />
          <vigia-coordination-counter region="cusco" level="provincial" national />
          <vigia-services kind="sector" />
          <vigia-indicator indicator="victims-women-share" />
          <vigia-training-chart dataset="police-officers-trained-2021-2023" sort="source" />
          <vigia-region-map metric="coordination-spaces" view="table" />
        </main>
      );`),
    ).toEqual([]);
  }, 60_000);

  it('refuses a value the element does not take', () => {
    const errors = check(`export const App = () => <vigia-region-map metric="colour" />;`);
    expect(errors.join('\n')).toMatch(/"colour"/);
  }, 60_000);
});
