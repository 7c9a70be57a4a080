/**
 * Compiled JavaScript for the commands people run (`pnpm start`, `pnpm vigia`, `pnpm db:*`): each
 * package's entry points are bundled by esbuild into its `dist/` (one ES module per entry, with its
 * source map; dependencies stay in node_modules, imported as they are, unless the entry bundles
 * them), so a command starts without a TypeScript loader. Vitest and `tsc` keep working on the sources.
 *
 * Staleness: `dist/.build.json` records when a build started; a source (or build script, package.json,
 * tsconfig) modified after that makes the build stale. `ensureCompiled` rebuilds a stale build before
 * a command runs it (one to a few seconds), so an edited source is never run from an old bundle.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { isBuiltin } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * @typedef {object} Target
 * @property {string} name        the package, for messages (e.g. "@vigia/server")
 * @property {string} root        the package folder
 * @property {Record<string, string>} entries  output name (dist/<name>.js) → source file, relative to root
 * @property {string[]} inputs    files and folders (relative to root, or absolute) whose change makes the build stale
 * @property {Record<string, string>} [rewrite]  bare imports to import as another specifier
 * @property {string[]} [bundleDependencies]  entries that also bundle their dependencies (a command
 *   that must start fast: one file to load instead of hundreds), except those matching `keepExternal`
 * @property {RegExp[]} [keepExternal]  packages a bundle never includes (native or WebAssembly
 *   code, files found relative to the package, state shared with @vigia/schema's client)
 */

const STAMP = '.build.json';

/** The newest file under the inputs: `{ file, mtimeMs }`. */
function newestInput(target) {
  let newest = { file: '', mtimeMs: 0 };
  const visit = (path) => {
    let entries;
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch (error) {
      if (error.code === 'ENOTDIR') {
        const { mtimeMs } = statSync(path);
        if (mtimeMs > newest.mtimeMs) newest = { file: path, mtimeMs };
        return;
      }
      if (error.code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      visit(join(path, entry.name));
    }
  };
  for (const input of target.inputs) visit(resolve(target.root, input));
  return newest;
}

/** Why the package's dist/ cannot be run as it is, or undefined when it is up to date. */
export function staleReason(target) {
  const dist = join(target.root, 'dist');
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(dist, STAMP), 'utf8'));
  } catch {
    return `${relative(process.cwd(), dist) || 'dist'} has not been built`;
  }
  for (const name of Object.keys(target.entries)) {
    if (!existsSync(join(dist, `${name}.js`))) return `dist/${name}.js is missing`;
  }
  const newest = newestInput(target);
  if (newest.mtimeMs > stamp.startedAt) return `${relative(target.root, newest.file)} changed after the last build`;
  return undefined;
}

/**
 * Keeps `import.meta.url` (and `dirname`/`filename`) meaning the source file's location inside a
 * bundle, so paths resolved from it (the repository root, prisma/ migrations, packages to
 * `createRequire` from) are the same as when the source runs. Only our own sources are touched.
 */
const sourceLocatedImportMeta = {
  name: 'source-located-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.')) return undefined;
      const contents = text
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader: /\.[cm]?ts$/.test(extname(args.path)) ? 'ts' : 'js' };
    });
  },
};

/**
 * Bare imports (packages, Node built-ins) stay imports, resolved by Node at run time from the
 * package's node_modules — unless `bundled`, where only Node built-ins and `keepExternal` stay.
 */
const externals = (target, bundled) => ({
  name: 'externals',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const rewritten = target.rewrite?.[args.path];
      if (rewritten) return { path: rewritten, external: true };
      if (args.path.startsWith('@vigia/')) {
        return { errors: [{ text: `${args.path} is a workspace package written in TypeScript: map it to its compiled entry in the build's rewrite list` }] };
      }
      if (!bundled || args.path.startsWith('node:') || isBuiltin(args.path)) return { path: args.path, external: true };
      if (target.keepExternal?.some((pattern) => pattern.test(args.path))) return { path: args.path, external: true };
      return undefined;
    });
  },
});

// Bundled CommonJS dependencies call require() for Node built-ins; an ES module has none.
const requireBanner = "import { createRequire as __vigiaCreateRequire } from 'node:module';\nconst require = __vigiaCreateRequire(import.meta.url);";

/** Bundles the target's entries into <root>/dist, each output file replaced atomically. */
export async function compile(target) {
  const startedAt = Date.now();
  const esbuild = await import('esbuild');
  const dist = join(target.root, 'dist');
  mkdirSync(dist, { recursive: true });
  // What a build killed half-way left behind.
  for (const entry of readdirSync(dist)) {
    const path = join(dist, entry);
    if (entry.includes('.tmp-') && Date.now() - statSync(path).mtimeMs > 10 * 60_000) rmSync(path, { recursive: true, force: true });
  }
  const names = Object.keys(target.entries);
  const withDependencies = names.filter((name) => target.bundleDependencies?.includes(name));
  const groups = [names.filter((name) => !withDependencies.includes(name)), withDependencies].filter((group) => group.length);
  // esbuild's service process is stopped after the build: a server compiled at its start keeps no
  // esbuild process beside it.
  const results = await Promise.all(
    groups.map((group) =>
      esbuild.build({
        absWorkingDir: target.root,
        entryPoints: Object.fromEntries(group.map((name) => [name, resolve(target.root, target.entries[name])])),
        outdir: dist,
        write: false,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        sourcemap: 'linked',
        sourcesContent: false,
        logLevel: 'warning',
        ...(group === withDependencies ? { banner: { js: requireBanner } } : {}),
        plugins: [externals(target, group === withDependencies), sourceLocatedImportMeta],
      }),
    ),
  ).finally(() => esbuild.stop());
  // Each file is written beside its place and renamed into it: a command starting during a build
  // (another test, another terminal) reads the old file or the new one, never half of one.
  const tmp = `.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const replace = (path, contents) => {
    writeFileSync(`${path}${tmp}`, contents);
    renameSync(`${path}${tmp}`, path);
  };
  for (const file of results.flatMap((result) => result.outputFiles)) replace(file.path, file.contents);
  replace(join(dist, STAMP), `${JSON.stringify({ startedAt, builtAt: Date.now(), entries: target.entries }, null, 2)}\n`);
  return { ms: Date.now() - startedAt };
}

/** Rebuilds the target when it is stale (saying so on stderr, so stdout stays the command's own). */
export async function ensureCompiled(target, { quiet = false } = {}) {
  const reason = staleReason(target);
  if (!reason) return false;
  if (!quiet) process.stderr.write(`${target.name}: ${reason}; compiling ${relative(process.cwd(), join(target.root, 'dist')) || 'dist'}/ … `);
  const { ms } = await compile(target);
  if (!quiet) process.stderr.write(`done (${ms} ms)\n`);
  return true;
}
