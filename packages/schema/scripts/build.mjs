/**
 * Compiles @vigia/schema's commands and its library entry into dist/ (see compile.mjs):
 *   dist/index.js    the package's API, as the compiled server imports it (@vigia/schema/compiled)
 *   dist/migrate.js  `pnpm db:migrate|deploy|status|check`   (src/migrate/cli.ts)
 *   dist/seed.js     `pnpm db:seed`                          (src/seed/cli.ts)
 * `node scripts/build.mjs` builds; `--if-stale` only when a source changed since the last build.
 */
import { fileURLToPath } from 'node:url';
import { compile, ensureCompiled } from './compile.mjs';

export const schemaTarget = {
  name: '@vigia/schema',
  root: fileURLToPath(new URL('..', import.meta.url)),
  entries: { index: 'src/index.ts', migrate: 'src/migrate/cli.ts', seed: 'src/seed/cli.ts' },
  // src/generated is rewritten by `prisma generate`, so a new client makes the build stale too.
  inputs: ['src', 'scripts', 'package.json', 'tsconfig.json', '../../tsconfig.base.json'],
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale')) await ensureCompiled(schemaTarget);
  else {
    const { ms } = await compile(schemaTarget);
    console.log(`@vigia/schema: compiled dist/ (${Object.keys(schemaTarget.entries).join(', ')}) in ${ms} ms`);
  }
}
