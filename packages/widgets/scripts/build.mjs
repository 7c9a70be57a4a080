/**
 * `pnpm --filter @vigia/widgets build` (also run by the root postinstall, so it must stay fast
 * and offline):
 *   dist/vigia-widgets.js   one self-registering IIFE for a plain <script src>, Lit included
 *   dist/esm/*.js           per-element ES modules for bundlers (Lit left as an import)
 *   dist/types/*.d.ts       type declarations
 *   dist/custom-elements.json  Custom Elements Manifest
 *   dist/index.html         the gallery served at /widgets/
 */
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { galleryHtml } from './gallery.mjs';
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

await rm(`${root}dist`, { recursive: true, force: true });

const common = { configFile: false, root, logLevel: 'warn', publicDir: false };

// ES modules: one entry per element plus the index; shared code lands in chunks.
await build({
  ...common,
  build: {
    outDir: 'dist/esm',
    emptyOutDir: false,
    sourcemap: true,
    target: 'es2022',
    lib: {
      entry: Object.fromEntries([['index', 'src/index.ts'], ...ELEMENTS.map((e) => [e, `src/${e}.ts`])]),
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

// Type declarations.
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});

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

const size = await measure();
console.log(
  `@vigia/widgets built in ${((Date.now() - started) / 1000).toFixed(1)} s: dist/vigia-widgets.js ` +
    `${(size.gzip / 1000).toFixed(1)} kB min+gzip (budget ${size.budget / 1000} kB)`,
);
