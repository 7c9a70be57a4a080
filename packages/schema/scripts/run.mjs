/**
 * `pnpm db:*`: runs a compiled command (`node scripts/run.mjs migrate deploy` runs dist/migrate.js
 * with the argument `deploy`), compiling it first if a source changed since the last build (see
 * compile.mjs).
 */
import { ensureCompiled } from './compile.mjs';
import { schemaTarget } from './build.mjs';

const [, , entry] = process.argv;
if (!entry || entry === 'index' || !(entry in schemaTarget.entries)) {
  console.error('usage: node scripts/run.mjs <migrate|seed> [arguments]');
  process.exit(2);
}
try {
  await ensureCompiled(schemaTarget);
} catch (error) {
  console.error(`\nCould not compile @vigia/schema (${error.message.split('\n')[0]}); \`pnpm --filter @vigia/schema build\` shows the details.`);
  process.exit(1);
}
process.argv.splice(2, 1);
process.setSourceMapsEnabled(true);
await import(`../dist/${entry}.js`);
