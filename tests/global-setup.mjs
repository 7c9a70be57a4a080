/**
 * Vitest imports the TypeScript sources, but some tests run the real commands (`pnpm vigia`,
 * `pnpm start`, `pnpm db:seed`), which run the compiled dist/ of @vigia/schema and @vigia/server.
 * Compile them once here when a source changed since their last build, so those tests run what the
 * other tests import (each command also checks for itself; see packages/schema/scripts/compile.mjs).
 */
import { ensureServerCompiled } from '../packages/server/scripts/build.mjs';

export default async function compileCommands() {
  await ensureServerCompiled();
}
