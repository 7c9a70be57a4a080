import { createRequire } from 'node:module';
import { createConnection } from 'node:net';
import { defineConfig } from 'vitest/config';

// Node loads graphql's CommonJS build for the libraries (Pothos, yoga); Vite would give our
// own sources its .mjs build, and two copies of graphql refuse each other's types.
const graphqlCjs = createRequire(import.meta.url).resolve('graphql', { paths: ['packages/server'] });

// Every suite that touches the database runs a second time on PostgreSQL when a server answers
// (tests/postgres/support.ts): the API, the write path, production behaviour, the widgets against
// a real server, the seed. Suites
// that test one database on purpose (migrate, start, tests/postgres) pick it themselves.
const postgres = new URL(process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL_POSTGRES_ADMIN ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const postgresUp = await new Promise<boolean>((done) => {
  const socket = createConnection({ host: postgres.hostname, port: Number(postgres.port || 5432), timeout: 1000 });
  socket.once('connect', () => (socket.destroy(), done(true)));
  socket.once('error', () => done(false));
  socket.once('timeout', () => (socket.destroy(), done(false)));
});
if (!postgresUp) {
  console.warn(`\n!! PostgreSQL is not reachable at ${postgres.host}: the PostgreSQL run of the suites and tests/postgres are SKIPPED.\n`);
}

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['tests/global-setup.mjs'],
    // Each file starts its own server on its own database; files run in parallel.
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts', 'packages/*/test/**/*.test.ts'] } },
      ...(postgresUp
        ? [
            {
              extends: true,
              test: {
                name: 'postgresql',
                include: [
                  'tests/api/**/*.test.ts',
                  'tests/write/**/*.test.ts',
                  'tests/publish/**/*.test.ts',
                  'tests/production/{caching,hardening,limits,operations}.test.ts',
                  'tests/widgets/**/*.test.ts',
                  'tests/seed.test.ts',
                ],
                env: { VIGIA_TEST_DATABASE: 'postgresql' },
              },
            },
          ]
        : []),
    ],
  },
});
