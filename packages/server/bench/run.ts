/**
 * `pnpm bench`: autocannon against real server processes on this machine, beside a bare
 * graphql-yoga server answering a constant (the ceiling), for the widgets' requests (persisted
 * GETs, as their client sends them) and a deep connection query, with and without the response
 * cache, on SQLite and on PostgreSQL; and `{ __typename }`, Vigía's own cost per request. Then
 * the partner rows, side by side in rounds: the widgets' persisted GET answered from the response
 * cache, the same query POSTed, and Node's own http server answering a constant (bare-node.ts).
 *
 *   pnpm bench                      every scenario, 10 s each, 32 connections, a 60 s soak
 *   pnpm bench --duration 5 --soak 0 --only sqlite
 *   pnpm bench --write              also rewrites the results table in BENCHMARKS.md
 *   pnpm bench --only sqlite --cache off --query region-card --env DATABASE_POOL_SIZE=4
 *   pnpm bench --duration 5 --soak 0 --only sqlite --query partner   the partner rows alone
 *
 * Each server runs as its own process with production settings (JSON logs at info to
 * /dev/null, rate limiting on with a budget above the load, every hostile-input limit on).
 * The load generator shares the 2 cores with the server, for the ceiling and Vigía alike, and
 * each row's ceiling is measured right after it, so that drifting background load cancels out.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { bareNodeQuery, bareQuery, partnerQueries, queries, type BenchQuery } from './queries.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    soak: { type: 'string', default: '60' },
    only: { type: 'string' },
    write: { type: 'boolean', default: false },
    /** KEY=VALUE settings for the Vigía servers (repeatable), e.g. --env DATABASE_POOL_SIZE=4 */
    env: { type: 'string', multiple: true, default: [] },
    /** Only these queries (repeatable), e.g. --query region-card; `partner` names the partner rows. */
    query: { type: 'string', multiple: true, default: [] },
    /** Rounds of the partner rows (each: GET, POST, bare Node, `duration` seconds each). */
    rounds: { type: 'string', default: '4' },
    /** Skip the rows with the response cache on or off. */
    cache: { type: 'string' },
    /** `off` skips the reloads of the in-memory data (bench/reload.ts). */
    reload: { type: 'string', default: 'on' },
  },
});
const extraEnv = Object.fromEntries(args.env!.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
const selected = args.query!.length ? queries.filter((q) => args.query!.includes(q.name)) : queries;
const partnerSelected = !args.query!.length || args.query!.includes('partner');
const rounds = Number(args.rounds);
const duration = Number(args.duration);
const connections = Number(args.connections);
const soakSeconds = Number(args.soak);
const serverDir = resolve(import.meta.dirname, '..');
const repoRoot = resolve(serverDir, '../..');
const postgresAdmin = process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL_POSTGRES_ADMIN ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Running {
  child: ChildProcess;
  url: string;
}

function launch(command: string[], env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...command], {
    cwd: serverDir,
    env: { ...process.env, ...env, PORT: '0' },
    // Logs go nowhere but are still written: the cost of logging is part of the measurement.
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /serving (http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        child.removeListener('exit', onExit);
        done({ child, url: `${match[1]!.replace('localhost', '127.0.0.1')}/graphql` });
      }
    };
    const onExit = (code: number | null) => fail(new Error(`server exited with ${code}:\n${output}`));
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

async function stop(running: Running) {
  if (running.child.exitCode !== null) return;
  const exited = new Promise((done) => running.child.once('exit', done));
  running.child.kill('SIGTERM');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function rssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU time (user + system) the process has used so far, in microseconds. */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
function cpuUs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / ticksPerSecond;
  } catch {
    return Number.NaN;
  }
}

interface Measure {
  /** The server process's CPU time per answered request (shared load on the machine barely moves it). */
  cpuUsPerRequest: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  peakMb: number;
  samplesMb: number[];
}

async function load(url: string, query: BenchQuery, seconds: number, pid: number): Promise<Measure> {
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssKb(pid) / 1024), 1000);
  const cpuBefore = cpuUs(pid);
  const result = await autocannon({
    url: url + query.search,
    connections,
    duration: seconds,
    method: query.method,
    headers: { accept: 'application/graphql-response+json', ...(query.body ? { 'content-type': 'application/json' } : {}) },
    ...(query.body ? { body: query.body } : {}),
  });
  clearInterval(sampler);
  samples.push(rssKb(pid) / 1024);
  return {
    cpuUsPerRequest: (cpuUs(pid) - cpuBefore) / Math.max(1, result.requests.total),
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    peakMb: Math.max(...samples),
    samplesMb: samples,
  };
}

async function answer(url: string, query: BenchQuery) {
  const res = await fetch(url + query.search, {
    method: query.method,
    headers: query.body ? { 'content-type': 'application/json' } : {},
    ...(query.body ? { body: query.body } : {}),
  });
  const body = (await res.json()) as { data?: unknown; errors?: { message: string }[]; extensions?: { cost?: { requestedQueryCost: number } } };
  if (res.status !== 200 || body.errors) throw new Error(`${query.name} failed (${res.status}): ${JSON.stringify(body.errors)}`);
  return body;
}

const check = async (url: string, query: BenchQuery) => (await answer(url, query)).extensions?.cost?.requestedQueryCost;

interface Row {
  database: string;
  cache: string;
  query: string;
  cost: number | undefined;
  m: Measure;
  /** The bare server's req/s measured right after this row (the machine's load drifts). */
  ceiling: number;
}

const rows: Row[] = [];
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

let bare: Running;
const ceilings: Measure[] = [];

async function measureServer(label: { database: string; cache: string }, running: Running, list: BenchQuery[]) {
  const pid = running.child.pid!;
  for (const query of list) {
    // Vigía's own cost per request is the same whatever the database and cache: measured once.
    if (query.floor && (label.database !== 'SQLite' || label.cache !== 'uncached')) continue;
    const cost = await check(running.url, query);
    await load(running.url, query, 2, pid); // warm-up: JIT, caches, connection pools
    const m = await load(running.url, query, duration, pid);
    // The ceiling, right after, under the same background load.
    await load(bare.url, bareQuery, 1, bare.child.pid!);
    const c = await load(bare.url, bareQuery, duration, bare.child.pid!);
    ceilings.push(c);
    rows.push({ ...label, query: query.name, cost, m, ceiling: c.rps });
    console.log(
      `${label.database.padEnd(18)} ${label.cache.padEnd(9)} ${query.name.padEnd(16)} ${fmt(m.rps).padStart(7)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  errors ${m.errors}  peak ${fmt(m.peakMb)} MB  | ceiling ${fmt(c.rps)} req/s  ratio ${fmt(m.rps / c.rps, 2)}`,
    );
  }
}

interface PartnerRow {
  name: string;
  runs: Measure[];
}
let partner: PartnerRow[] | undefined;

/**
 * The partner rows: the widgets' persisted GET and the same query POSTed, both answered from the
 * response cache, and Node's own http server answering a constant body — the very bytes of that
 * answer (the target's yardstick), and a 26-byte one — one after the other in each round, so
 * that the machine's drifting load falls on all alike.
 */
async function partnerTraffic(running: Running) {
  const [get, post] = partnerQueries as [BenchQuery, BenchQuery];
  // The same answer either way (and both now in the cache).
  const bytes = await (await fetch(running.url + get.search, { headers: { accept: 'application/graphql-response+json' } })).text();
  const [a, b] = [await answer(running.url, get), await answer(running.url, post)];
  if (JSON.stringify(a.data) !== JSON.stringify(b.data)) throw new Error('the persisted GET and the POST answer differently');
  const sameBytes = await launch(['bench/bare-node.ts'], { BARE_NODE_BODY: bytes });
  const small = await launch(['bench/bare-node.ts'], {});
  try {
    const targets = [
      { name: `${get.name} (cached)`, url: running.url, query: get, pid: running.child.pid! },
      { name: `${post.name} (cached)`, url: running.url, query: post, pid: running.child.pid! },
      { name: `bare node:http, the same ${fmt(Buffer.byteLength(bytes))} bytes`, url: sameBytes.url, query: bareNodeQuery, pid: sameBytes.child.pid! },
      { name: 'bare node:http, 26 bytes', url: small.url, query: bareNodeQuery, pid: small.child.pid! },
    ];
    partner = targets.map((t) => ({ name: t.name, runs: [] }));
    for (const t of targets) await load(t.url, t.query, 2, t.pid); // warm-up
    for (let round = 0; round < rounds; round++) {
      // Each round starts with another row, so that none is always measured first.
      for (let j = 0; j < targets.length; j++) {
        const i = (round + j) % targets.length;
        const t = targets[i]!;
        const m = await load(t.url, t.query, duration, t.pid);
        partner[i]!.runs.push(m);
        console.log(`partner round ${round + 1} ${t.name.padEnd(36)} ${fmt(m.rps).padStart(7)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  errors ${m.errors}  CPU ${fmt(m.cpuUsPerRequest)} µs/request`);
      }
    }
  } finally {
    await Promise.all([stop(sameBytes), stop(small)]);
  }
}

function createPostgresDatabase(): { url: string; drop(): void } | undefined {
  const name = `vigia_bench_${randomBytes(4).toString('hex')}`;
  try {
    execFileSync('psql', [postgresAdmin, '-qc', `CREATE DATABASE "${name}"`], { stdio: 'pipe' });
  } catch (error) {
    console.warn(`PostgreSQL not available at ${new URL(postgresAdmin).host} (${(error as Error).message.split('\n')[0]}): skipping the PostgreSQL runs.`);
    return undefined;
  }
  const url = new URL(postgresAdmin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => execFileSync('psql', [postgresAdmin, '-qc', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`], { stdio: 'pipe' }) };
}

// Production settings, with the address budget above what one load generator sends.
// The widgets' manifest is loaded by default (their requests are persisted operations).
const production = { NODE_ENV: 'production', LOG_LEVEL: 'info', RATE_LIMIT_PER_ADDRESS: '100000000' };

const tmp = mkdtempSync(join(tmpdir(), 'vigia-bench-'));
let soak: { samplesMb: number[]; rps: number; errors: number; p99: number } | undefined;
try {
  console.log(`Vigía benchmark: ${connections} connections, ${duration} s per run, Node ${process.version}, ${new Date().toISOString()}\n`);

  bare = await launch(['bench/bare.ts'], {});
  await load(bare.url, bareQuery, 2, bare.child.pid!);

  const targets: { database: string; url: string; extra?: Record<string, string> }[] = [];
  if (!args.only || args.only === 'sqlite') targets.push({ database: 'SQLite', url: `file:${join(tmp, 'bench.db')}` });
  const pg = !args.only || args.only === 'postgresql' ? createPostgresDatabase() : undefined;
  if (pg) {
    targets.push({ database: 'PostgreSQL', url: pg.url });
    targets.push({ database: 'PostgreSQL + Redis', url: pg.url, extra: { REDIS_URL: redisUrl, REDIS_PREFIX: `vigia-bench-${randomBytes(3).toString('hex')}:` } });
  }
  try {
    for (const target of targets) {
      for (const cached of [false, true]) {
        if (args.cache && args.cache !== (cached ? 'on' : 'off')) continue;
        // The Redis row is about the shared cache and counters; uncached it repeats the PostgreSQL row.
        if (target.extra && !cached) continue;
        // The partner rows run once, on the first server with the response cache in memory.
        const withPartner = cached && partnerSelected && !partner && !target.extra;
        if (!selected.length && !withPartner) continue;
        const server = await launch(['src/main.ts'], { ...production, ...target.extra, ...extraEnv, DATABASE_URL: target.url, RESPONSE_CACHE: String(cached) });
        try {
          await measureServer({ database: target.database, cache: cached ? 'cached' : 'uncached' }, server, selected);
          if (withPartner) await partnerTraffic(server);
          if (soakSeconds > 0 && target.database === 'SQLite' && !cached) {
            const m = await load(server.url, queries[0]!, soakSeconds, server.child.pid!);
            soak = { samplesMb: m.samplesMb, rps: m.rps, errors: m.errors, p99: m.p99 };
            console.log(`soak ${soakSeconds} s region-card uncached: ${fmt(m.rps)} req/s, RSS ${m.samplesMb.map((v) => fmt(v)).join(' ')}`);
          }
        } finally {
          await stop(server);
        }
      }
    }
  } finally {
    pg?.drop();
  }
} finally {
  await stop(bare!);
  rmSync(tmp, { recursive: true, force: true });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const sorted = [...xs].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ceilingRow = `| bare graphql-yoga (ceiling, mean of ${ceilings.length} runs) | — | constant | — | ${fmt(mean(ceilings.map((c) => c.rps)))} | ${fmt(mean(ceilings.map((c) => c.p50)), 1)} | ${fmt(mean(ceilings.map((c) => c.p99)), 1)} | ${ceilings.reduce((a, c) => a + c.errors, 0)} | ${fmt(Math.max(...ceilings.map((c) => c.peakMb)))} | 1.00 |`;
const table = [
  `| database | response cache | query | cost | req/s | p50 ms | p99 ms | errors | peak RSS MB | ratio to ceiling |`,
  `| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
  ceilingRow,
  ...rows.map(
    (r) =>
      `| ${r.database} | ${r.cache} | ${r.query} | ${r.cost ?? '—'} | ${fmt(r.m.rps)} | ${r.m.p50} | ${r.m.p99} | ${r.m.errors} | ${fmt(r.m.peakMb)} | ${fmt(r.m.rps / r.ceiling, 2)} |`,
  ),
].join('\n');

/** Reloads of the in-memory data as it grows (bench/reload.ts, in its own process with --expose-gc). */
let reloadText = '';
if (args.reload !== 'off') {
  const pg = !args.only || args.only === 'postgresql' ? createPostgresDatabase() : undefined;
  let out: string;
  try {
    out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/reload.ts', ...(pg ? [pg.url] : [])], {
      cwd: serverDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } finally {
    pg?.drop();
  }
  const reloads = out
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { database: string; observations: number; reloadMs: number; heapMb: number })
    .filter((r) => !args.only || r.database.toLowerCase() === args.only);
  reloadText = [
    'Reloads of the in-memory data (after each write), as the data grows: the seeded briefing, then with 10,000 and 100,000 more',
    'observations — SYNTHETIC copies of a seeded figure in a throw-away database of the benchmark, to show where the design stops fitting.',
    '',
    '| database | observations | reload, median of 7 (ms) | heap per snapshot (MB) |',
    '| --- | ---: | ---: | ---: |',
    ...reloads.map((r) => `| ${r.database} | ${fmt(r.observations)} | ${fmt(r.reloadMs)} | ${fmt(r.heapMb, 1)} |`),
  ].join('\n');
  console.log(`\n${reloadText}`);
}

let soakText = '';
if (soak) {
  const s = soak.samplesMb;
  const first = s.slice(0, 10);
  const last = s.slice(-10);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  soakText = `Soak: region-card on SQLite without the response cache for ${soakSeconds} s at ${connections} connections: ${fmt(soak.rps)} req/s, p99 ${soak.p99} ms, ${soak.errors} errors; RSS mean of the first 10 s ${fmt(avg(first))} MB, of the last 10 s ${fmt(avg(last))} MB (change ${fmt(avg(last) - avg(first), 1)} MB), peak ${fmt(Math.max(...s))} MB.`;
}

const runLine = `Run on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${connections} connections, ${duration} s per run after a 2 s warm-up.`;
const report = rows.length ? `${runLine}\n\n${table}\n\n${soakText}\n${reloadText ? `\n${reloadText}\n` : ''}` : '';
if (report) console.log(`\n${report}`);

/** The partner rows: medians over the rounds; each round's ratios taken within the round. */
let partnerReport = '';
if (partner) {
  const [get, post, node, small] = partner as [PartnerRow, PartnerRow, PartnerRow, PartnerRow];
  const ratio = (row: PartnerRow, to: PartnerRow) => median(row.runs.map((m, i) => m.rps / to.runs[i]!.rps));
  const line = (row: PartnerRow) =>
    `| ${row.name} | ${fmt(median(row.runs.map((m) => m.rps)))} | ${row.runs.map((m) => fmt(m.rps)).join(' · ')} | ${fmt(median(row.runs.map((m) => m.p50)), 1)} | ${fmt(median(row.runs.map((m) => m.p99)), 1)} | ${row.runs.reduce((a, m) => a + m.errors, 0)} | ${fmt(cpu(row))} | ${fmt(ratio(row, node), 2)} |`;
  const cpu = (row: PartnerRow) => median(row.runs.map((m) => m.cpuUsPerRequest));
  const getToPost = ratio(get, post);
  const getToNode = ratio(get, node);
  const getToSmall = ratio(get, small);
  partnerReport = [
    `${runLine} ${rounds} rounds; in each, the four rows one after the other, each round starting with the next row.`,
    '',
    `Command: \`pnpm bench ${process.argv.slice(2).join(' ')}\``.replace(/ `$/, '`'),
    '',
    '| request | req/s (median) | each round | p50 ms | p99 ms | errors | server CPU µs per request | ratio to bare node:http, same bytes |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    line(get),
    line(post),
    line(node),
    line(small),
    '',
    `Against the targets: persisted GET / POST = ${fmt(getToPost, 2)} (target ≥ 1.00: ${getToPost >= 1 ? 'met' : 'NOT met'}); ` +
      `persisted GET / bare node:http sending the same bytes = ${fmt(getToNode, 2)} (target ≥ 0.50: ${getToNode >= 0.5 ? 'met' : 'NOT met'}); ` +
      `against its 26-byte body: ${fmt(getToSmall, 2)}. ` +
      `Server CPU per request: persisted GET ${fmt(cpu(get))} µs, POST ${fmt(cpu(post))} µs, bare node:http ${fmt(cpu(node))} µs (same bytes).`,
  ].join('\n');
  console.log(`\n${partnerReport}`);
}

if (args.write) {
  const file = join(repoRoot, 'BENCHMARKS.md');
  let text = readFileSync(file, 'utf8');
  // Each block is rewritten only by a run that measured it.
  const replace = (name: string, content: string) => {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    if (!text.includes(start) || !text.includes(end)) throw new Error(`BENCHMARKS.md has no ${start} … ${end} markers`);
    text = `${text.slice(0, text.indexOf(start) + start.length)}\n${content}\n${text.slice(text.indexOf(end))}`;
  };
  if (report) replace('bench', report.trimEnd());
  if (partnerReport) replace('bench-partner', partnerReport);
  writeFileSync(file, text);
  console.log('BENCHMARKS.md updated.');
}
