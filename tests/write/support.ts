/**
 * Helpers for the write-path tests: a real server on a fresh SQLite file, API keys of every
 * role made the way `pnpm vigia keys create` makes them, the real CLI as a child process,
 * and a fingerprint of every data table to prove that a refused write changed nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PrismaClient } from '@vigia/schema';
import { startServer } from '@vigia/server';
import { createKey } from '../../packages/server/src/auth/keys.js';
import { localOperator } from '../../packages/server/src/core/audit.js';
import { gql, type GraphQLResponse } from '../helpers/graphql.js';
import { createTestDatabase } from '../postgres/support.js';

export const root = resolve(import.meta.dirname, '../..');

export type Role = 'VIEWER' | 'EDITOR' | 'ADMIN';

export interface WriteServer {
  url: string;
  graphqlUrl: string;
  /** The server's own client, on the server's database. */
  prisma: PrismaClient;
  /** DATABASE_URL for the CLI: the same database as the server's. */
  databaseUrl: string;
  /** A key per role, plus a second editor. */
  keys: Record<Role | 'EDITOR2', { key: string; name: string }>;
  /** A GraphQL call as anonymous (no role) or as a role's key. */
  as(role: Role | 'EDITOR2' | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<any> & { status: number }>;
  /** Everything a write could touch, as JSON: equal fingerprints mean nothing changed. */
  fingerprint(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A real server on a fresh database: a SQLite file, or with VIGIA_TEST_DATABASE=postgresql
 * a throwaway PostgreSQL database (the same suites then prove the write path there).
 */
export async function startWriteServer(): Promise<WriteServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-write-'));
  const postgres = process.env.VIGIA_TEST_DATABASE === 'postgresql' ? await createTestDatabase() : undefined;
  const databaseUrl = postgres?.url ?? `file:${join(dir, 'vigia.db')}`;
  const server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl });
  const prisma = server.prisma;
  const make = async (name: string, role: Role) => ({ name, key: (await createKey(prisma, { name, role }, localOperator())).key });
  const keys = {
    VIEWER: await make('Portal de lectura (viewer)', 'VIEWER'),
    EDITOR: await make('Ana Quispe (editor)', 'EDITOR'),
    EDITOR2: await make('Luis Mamani (editor)', 'EDITOR'),
    ADMIN: await make('Administración Vigía (admin)', 'ADMIN'),
  };
  return {
    url: server.url,
    graphqlUrl: server.graphqlUrl,
    prisma,
    databaseUrl,
    keys,
    as: (role, query, variables = {}) =>
      gql(server.graphqlUrl, query, variables, role ? { authorization: `Bearer ${keys[role].key}` } : {}),
    fingerprint: async () => {
      // Named tables, so that a test can leave one out (the audit log) whatever the order.
      const tables = {
        observation: await prisma.observation.findMany({ orderBy: { key: 'asc' } }),
        dataset: await prisma.dataset.findMany({ orderBy: { key: 'asc' } }),
        coordinationSpace: await prisma.coordinationSpace.findMany({ orderBy: { key: 'asc' } }),
        serviceResult: await prisma.serviceResult.findMany({ orderBy: [{ serviceId: 'asc' }, { year: 'asc' }] }),
        source: await prisma.source.findMany({ orderBy: { key: 'asc' } }),
        document: await prisma.document.findMany({ orderBy: { key: 'asc' } }),
        auditEntry: await prisma.auditEntry.findMany({ orderBy: { id: 'asc' } }),
        // The public history: a refused write publishes nothing either.
        publication: await prisma.publication.findMany({ orderBy: { id: 'asc' } }),
        datasetVersion: await prisma.datasetVersion.findMany({ orderBy: { id: 'asc' } }),
        observationRevision: await prisma.observationRevision.findMany({ orderBy: { id: 'asc' } }),
        serviceResultRevision: await prisma.serviceResultRevision.findMany({ orderBy: { id: 'asc' } }),
      };
      return JSON.stringify(tables);
    },
    stop: async () => {
      await server.close();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `pnpm vigia <args>` from the repository root against the given database. */
export function vigia(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn('pnpm', ['--silent', 'vigia', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** The first error's code and message of a GraphQL answer. */
export const errorOf = (result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) => ({
  code: result.errors?.[0]?.extensions?.code,
  message: result.errors?.[0]?.message,
});
