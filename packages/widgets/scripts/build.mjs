/**
 * `pnpm --filter @vigia/widgets build` (also run by the root postinstall, so it must stay fast
 * and offline):
 *   dist/vigia-widgets.js   one self-registering IIFE for a plain <script src>, Lit included: the
 *                           stable name partners paste (served with a short max-age)
 *   dist/v/<hash>/vigia-widgets.js  the same script under its content's hash, never rewritten
 *                           (served immutable; embed pages load it); the last RELEASES_KEPT
 *                           releases stay, so a page loaded before a rebuild still finds its files
 *   dist/release.json       the current release: { version, script }
 *   dist/esm/*.js           per-element ES modules for bundlers (Lit left as an import)
 *   dist/types/*.d.ts       type declarations
 *   dist/custom-elements.json  Custom Elements Manifest
 *   dist/index.html         the gallery served at /widgets/
 *   dist/demo.html          a newspaper article with all six, served at /widgets/demo.html
 *   dist/types/jsx.d.ts, vue.d.ts  the elements for JSX (React…) and Vue templates
 *   dist/persisted-operations.json  the widgets' GraphQL documents by SHA-256 (the server's
 *                           default persisted-operations manifest); the bundles embed the hashes
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, runnerImport } from 'vite';
import { demoHtml, galleryHtml } from './gallery.mjs';
import { measure } from './size.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const started = Date.now();

export const ELEMENTS = [
  'vigia-region-card',
  'vigia-coordination-counter',
  'vigia-services',
  'vigia-indicator',
  'vigia-training-chart',
  'vigia-region-map',
];

/** Releases kept in dist/v/ (the current one included); older ones are deleted by the build. */
export const RELEASES_KEPT = 5;

// A clean dist/, except the earlier releases in dist/v/ (see release() below).
await mkdir(`${root}dist`, { recursive: true });
for (const entry of await readdir(`${root}dist`)) {
  if (entry !== 'v') await rm(`${root}dist/${entry}`, { recursive: true, force: true });
}

const common = { configFile: false, root, logLevel: 'warn', publicDir: false };

// Persisted operations: evaluate src/operations.ts as the bundle will, hash each document's exact
// text, and embed the hashes (operation name → SHA-256) in both builds through `define`, so the
// browser never hashes anything (crypto.subtle is missing on plain-http pages).
// (Vite's runner sets NODE_ENV=development when it is unset, which would give the builds Lit's
// development build: put it back.)
const nodeEnv = process.env.NODE_ENV;
const { module: operations } = await runnerImport(`${root}src/operations.ts`, common);
if (nodeEnv === undefined) delete process.env.NODE_ENV;
else process.env.NODE_ENV = nodeEnv;
const persisted = {};
const hashes = {};
for (const { name, document } of operations.OPERATIONS) {
  if (hashes[name]) throw new Error(`src/operations.ts names two operations ${name}`);
  const hash = createHash('sha256').update(document).digest('hex');
  persisted[hash] = document;
  hashes[name] = hash;
}
const define = { __VIGIA_PERSISTED__: JSON.stringify(hashes) };

// ES modules: one entry per element plus the index; shared code lands in chunks.
await build({
  ...common,
  define,
  build: {
    outDir: 'dist/esm',
    emptyOutDir: false,
    sourcemap: true,
    target: 'es2022',
    lib: {
      entry: Object.fromEntries([['index', 'src/index.ts'], ...ELEMENTS.map((e) => [e, `src/${e}/${e}.ts`])]),
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      external: [/^lit($|\/)/, /^@lit\//],
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});

// The one-script bundle: everything, Lit included, minified.
await build({
  ...common,
  define,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    target: 'es2022',
    minify: true,
    lib: {
      entry: 'src/index.ts',
      name: 'VigiaWidgets',
      formats: ['iife'],
      fileName: () => 'vigia-widgets.js',
    },
  },
});

// Type declarations. Each element's live in its folder; `types/<element>.d.ts` re-exports them, so
// `import '@vigia/widgets/vigia-region-card.js'` finds its types. jsx.d.ts (React, Preact, Solid…)
// and vue.d.ts (Vue) declare the elements for templates.
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
for (const e of ELEMENTS) await writeFile(`${root}dist/types/${e}.d.ts`, `export * from './${e}/${e}.js';\n`);
for (const f of ['attributes.d.ts', 'jsx.d.ts', 'vue.d.ts']) await copyFile(`${root}types/${f}`, `${root}dist/types/${f}`);

// Custom Elements Manifest (config: custom-elements-manifest.config.mjs).
execFileSync(process.execPath, [require.resolve('@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--quiet'], {
  cwd: root,
  stdio: 'inherit',
});
const manifest = JSON.parse(await readFile(`${root}dist/custom-elements.json`, 'utf8'));
const tags = manifest.modules.flatMap((m) => m.declarations ?? []).map((d) => d.tagName).filter(Boolean);
const missing = ELEMENTS.filter((e) => !tags.includes(e));
if (missing.length) throw new Error(`custom-elements.json lacks ${missing.join(', ')}`);

await writeFile(`${root}dist/index.html`, galleryHtml());
await writeFile(`${root}dist/demo.html`, demoHtml());

const bundle = await readFile(`${root}dist/vigia-widgets.js`, 'utf8');
const notEmbedded = Object.keys(hashes).filter((name) => !bundle.includes(hashes[name]));
if (notEmbedded.length) throw new Error(`dist/vigia-widgets.js lacks the hash of ${notEmbedded.join(', ')}`);
await writeFile(`${root}dist/persisted-operations.json`, `${JSON.stringify(persisted, null, 2)}\n`);

// Served compressed: the server picks <file>.br or <file>.gz by Accept-Encoding (sirv), so the
// script travels at its measured size and no request pays for compressing it.
await precompress(`${root}dist`);

const version = await release(`${root}dist`);

const size = await measure();
console.log(
  `@vigia/widgets built in ${((Date.now() - started) / 1000).toFixed(1)} s: dist/vigia-widgets.js as sent ` +
    `${(size.brotli / 1000).toFixed(1)} kB brotli, ${(size.gzip / 1000).toFixed(1)} kB gzip (budget ${size.budget / 1000} kB), ` +
    `release v/${version}/; dist/persisted-operations.json: ${Object.keys(persisted).length} operations`,
);

/**
 * Publishes the script under its content's hash, dist/v/<hash>/, with its map and compressed
 * copies; points dist/release.json at it; keeps the newest RELEASES_KEPT releases. A release's
 * files are never rewritten (the server sends them as immutable): an unchanged script keeps its
 * folder, only touched to count as the newest.
 */
async function release(dist) {
  const files = ['vigia-widgets.js', 'vigia-widgets.js.map', 'vigia-widgets.js.br', 'vigia-widgets.js.gz'];
  const [script, map] = await Promise.all(files.slice(0, 2).map((f) => readFile(`${dist}/${f}`)));
  // The map too: the same script with other sources (a comment) must not get another map under the same name.
  const version = createHash('sha256').update(script).update(map).digest('hex').slice(0, 16);
  const folder = `${dist}/v/${version}`;
  const complete = (await Promise.all(files.map((f) => stat(`${folder}/${f}`).then(() => true, () => false)))).every(Boolean);
  if (complete) {
    const now = new Date();
    await utimes(folder, now, now);
  } else {
    // Written beside, then renamed into place: no request ever sees half a release.
    const temporary = `${dist}/v/.${version}-${process.pid}`;
    await rm(temporary, { recursive: true, force: true });
    await mkdir(temporary, { recursive: true });
    for (const f of files) await copyFile(`${dist}/${f}`, `${temporary}/${f}`);
    await rm(folder, { recursive: true, force: true });
    await rename(temporary, folder);
  }
  await writeFile(`${dist}/release.json`, `${JSON.stringify({ version, script: `v/${version}/vigia-widgets.js` }, null, 2)}\n`);

  const releases = [];
  for (const entry of await readdir(`${dist}/v`)) {
    if (!/^[0-9a-f]{16}$/.test(entry)) continue;
    releases.push({ entry, time: (await stat(`${dist}/v/${entry}`)).mtimeMs });
  }
  releases.sort((a, b) => b.time - a.time || (a.entry === version ? -1 : 1));
  for (const { entry } of releases.slice(RELEASES_KEPT)) {
    if (entry !== version) await rm(`${dist}/v/${entry}`, { recursive: true, force: true });
  }
  return version;
}

/** Writes a brotli (.br) and a gzip (.gz) copy beside every script, page and JSON file of `dir` (earlier releases in v/ have theirs). */
async function precompress(dir) {
  const files = (await readdir(dir, { recursive: true })).filter((f) => /\.(js|mjs|html|json|css|svg)$/.test(f) && !f.startsWith('v/'));
  for (const file of files) {
    const body = await readFile(`${dir}/${file}`);
    await writeFile(`${dir}/${file}.br`, brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
    await writeFile(`${dir}/${file}.gz`, gzipSync(body, { level: 9 }));
  }
}
