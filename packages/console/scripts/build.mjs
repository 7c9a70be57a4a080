/**
 * `pnpm --filter @vigia/console build` (also run by the root postinstall, so it stays fast and
 * offline): Vite builds index.html, the script and the stylesheet into dist/, which the server
 * serves at /console/ under a strict Content-Security-Policy (packages/server/src/http/console.ts).
 * Nothing inline: one module script and one stylesheet, both files from the same origin.
 *
 * VIGIA_CONSOLE_IDLE_MINUTES (default 15): minutes without activity after which the console signs out.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

// Always Lit's production build, even when a test runner (NODE_ENV=test) starts the build.
process.env.NODE_ENV = 'production';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();

const idle = process.env.VIGIA_CONSOLE_IDLE_MINUTES ?? '15';
if (!/^\d+(\.\d+)?$/.test(idle) || Number(idle) <= 0) {
  throw new Error(`VIGIA_CONSOLE_IDLE_MINUTES must be a positive number of minutes; got "${idle}"`);
}

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  publicDir: false,
  // Relative URLs: the page works under /console/ or behind any path prefix.
  base: './',
  plugins: [
    {
      name: 'vigia-console-settings',
      transformIndexHtml: (html) => html.replace('%VIGIA_CONSOLE_IDLE_MINUTES%', idle),
    },
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // No inline polyfill script (the CSP allows none); every supported browser has modulepreload.
    modulePreload: { polyfill: false },
    // Small assets stay files: a data: URL inlined into CSS or HTML is not what the CSP expects.
    assetsInlineLimit: 0,
  },
});

// The CSP forbids inline scripts and style attributes: check the page has none.
const html = await readFile(`${root}dist/index.html`, 'utf8');
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|<style/gi)].map((m) => m[0]);
if (inline.length) throw new Error(`dist/index.html has inline code the CSP would block: ${inline.join(', ')}`);

const files = await readdir(`${root}dist/assets`);
console.log(`@vigia/console built in ${((Date.now() - started) / 1000).toFixed(1)} s: dist/index.html + ${files.filter((f) => !f.endsWith('.map')).join(', ')}`);
