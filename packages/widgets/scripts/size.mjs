/**
 * Bundle budget: dist/vigia-widgets.js (all elements and Lit) minified and gzipped must stay
 * within BUDGET bytes. `pnpm --filter @vigia/widgets size` exits non-zero when it does not;
 * tests/widgets/build.test.ts checks the same.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** 25 kB, in bytes (1 kB = 1000 B, as size-limit counts). */
export const BUDGET = 25_000;

const bundle = fileURLToPath(new URL('../dist/vigia-widgets.js', import.meta.url));

/** Sizes of the built bundle, in bytes. */
export async function measure() {
  const code = await readFile(bundle);
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, budget: BUDGET };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { minified, gzip } = await measure();
  const ok = gzip <= BUDGET;
  console.log(
    `dist/vigia-widgets.js: ${(minified / 1000).toFixed(1)} kB minified, ${(gzip / 1000).toFixed(1)} kB min+gzip ` +
      `(budget ${BUDGET / 1000} kB): ${ok ? 'within budget' : 'OVER BUDGET'}`,
  );
  if (!ok) process.exit(1);
}
