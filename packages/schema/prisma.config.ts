import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// Prisma's CLI downloads its native schema engine before `generate`, `validate` and
// `format`, although those never run it; the download fails on machines without
// internet access. Naming any existing file as the engine skips the download for
// those three commands only. Migrations do not use the CLI at all: see src/migrate.
const offlineSafe = ['generate', 'validate', 'format'];
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && process.argv.some((arg) => offlineSafe.includes(arg))) {
  const placeholder = fileURLToPath(import.meta.url);
  if (existsSync(placeholder)) process.env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
