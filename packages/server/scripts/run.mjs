/**
 * `pnpm start` and `pnpm vigia`: runs a compiled command (`node scripts/run.mjs cli keys list` runs
 * dist/cli.js with `keys list`), compiling first whatever a source change made stale (see
 * @vigia/schema's scripts/compile.mjs).
 */
import { ensureServerCompiled, serverTarget } from './build.mjs';

const [, , entry] = process.argv;
if (!entry || !(entry in serverTarget.entries)) {
  console.error(`usage: node scripts/run.mjs <${Object.keys(serverTarget.entries).join('|')}> [arguments]`);
  process.exit(2);
}
try {
  await ensureServerCompiled();
} catch (error) {
  console.error(`\nCould not compile @vigia/server (${error.message.split('\n')[0]}); \`pnpm --filter @vigia/server build\` shows the details.`);
  process.exit(1);
}
process.argv.splice(2, 1);
// Stack traces in the server's logs point into src/. (The CLI prints messages, not stacks.)
if (entry === 'main') process.setSourceMapsEnabled(true);
await import(`../dist/${entry}.js`);
