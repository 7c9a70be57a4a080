import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MigrationError } from './errors.js';

/** Client output of the PostgreSQL copy, relative to prisma/postgresql/schema.prisma. */
export const postgresClientOutput = '../../src/generated/prisma-postgresql';

export const postgresSchemaHeader = `// GENERATED FILE, do not edit. Derived from ../schema.prisma (the one source schema)
// by src/migrate/postgres-schema.ts: same models, provider "postgresql", its own client
// output, no Pothos generator (its types come from the SQLite client). Rewritten by
// \`pnpm db:migrate <name>\`; \`pnpm db:check\` fails when it is stale.
`;

const blockStart = /^\s*(generator|datasource)\s+(\w+)\s*\{\s*(\/\/.*)?$/;
const blockEnd = /^\s*\}\s*(\/\/.*)?$/;
const setting = /^(\s*)(\w+)(\s*=\s*)"([^"]*)"(.*)$/;

/**
 * The PostgreSQL copy of the source schema: the datasource provider swapped to
 * "postgresql", the prisma-client generator writing to its own folder (a client is
 * generated per provider), other generators dropped. Models and enums are untouched:
 * the source stays portable (no scalar lists, no @db.* types) for this to be valid.
 */
export function derivePostgresSchema(source: string): string {
  const lines = source.split('\n');
  const out: string[] = [];
  let swappedProvider = 0;
  let clients = 0;
  for (let i = 0; i < lines.length; i++) {
    const start = blockStart.exec(lines[i] ?? '');
    if (!start) {
      out.push(lines[i] ?? '');
      continue;
    }
    const end = lines.findIndex((line, j) => j > i && blockEnd.test(line));
    if (end === -1) throw new MigrationError(`schema.prisma: the ${start[1]} block "${start[2]}" is not closed`);
    const block = lines.slice(i, end + 1);
    i = end;
    if (start[1] === 'datasource') {
      out.push(
        ...block.map((line) => {
          const m = setting.exec(line);
          if (!m || m[2] !== 'provider') return line;
          if (m[4] !== 'sqlite') {
            throw new MigrationError(`schema.prisma: expected the source datasource provider "sqlite", found "${m[4]}"`);
          }
          swappedProvider++;
          return `${m[1]}provider${m[3]}"postgresql"${m[5]}`;
        }),
      );
      continue;
    }
    const provider = block.map((line) => setting.exec(line)).find((m) => m?.[2] === 'provider')?.[4];
    if (provider !== 'prisma-client' && provider !== 'prisma-client-js') {
      // Drop the generator with the blank line before it, keeping the layout tidy.
      if (out.length > 0 && out[out.length - 1]?.trim() === '') out.pop();
      continue;
    }
    clients++;
    out.push(
      ...block.map((line) => {
        const m = setting.exec(line);
        return m && m[2] === 'output' ? `${m[1]}output${m[3]}"${postgresClientOutput}"${m[5]}` : line;
      }),
    );
  }
  if (swappedProvider !== 1) {
    throw new MigrationError(`schema.prisma: expected one datasource provider = "sqlite", found ${swappedProvider}`);
  }
  if (clients !== 1) throw new MigrationError(`schema.prisma: expected one prisma-client generator, found ${clients}`);
  return postgresSchemaHeader + '\n' + out.join('\n');
}

/** Writes the derived file; returns true when its content changed. */
export function writePostgresSchema(sourcePath: string, targetPath: string): boolean {
  const text = derivePostgresSchema(readFileSync(sourcePath, 'utf8'));
  let current: string | undefined;
  try {
    current = readFileSync(targetPath, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) return false;
  mkdirSync(dirname(targetPath), { recursive: true });
  writeFileSync(targetPath, text);
  return true;
}
