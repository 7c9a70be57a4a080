/** `pnpm schema:check`: the API lifecycle rules (schema-check.ts); exit 1 with the problems listed. */
import { resolve } from 'node:path';
import { repoRoot } from '@vigia/schema';
import { schema } from '../graphql/index.js';
import { checkSchemaLifecycle } from './schema-check.js';

const { problems, versions } = await checkSchemaLifecycle({
  schema,
  sdlPath: resolve(repoRoot, 'packages/schema/schema.graphql'),
  changelogPath: resolve(repoRoot, 'CHANGELOG.md'),
  repoRoot,
});
if (problems.length) {
  console.error(`The GraphQL API breaks its lifecycle rules (${problems.length}):`);
  for (const p of problems) console.error(`- [${p.between}] ${p.message}`);
  process.exit(1);
}
console.log(`GraphQL API lifecycle: OK (${versions} published version${versions === 1 ? '' : 's'} of the SDL checked).`);
