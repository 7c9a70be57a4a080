/**
 * The house in order (issue 15), checked on every run:
 * - no two folders of packages/server/src import each other: a piece both need goes below
 *   both (core/), so each folder stays a layer a newcomer can read on its own. Files at
 *   src/ itself (config.ts, context.ts, server.ts, main.ts, index.ts) compose the folders and
 *   are no folder;
 * - no hand-written TypeScript source under packages/<name>/src is over 400 lines: one job per
 *   module. Files no person writes are listed below, each with its reason.
 * Imports are read and resolved by the TypeScript compiler, as tsc resolves them: imports and
 * exports (type-only ones too), import() and import types.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const serverSrc = join(root, 'packages/server/src');
const MAX_LINES = 400;

/** Sources that may be longer: generated or transcribed, never edited by hand. */
const NOT_HAND_WRITTEN: { path: string; reason: string }[] = [
  { path: 'packages/schema/src/generated/', reason: 'written by `prisma generate`: the Prisma clients and the Pothos types' },
];

const posix = (p: string) => p.split(sep).join('/');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (/\.(m|c)?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The module names a file imports: declarations, re-exports, import() and import types. */
function specifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const config = ts.getParsedCommandLineOfConfigFile(join(root, 'packages/server/tsconfig.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
})!;

/** The folder of packages/server/src a file is in (its first segment); null for files at src/ itself or outside it. */
function folderOf(file: string): string | null {
  const rel = posix(relative(serverSrc, file));
  return rel.startsWith('..') || !rel.includes('/') ? null : rel.split('/')[0]!;
}

/** folder → folder → the imports that make the edge ("graphql/types/region.ts → ../../read-model/connection.js"). */
function folderImports(): Map<string, Map<string, string[]>> {
  const edges = new Map<string, Map<string, string[]>>();
  for (const file of sources(serverSrc)) {
    const from = folderOf(file);
    if (!from) continue;
    for (const specifier of specifiers(file)) {
      const { resolvedModule } = ts.resolveModuleName(specifier, file, config.options, ts.sys, undefined, undefined, ts.ModuleKind.ESNext);
      if (!resolvedModule || resolvedModule.isExternalLibraryImport) continue;
      const to = folderOf(resolve(resolvedModule.resolvedFileName));
      if (!to || to === from) continue;
      const targets = edges.get(from) ?? edges.set(from, new Map()).get(from)!;
      const lines = targets.get(to) ?? targets.set(to, []).get(to)!;
      lines.push(`${posix(relative(serverSrc, file))} → ${specifier}`);
    }
  }
  return edges;
}

describe('the layout of packages/server/src', () => {
  const edges = folderImports();

  it('reads the imports between folders (the check sees the layers it guards)', () => {
    // The GraphQL types answer from the read model; the write path raises core's errors.
    const targets = (folder: string) => [...(edges.get(folder)?.keys() ?? [])];
    expect(edges.size).toBeGreaterThan(5);
    expect(targets('graphql')).toContain('read-model');
    expect(targets('write')).toContain('core');
  });

  it('has no two folders that import each other', () => {
    const mutual: string[] = [];
    for (const [a, targets] of edges) {
      for (const [b, lines] of targets) {
        const back = edges.get(b)?.get(a);
        if (back && a < b) mutual.push(`${a} ⇄ ${b}:\n    ${lines.join('\n    ')}\n    ${back.join('\n    ')}`);
      }
    }
    expect(mutual, `Put the piece both folders use below both (core/), or move it to the folder that owns it:\n${mutual.join('\n')}`).toEqual([]);
  });

  it('has no cycle through several folders either: the folders are layers', () => {
    // Depth-first search; a folder met again while still on the path closes a cycle.
    const cycles: string[] = [];
    const done = new Set<string>();
    const path: string[] = [];
    const visit = (folder: string) => {
      if (path.includes(folder)) {
        const cycle = [...path.slice(path.indexOf(folder)), folder];
        const steps = cycle.slice(1).map((to, i) => `${cycle[i]} → ${to}: ${edges.get(cycle[i]!)!.get(to)![0]}`);
        cycles.push(`${cycle.join(' → ')}\n    ${steps.join('\n    ')}`);
        return;
      }
      if (done.has(folder)) return;
      path.push(folder);
      for (const next of edges.get(folder)?.keys() ?? []) visit(next);
      path.pop();
      done.add(folder);
    };
    for (const folder of [...edges.keys()].sort()) visit(folder);
    expect(cycles, `Each folder may only use folders below it:\n${cycles.join('\n')}`).toEqual([]);
  });
});

describe('the size of hand-written sources', () => {
  const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, 'packages', entry.name, 'src'));
  const files = packages.flatMap((src) => {
    try {
      return sources(src);
    } catch {
      return [];
    }
  });

  it(`keeps every hand-written .ts source under packages/*/src at ${MAX_LINES} lines or fewer`, () => {
    expect(files.length).toBeGreaterThan(100);
    const exempt = (file: string) => NOT_HAND_WRITTEN.some((e) => posix(relative(root, file)).startsWith(e.path));
    const long = files
      .filter((file) => !exempt(file))
      .map((file) => {
        const text = readFileSync(file, 'utf8');
        return { file: posix(relative(root, file)), lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) };
      })
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long, `Split these by concern (one job per module), or list a generated file in NOT_HAND_WRITTEN with its reason:\n${long.join('\n')}`).toEqual([]);
  });

  it('lists only exemptions that exist and say why', () => {
    for (const e of NOT_HAND_WRITTEN) {
      expect(e.reason.length, e.path).toBeGreaterThan(10);
      expect(files.some((file) => posix(relative(root, file)).startsWith(e.path)), `${e.path} holds no source any more: drop it from the list`).toBe(true);
    }
  });
});
