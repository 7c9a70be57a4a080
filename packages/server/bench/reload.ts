/**
 * How long a reload of the in-memory data takes, and how much memory the data holds, as the data
 * grows: the seeded briefing, then with 10,000 and 100,000 more observations. The extra rows are
 * SYNTHETIC, written into a throw-away database of this benchmark only (copies of a seeded figure
 * under keys "bench-synthetic-<n>"), to show where this design stops fitting; they are no data.
 *
 * Run by `pnpm bench` (run.ts) in a child process with --expose-gc; prints one JSON line per row:
 *   node --expose-gc --import tsx bench/reload.ts [postgresql://… an empty database, dropped after]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrismaClient, prepareDatabase, resolveDatabaseTarget, type PrismaClient, type Provider } from '@vigia/schema';
import { loadSnapshot, type Snapshot } from '../src/read-model/snapshot.js';

export interface ReloadRow {
  database: string;
  observations: number;
  /** Median of the timed reloads. */
  reloadMs: number;
  /** Heap one snapshot holds (after a full GC). */
  heapMb: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
/** The snapshots being weighed: held here so that nothing collects them before the heap is read. */
let weighed: Snapshot[] = [];
const RELOADS = 7;
const SIZES = [0, 10_000, 100_000];

async function measure(prisma: PrismaClient, provider: Provider): Promise<{ reloadMs: number; heapMb: number }> {
  await loadSnapshot(prisma, provider); // warm-up: connections, compiled queries
  const times: number[] = [];
  for (let i = 0; i < RELOADS; i++) {
    const started = performance.now();
    await loadSnapshot(prisma, provider);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  // Heap with one snapshot held, then with four: a quarter of the difference is one snapshot (the
  // driver may keep its last result alive, which the difference cancels out).
  weighed = [await loadSnapshot(prisma, provider)];
  gc?.();
  const one = process.memoryUsage().heapUsed;
  for (let i = 0; i < 3; i++) weighed.push(await loadSnapshot(prisma, provider));
  gc?.();
  const four = process.memoryUsage().heapUsed;
  weighed = [];
  return { reloadMs: times[Math.floor(times.length / 2)]!, heapMb: (four - one) / 3 / 1024 / 1024 };
}

/** Copies of one seeded figure, under synthetic keys, until the table has `extra` more rows. */
async function addSynthetic(prisma: PrismaClient, from: number, to: number) {
  const model = await prisma.observation.findFirstOrThrow({ orderBy: { key: 'asc' } });
  const { id: _id, key: _key, position: _position, ...rest } = model;
  for (let start = from; start < to; start += 1000) {
    const end = Math.min(to, start + 1000);
    await prisma.observation.createMany({
      data: Array.from({ length: end - start }, (_, i) => ({ ...rest, key: `bench-synthetic-${start + i}`, position: 100_000 + start + i })),
    });
  }
}

async function run(database: string, url: string, provider: Provider): Promise<ReloadRow[]> {
  const target = resolveDatabaseTarget(url);
  await prepareDatabase(target);
  const prisma = createPrismaClient(target);
  const rows: ReloadRow[] = [];
  try {
    const seeded = await prisma.observation.count();
    let added = 0;
    for (const size of SIZES) {
      await addSynthetic(prisma, added, size);
      added = size;
      rows.push({ database, observations: seeded + size, ...(await measure(prisma, provider)) });
    }
  } finally {
    await prisma.$disconnect();
  }
  return rows;
}

const dir = mkdtempSync(join(tmpdir(), 'vigia-bench-reload-'));
try {
  for (const row of await run('SQLite', `file:${join(dir, 'reload.db')}`, 'sqlite')) console.log(JSON.stringify(row));
  const postgres = process.argv[2];
  if (postgres) for (const row of await run('PostgreSQL', postgres, 'postgresql')) console.log(JSON.stringify(row));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
