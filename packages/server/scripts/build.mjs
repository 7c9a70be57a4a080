/**
 * Compiles @vigia/server's commands into dist/ with esbuild (the helper is @vigia/schema's
 * scripts/compile.mjs), after @vigia/schema's own dist/, which they import:
 *   dist/main.js  `pnpm start`   (src/main.ts)
 *   dist/cli.js   `pnpm vigia`   (src/cli/main.ts; its JavaScript dependencies bundled in)
 * `node scripts/build.mjs` builds both packages; `--if-stale` only what changed since its last build.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { compile, ensureCompiled } from '@vigia/schema/compile';
import { schemaTarget } from '@vigia/schema/build';

export { schemaTarget };

export const serverTarget = {
  name: '@vigia/server',
  root: fileURLToPath(new URL('..', import.meta.url)),
  entries: { main: 'src/main.ts', cli: 'src/cli/main.ts' },
  // The lockfile too: the CLI bundle holds its dependencies' code.
  inputs: ['src', 'scripts', 'package.json', 'tsconfig.json', '../../tsconfig.base.json', '../../pnpm-lock.yaml', createRequire(import.meta.url).resolve('@vigia/schema/compile')],
  // The schema package is TypeScript to Vitest and tsc; compiled code imports its compiled entry.
  rewrite: { '@vigia/schema': '@vigia/schema/compiled' },
  // The CLI is started for every command: its JavaScript dependencies are bundled into it (one
  // file to load instead of some 350). Prisma and the database drivers stay packages (native and
  // WebAssembly code, one copy shared with @vigia/schema), as does any other package with native
  // code the CLI may come to import (a bundle cannot hold a .node file: add it here if the build
  // says so). The server keeps every dependency a package.
  bundleDependencies: ['cli'],
  keepExternal: [/^@prisma\//, /^prisma(\/|$)/, /^pg(-[a-z]+)?(\/|$)/, /^@?libsql(\/|$)/, /^@resvg\//],
};

/** Both packages, each only if a source changed since its last build. */
export async function ensureServerCompiled(options) {
  await ensureCompiled(schemaTarget, options);
  await ensureCompiled(serverTarget, options);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale')) await ensureServerCompiled();
  else {
    for (const target of [schemaTarget, serverTarget]) {
      const { ms } = await compile(target);
      console.log(`${target.name}: compiled dist/ (${Object.keys(target.entries).join(', ')}) in ${ms} ms`);
    }
  }
}
