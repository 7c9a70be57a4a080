import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above packages/schema). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the embedded SQLite database lives when DATABASE_URL is unset (git-ignored). */
export const defaultSqliteFile = resolve(repoRoot, 'data/vigia.db');

export type Provider = 'sqlite' | 'postgresql';

export interface DatabaseTarget {
  provider: Provider;
  /** For SQLite: `file:` URL with an absolute path. For PostgreSQL: the URL as given. */
  url: string;
  /** For SQLite: the absolute file path. */
  file?: string;
}

/**
 * Reads DATABASE_URL as the contract defines it: unset means the embedded SQLite file
 * in the repository's data folder; `file:<path>` a SQLite file (relative paths resolve
 * against the current directory); `postgresql://` or `postgres://` a PostgreSQL database.
 */
export function resolveDatabaseTarget(raw: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  const value = raw?.trim();
  if (!value) return sqliteTarget(defaultSqliteFile);
  if (value.startsWith('file:')) {
    const path = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error('DATABASE_URL "file:" needs a path, e.g. file:./data/vigia.db');
    // Under `pnpm --filter` the cwd is the package; INIT_CWD is where the command was typed.
    return sqliteTarget(isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path));
  }
  if (/^postgres(ql)?:\/\//i.test(value)) return { provider: 'postgresql', url: value };
  throw new Error(
    `DATABASE_URL must be unset, "file:<path>" (SQLite) or "postgresql://…" (PostgreSQL); got "${value.split(':')[0]}:…"`,
  );
}

function sqliteTarget(file: string): DatabaseTarget {
  mkdirSync(dirname(file), { recursive: true });
  return { provider: 'sqlite', url: `file:${file}`, file };
}
