/**
 * Bundle budget, measured as sent: dist/vigia-widgets.js (all elements and Lit) travels as the
 * brotli or gzip copy the build wrote beside it (the server picks one by Accept-Encoding; a
 * browser on plain http gets gzip), and each must stay within BUDGET bytes.
 * `pnpm --filter @vigia/widgets size` exits non-zero when one does not;
 * tests/widgets/build.test.ts and serving.test.ts (over HTTP) check the same.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** 25 kB, in bytes (1 kB = 1000 B, as size-limit counts). */
export const BUDGET = 25_000;

const bundle = fileURLToPath(new URL('../dist/vigia-widgets.js', import.meta.url));

/** Sizes of the built bundle in bytes: minified, and its brotli and gzip copies as the server sends them. */
export async function measure() {
  const [code, br, gz] = await Promise.all(['', '.br', '.gz'].map((ext) => readFile(bundle + ext)));
  return { minified: code.length, brotli: br.length, gzip: gz.length, budget: BUDGET };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { minified, brotli, gzip } = await measure();
  const ok = Math.max(brotli, gzip) <= BUDGET;
  const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
  console.log(
    `dist/vigia-widgets.js: ${kB(minified)} minified; as sent ${kB(brotli)} brotli, ${kB(gzip)} gzip ` +
      `(budget ${BUDGET / 1000} kB): ${ok ? 'within budget' : 'OVER BUDGET'}`,
  );
  if (!ok) process.exit(1);
}
