import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '@vigia/schema';
import { printPublishedSchema } from '../graphql/print.js';

// `pnpm schema:print`: regenerates the published SDL from the server's schema.
const file = resolve(repoRoot, 'packages/schema/schema.graphql');
writeFileSync(file, printPublishedSchema());
console.log(`Wrote ${file}`);
