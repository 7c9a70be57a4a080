/**
 * The server's configuration: every setting comes from an environment variable, is checked
 * once at start, and a bad value stops the start with a message naming the variable, what it
 * accepts and what it got. Nothing else in the server reads process.env.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { repoRoot } from '@vigia/schema';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  /** As the contract's DATABASE_URL (unset = the embedded SQLite file). */
  databaseUrl: string | undefined;
  /** PostgreSQL: connections per server process (to the primary, and to each replica). */
  databasePoolSize: number;
  /** PostgreSQL read replicas: reads outside a write go to them; empty = the primary serves all. */
  databaseReplicaUrls: string[];
  /** How far behind the primary a replica may be: a write empties the response cache again after this long. */
  replicaMaxLagMs: number;
  /** NODE_ENV=production: no stack traces, no "Did you mean" suggestions. */
  production: boolean;
  /** NODE_ENV=development: unexpected errors show their message and stack to the client. */
  development: boolean;
  logLevel: LogLevel;
  /** Shared cache and rate-limit counters for several processes; unset = in memory. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key, so several deployments (or tests) can share one Redis. */
  redisPrefix: string;
  /** Where partners reach Vigía (PUBLIC_URL): embeds' canonical URLs, oEmbed, Open Graph; unset = the request's Host. */
  publicUrl: string | undefined;
  /** The licence the data is published under (DATA_LICENSE_URL), named in the DCAT catalogue; unset = none is claimed. */
  dataLicenseUrl: string | undefined;
  /** How many proxies in front of the server to trust for X-Forwarded-For (0 = none). */
  trustProxy: number;
  limits: {
    maxDepth: number;
    maxCost: number;
    maxAliases: number;
    maxTokens: number;
    maxDirectives: number;
    /** The largest `first`/`last` a connection accepts; more is refused, not clamped. */
    maxPageSize: number;
    /** Cost model: how many items a list without `first` is assumed to hold. */
    assumedListSize: number;
    maxBodyBytes: number;
    /** The largest import upload (importData, a multipart request from an editor or admin key): file and form. */
    importMaxBytes: number;
    maxBatch: number;
    executionTimeoutMs: number;
    requestTimeoutMs: number;
  };
  rateLimit: {
    /** 0 disables rate limiting. */
    windowSeconds: number;
    /** Requests per window per client address (anonymous callers). */
    perAddress: number;
    /** Requests per window per API key (once this process has verified it). */
    perKey: number;
    /**
     * Requests per window per client address that carry a key this process has not verified
     * (a wrong, revoked or new key): a brute force of keys meets this small budget, then 429.
     */
    unverifiedKeys: number;
  };
  cache: {
    /** The response cache for anonymous reads. */
    enabled: boolean;
    /** Server-side TTL of public data in seconds (mutations invalidate earlier). */
    ttlSeconds: number;
    /** Entries kept by the in-memory cache. */
    maxEntries: number;
    /** `max-age` sent to browsers and CDNs for GET answers (they cannot be invalidated). */
    httpMaxAgeSeconds: number;
    /** How often to look for writes made outside this process (0 = never). */
    dataChangePollMs: number;
  };
  live: {
    /** Open `dataChanged` streams one client address may hold in one server process. */
    maxStreamsPerClient: number;
    /** How often an open stream gets an SSE comment, so proxies keep it open and dead ones are noticed. */
    heartbeatMs: number;
  };
  webhooks: {
    /** Deliver to loopback and private addresses too (a receiver on the same host or network; tests). */
    allowLoopback: boolean;
    /** How long one attempt waits for the receiver's answer. */
    timeoutMs: number;
    /** Wait before the first retry; each further retry waits twice as long, up to retryMaxMs. */
    retryBaseMs: number;
    retryMaxMs: number;
    /** After this long since the change, a delivery that still fails is given up (FAILED). */
    giveUpAfterMs: number;
    /** How often each server process looks for deliveries that are due. */
    pollMs: number;
  };
  persisted: {
    /** Manifests (JSON: sha256 hex → document) of operations known at build time. */
    manifests: string[];
    /** Anonymous callers may send only persisted operations. */
    only: boolean;
  };
  /** Execute operations compiled by graphql-jit (each distinct document compiled once). */
  jit: boolean;
  metrics: boolean;
  shutdownTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

/**
 * The page sizes of every connection — the public ones over the snapshot (read-model/connection.ts)
 * and the audit log's (@pothos/plugin-prisma, graphql/builder.ts): a page without `first` or `last`
 * holds `default` items and none holds more than `max`. Fixed, not settings: partners' paging
 * depends on them. MAX_PAGE_SIZE can only lower what the limits accept (refused above it).
 */
export const PAGE_SIZE = { default: 20, max: 100 } as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The widgets build writes its operations here; served when it exists. */
export const defaultPersistedManifest = resolve(repoRoot, 'packages/widgets/dist/persisted-operations.json');

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the configuration; throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false; got "${env[name]}"`);
    return fallback;
  };

  const nodeEnv = read('NODE_ENV') ?? 'development';
  const production = nodeEnv === 'production';

  const logLevelRaw = (read('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info')).toLowerCase();
  const logLevel = LOG_LEVELS.includes(logLevelRaw as LogLevel) ? (logLevelRaw as LogLevel) : 'info';
  if (!LOG_LEVELS.includes(logLevelRaw as LogLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevelRaw}"`);
  }

  const redisUrl = read('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/[^\s]+$/i.test(redisUrl)) {
    problems.push(`REDIS_URL must be a redis:// or rediss:// URL; got "${redisUrl.split(':')[0]}:…"`);
  }

  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl !== undefined && !/^(file:|postgres(ql)?:\/\/)/i.test(databaseUrl)) {
    problems.push(`DATABASE_URL must be unset, "file:<path>" (SQLite) or "postgresql://…"; got "${databaseUrl.split(':')[0]}:…"`);
  }

  const replicasRaw = read('DATABASE_REPLICA_URLS');
  const databaseReplicaUrls = replicasRaw ? replicasRaw.split(',').map((u) => u.trim()).filter(Boolean) : [];
  for (const url of databaseReplicaUrls) {
    if (!/^postgres(ql)?:\/\/\S+$/i.test(url)) problems.push(`DATABASE_REPLICA_URLS must list postgresql://… URLs separated by commas; got "${url.split(':')[0]}:…"`);
  }
  if (databaseReplicaUrls.length && !/^postgres(ql)?:\/\//i.test(databaseUrl ?? '')) {
    problems.push('DATABASE_REPLICA_URLS needs DATABASE_URL=postgresql://… (read replicas are a PostgreSQL deployment)');
  }

  const dataLicenseUrl = read('DATA_LICENSE_URL');
  if (dataLicenseUrl !== undefined && !/^https?:\/\/\S+$/i.test(dataLicenseUrl)) {
    problems.push(`DATA_LICENSE_URL must be an http(s) URL of the licence (e.g. https://creativecommons.org/licenses/by/4.0/); got "${dataLicenseUrl}"`);
  }

  const trustRaw = read('TRUST_PROXY')?.toLowerCase();
  let trustProxy = 0;
  if (trustRaw === 'true') trustProxy = 1;
  else if (trustRaw !== undefined && trustRaw !== 'false') trustProxy = int('TRUST_PROXY', 0, 0, 10);

  const manifestsRaw = read('PERSISTED_OPERATIONS');
  let manifests: string[] = [];
  if (manifestsRaw === undefined) {
    manifests = existsSync(defaultPersistedManifest) ? [defaultPersistedManifest] : [];
  } else if (manifestsRaw.toLowerCase() !== 'off') {
    manifests = manifestsRaw.split(',').map((p) => p.trim()).filter(Boolean).map((p) => (isAbsolute(p) ? p : resolve(process.cwd(), p)));
    for (const file of manifests) {
      if (!existsSync(file)) problems.push(`PERSISTED_OPERATIONS names a file that does not exist: ${file}`);
    }
  }
  const persistedOnly = bool('PERSISTED_OPERATIONS_ONLY', false);
  if (persistedOnly && manifests.length === 0) {
    problems.push('PERSISTED_OPERATIONS_ONLY=true needs at least one manifest (PERSISTED_OPERATIONS=<file.json>, or build the widgets)');
  }

  const config: Config = {
    port: int('PORT', 4000, 0, 65535),
    host: read('HOST') ?? '0.0.0.0',
    databaseUrl,
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1, 1000),
    databaseReplicaUrls,
    replicaMaxLagMs: int('DATABASE_REPLICA_MAX_LAG_MS', 1000, 0, 60_000),
    production,
    development: nodeEnv === 'development' && read('NODE_ENV') !== undefined,
    logLevel,
    redisUrl,
    redisPrefix: read('REDIS_PREFIX') ?? 'vigia:',
    publicUrl: read('PUBLIC_URL'),
    dataLicenseUrl,
    trustProxy,
    limits: {
      maxDepth: int('MAX_DEPTH', 10, 1, 100),
      maxCost: int('MAX_COST', 5000, 1, 10_000_000),
      maxAliases: int('MAX_ALIASES', 50, 0, 10_000),
      maxTokens: int('MAX_TOKENS', 3000, 10, 1_000_000),
      maxDirectives: int('MAX_DIRECTIVES', 20, 0, 10_000),
      maxPageSize: int('MAX_PAGE_SIZE', PAGE_SIZE.max, 1, PAGE_SIZE.max),
      assumedListSize: int('ASSUMED_LIST_SIZE', 10, 1, 10_000),
      maxBodyBytes: int('MAX_BODY_BYTES', 100 * 1024, 256, 100 * 1024 * 1024),
      importMaxBytes: int('IMPORT_MAX_BYTES', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
      maxBatch: int('MAX_BATCH', 10, 1, 1000),
      executionTimeoutMs: int('EXECUTION_TIMEOUT_MS', 10_000, 1, 600_000),
      requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
    },
    rateLimit: {
      // Test suites send hundreds of requests from one address; they turn limits on where they test them.
      windowSeconds: int('RATE_LIMIT_WINDOW_SECONDS', nodeEnv === 'test' ? 0 : 60, 0, 86_400),
      perAddress: int('RATE_LIMIT_PER_ADDRESS', 600, 1, 100_000_000),
      perKey: int('RATE_LIMIT_PER_KEY', 6000, 1, 100_000_000),
      unverifiedKeys: int('RATE_LIMIT_UNVERIFIED_KEYS', 20, 1, 100_000_000),
    },
    cache: {
      enabled: bool('RESPONSE_CACHE', true),
      ttlSeconds: int('RESPONSE_CACHE_TTL_SECONDS', 3600, 1, 604_800),
      maxEntries: int('RESPONSE_CACHE_MAX_ENTRIES', 5000, 1, 10_000_000),
      httpMaxAgeSeconds: int('HTTP_CACHE_MAX_AGE_SECONDS', 60, 0, 86_400),
      // Also how soon a CLI import or seed reaches live subscribers without Redis (within 2 s).
      dataChangePollMs: int('DATA_CHANGE_POLL_MS', 1000, 0, 3_600_000),
    },
    live: {
      maxStreamsPerClient: int('SUBSCRIPTION_MAX_STREAMS_PER_CLIENT', 20, 1, 100_000),
      heartbeatMs: int('SUBSCRIPTION_HEARTBEAT_MS', 15_000, 100, 600_000),
    },
    webhooks: {
      allowLoopback: bool('WEBHOOK_ALLOW_LOOPBACK', false),
      timeoutMs: int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      retryBaseMs: int('WEBHOOK_RETRY_BASE_MS', 10_000, 10, 3_600_000),
      retryMaxMs: int('WEBHOOK_RETRY_MAX_MS', 3_600_000, 10, 86_400_000),
      giveUpAfterMs: int('WEBHOOK_GIVE_UP_AFTER_MS', 86_400_000, 100, 30 * 86_400_000),
      pollMs: int('WEBHOOK_POLL_MS', 1000, 50, 3_600_000),
    },
    persisted: { manifests, only: persistedOnly },
    jit: bool('GRAPHQL_JIT', true),
    metrics: bool('METRICS', true),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    keepAliveTimeoutMs: int('KEEP_ALIVE_TIMEOUT_MS', 65_000, 1000, 600_000),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
