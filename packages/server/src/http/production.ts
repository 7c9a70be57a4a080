/**
 * Everything that makes the API fit for the public internet, in one place: request ids and
 * JSON logs, metrics, CORS, rate limits, body-size refusal, readiness and draining (HTTP side),
 * and the yoga plugins for limits, persisted operations, CSRF, caching and error hygiene.
 * `createApp` wraps its routes with `wrap()` and spreads `yogaOptions` into createYoga.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, GraphQLError, type GraphQLSchema } from 'graphql';
import { isAsyncIterable, maskError, type MaskError, type Plugin, type YogaServerOptions } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { Redis } from 'ioredis';
import { primaryOf, replicaClientsOf, type PrismaClient } from '@vigia/schema';
import { loadConfig, type Config } from '../config.js';
import { collectCacheHints, documentMaxAge } from '../cache/hints.js';
import { isKeyed, responseCachePlugins, useHttpCaching } from '../cache/plugin.js';
import { memoryStore, redisStore, type ResponseStore } from '../cache/store.js';
import { watchDataChanges } from '../cache/watch.js';
import type { ReadModel } from '../read-model/read-model.js';
import { redisVersion } from '../read-model/redis-version.js';
import { useGraphQLLimits, useNoSuggestions } from '../limits/plugin.js';
import { bucketOf, clientAddress, memoryRateLimiter, redisRateLimiter, type RateLimiter, type Verdict } from '../limits/rate-limit.js';
import { createLogger, requestIdOf, yogaLogger, type Logger } from '../observability/logger.js';
import { Metrics } from '../observability/metrics.js';
import { createFastPath, readBody } from './fast-path.js';
import { loadPersistedManifests, usePersisted } from './persisted.js';
import { parseTarget, validHost } from './request-target.js';
import { useParamsCheck } from './params-check.js';
import { useErrorCodes } from './error-codes.js';
import { asUnavailable } from '../data/unavailable.js';
import { isVerifiedToken } from '../auth/keys.js';
import { locatedCompiledErrors, useCompiledExecution } from './compiled-execution.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type ServerContext = { req: IncomingMessage; res: ServerResponse };

/** What one request did, for its log line and metrics. */
interface RequestState {
  id: string;
  operation?: string | undefined;
  operationType?: string | undefined;
  cost?: number | undefined;
  cache?: 'hit' | 'miss' | undefined;
  errors?: number | undefined;
}

export interface ProductionOptions {
  schema: GraphQLSchema;
  prisma: PrismaClient;
  /** The public data in memory: reloaded when the data watch sees a write, shared through Redis. */
  readModel?: ReadModel;
  /** Defaults to the environment's configuration. */
  config?: Config;
  logger?: Logger;
}

export interface ProductionLayer {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  redis: Redis | undefined;
  store: ResponseStore | undefined;
  /** Spread into createYoga: plugins, error masking, batching, body size, logging. */
  yogaOptions: Pick<
    YogaServerOptions<ServerContext, Record<string, unknown>>,
    'plugins' | 'maskedErrors' | 'batching' | 'maxRequestBodySize' | 'extraParamNames' | 'logging' | 'cors'
  >;
  /** Wraps the app's routes: ids, logs, metrics, CORS, rate limits, /ready, /metrics. */
  wrap(handler: Handler): Handler;
  /** Waits (up to 5 s, or its first error) for Redis, so the first requests already share counters and cache. */
  connected(): Promise<void>;
  /** From now on /ready answers 503 and responses close their connections. */
  startDraining(): void;
  close(): Promise<void>;
}

const EXPOSED_HEADERS = 'ETag, Retry-After, X-Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset';

export function createProductionLayer(options: ProductionOptions): ProductionLayer {
  const config = options.config ?? loadConfig();
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const metrics = new Metrics();
  const states = new WeakMap<IncomingMessage, RequestState>();
  let draining = false;

  // Fail fast instead of queueing when Redis is away: a slow cache is worse than none.
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000 })
    : undefined;
  redis?.on('error', (error) => logger.warn({ err: error }, 'Redis connection error'));

  const windowMs = config.rateLimit.windowSeconds * 1000;
  const limiter: RateLimiter | undefined =
    windowMs === 0 ? undefined : redis ? redisRateLimiter(redis, config.redisPrefix, windowMs, logger) : memoryRateLimiter(windowMs);

  // Hits and misses are counted per request below (yoga's cache looks an answer up more than once).
  const store: ResponseStore | undefined = !config.cache.enabled
    ? undefined
    : redis
      ? redisStore(redis, config.redisPrefix, config.cache.ttlSeconds * 1000, logger, config.cache.maxEntries)
      : memoryStore(config.cache.maxEntries);

  // Several processes on one Redis tell each other of their writes (read-model/read-model.ts).
  if (redis && options.readModel) options.readModel.share(redisVersion(redis, config.redisPrefix));
  if (options.readModel) {
    metrics.dataVersion.set(options.readModel.snapshot.version);
    options.readModel.onLoad((snapshot, seconds) => {
      metrics.dataReloads.observe(seconds);
      metrics.dataVersion.set(snapshot.version);
    });
  }

  // Writes from elsewhere (a CLI import, a process without Redis) reload the public data and
  // empty this cache too.
  const readModel = options.readModel;
  const watch =
    (store || readModel) && config.cache.dataChangePollMs > 0
      ? watchDataChanges({
          prisma: options.prisma,
          intervalMs: config.cache.dataChangePollMs,
          onChange: async () => {
            await readModel?.changed();
            if (!store) return;
            await store.purge();
            metrics.cacheInvalidations.inc();
            logger.debug('The data changed: reloaded the public data and emptied the response cache');
          },
          onError: (error) => logger.warn({ err: error }, 'Could not check the data for changes'),
        })
      : undefined;

  const hints = collectCacheHints(options.schema);
  const maxAgeOf = documentMaxAge(options.schema, hints, config.cache.ttlSeconds);
  const manifest = loadPersistedManifests(config.persisted.manifests);

  const fastPath = store ? createFastPath({ store, manifest, persistedOnly: config.persisted.only }) : undefined;

  const stateOf = (serverContext: unknown) => states.get((serverContext as Partial<ServerContext> | undefined)?.req as IncomingMessage);

  const observe: Plugin = {
    onParams({ params, context }) {
      const state = stateOf(context);
      if (state) state.operation = params.operationName ?? undefined;
    },
    onExecute({ args }) {
      const state = stateOf(args.contextValue);
      const operation = getOperationAST(args.document, args.operationName);
      // A query that reaches execution was not in the cache (keyed callers never use it).
      const cacheable = Boolean(store) && operation?.operation === 'query' && !isKeyed((args.contextValue as { request: Request }).request);
      if (cacheable) metrics.cacheRequests.inc({ result: 'miss' });
      if (state) {
        state.operation = operation?.name?.value ?? state.operation;
        state.operationType = operation?.operation;
        state.cache = cacheable ? 'miss' : undefined;
      }
      return {
        onExecuteDone({ result }) {
          if (isAsyncIterable(result)) return;
          for (const error of result.errors ?? []) {
            // Errors that are not GraphQL's own are bugs or outages: log them whole (the
            // client gets "Unexpected error." with the request id to quote).
            const original = error.originalError;
            if (original && !(original instanceof GraphQLError)) {
              logger.error({ reqId: state?.id, err: original, path: error.path?.join('.') }, 'Unexpected error while resolving');
            }
          }
        },
      };
    },
    onResultProcess({ result, serverContext }) {
      const state = stateOf(serverContext);
      for (const one of Array.isArray(result) ? result : [result]) {
        if (isAsyncIterable(one)) continue;
        const extensions = one.extensions as { cost?: { requestedQueryCost?: number } } | undefined;
        if (state) {
          state.cost = extensions?.cost?.requestedQueryCost ?? state.cost;
          state.errors = (state.errors ?? 0) + (one.errors?.length ?? 0);
          if ((one as Record<symbol, unknown>)[Symbol.for('servedFromResponseCache')]) {
            state.cache = 'hit';
            state.operationType ??= 'query';
          }
        }
        if ((one as Record<symbol, unknown>)[Symbol.for('servedFromResponseCache')]) metrics.cacheRequests.inc({ result: 'hit' });
        for (const error of one.errors ?? []) {
          const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
          metrics.graphqlErrors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
        }
      }
    },
  };

  // Cookie-less browsers: a cross-site form or text/plain POST (no preflight) is refused unless
  // it carries a header a form cannot set. GET stays open: it runs queries only (yoga refuses
  // mutations over GET), and CDNs and <script>-less partners rely on plain GET URLs.
  const csrf = useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'graphql-client-name', 'apollo-require-preflight'] });
  const csrfForPost: Plugin = {
    onRequestParse(payload) {
      if (payload.request.method === 'GET') return;
      return csrf.onRequestParse?.(payload as never);
    },
  };

  const plugins: Plugin[] = [
    // First: codes are named before anything (metrics, logs) reads them.
    useErrorCodes(),
    observe,
    useParamsCheck(),
    csrfForPost,
    // Also with no manifest: a client sending a hash then hears PERSISTED_QUERY_NOT_FOUND and
    // falls back to the document's text (the widgets' client does).
    usePersisted({ manifest, only: config.persisted.only }),
    // Each distinct document is compiled once into plain JavaScript (graphql-jit) instead of being
    // interpreted on every request: over the in-memory data, execution was most of a read's cost.
    // Before the limits, whose timeout then wraps the compiled execution.
    ...(config.jit
      ? [
          useCompiledExecution({
            onCompiled: () => metrics.compiledDocuments.inc(),
            onCompileError: (errors) => logger.warn({ errors: errors.map((e) => e.message) }, 'graphql-jit could not compile an operation; it runs interpreted'),
          }),
          locatedCompiledErrors,
        ]
      : []),
    useGraphQLLimits({
      maxDepth: config.limits.maxDepth,
      maxAliases: config.limits.maxAliases,
      maxDirectives: config.limits.maxDirectives,
      maxTokens: config.limits.maxTokens,
      maxCost: config.limits.maxCost,
      maxPageSize: config.limits.maxPageSize,
      assumedListSize: config.limits.assumedListSize,
      defaultPageSize: 20,
      executionTimeoutMs: config.limits.executionTimeoutMs,
    }),
    useHttpCaching({ maxAgeOf, httpMaxAgeSeconds: config.cache.httpMaxAgeSeconds }),
    ...(store
      ? responseCachePlugins({
          store,
          ttlSeconds: config.cache.ttlSeconds,
          hints,
          secondPurgeMs: config.databaseReplicaUrls.length ? config.replicaMaxLagMs : 1000,
          onInvalidate: () => metrics.cacheInvalidations.inc(),
          onError: (error) => logger.error({ err: error }, 'Could not empty the response cache after a write'),
        })
      : []),
    ...(config.production ? [useNoSuggestions()] : []),
  ];

  const rateLimited = (res: ServerResponse, verdict: Verdict, kind: string) => {
    const retryAfter = Math.max(1, Math.ceil(verdict.resetMs / 1000));
    metrics.rateLimited.inc({ bucket: kind });
    sendJson(res, 429, { 'Retry-After': String(retryAfter) }, {
      errors: [
        {
          message:
            kind === 'unverified-key'
              ? `Too many requests with API keys that could not be verified from this address: the limit is ${verdict.limit} per ${config.rateLimit.windowSeconds} s. Check the key; retry after ${retryAfter} s.`
              : `Too many requests from this ${kind === 'key' ? 'API key' : 'address'}: the limit is ${verdict.limit} per ${config.rateLimit.windowSeconds} s. Retry after ${retryAfter} s.`,
          extensions: { code: 'RATE_LIMITED', retryAfter },
        },
      ],
    });
  };

  /**
   * Runs a request to its end without letting anything it throws escape: a malformed request
   * is a 400 saying what is wrong, a bug a 500 with the request id, and the process keeps serving.
   */
  const wrap =
    (handler: Handler): Handler =>
    (req, res) => {
      const id = requestIdOf(req);
      try {
        const pending = serve(handler, req, res, id) as unknown;
        if (pending instanceof Promise) pending.catch((error: unknown) => failed(req, res, id, error));
      } catch (error) {
        failed(req, res, id, error);
      }
    };

  const failed = (req: IncomingMessage, res: ServerResponse, id: string, error: unknown) => {
    logger.error({ reqId: id, err: error, method: req.method, url: String(req.url).slice(0, 200) }, 'Request failed outside its handler');
    if (res.headersSent) return void res.destroy();
    sendJson(res, 500, { 'Cache-Control': 'no-store' }, {
      errors: [{ message: `Unexpected error. Quote request id ${id} when you report it.`, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: id } }],
    });
  };

  const serve = (handler: Handler, req: IncomingMessage, res: ServerResponse, id: string): void | Promise<unknown> => {
      const started = performance.now();
      const state: RequestState = { id };
      states.set(req, state);
      res.setHeader('X-Request-Id', state.id);
      if (draining) res.setHeader('Connection', 'close');
      const target = validHost(req.headers.host) ? parseTarget(req.url) : null;
      const path = target?.path ?? pathOf(req.url);
      const route = target ? routeOf(path) : 'other';

      // 'close' comes for every request, also when the client went away before the answer.
      res.once('close', () => {
        const seconds = (performance.now() - started) / 1000;
        metrics.httpRequests.inc({ route, method: req.method ?? 'GET', status: String(res.statusCode) });
        metrics.httpDuration.observe({ route }, seconds);
        if (route === 'graphql' && state.operationType) {
          metrics.operationDuration.observe({ operation: metrics.operationLabel(state.operation), type: state.operationType }, seconds);
        }
        const line = {
          reqId: state.id,
          method: req.method,
          path,
          status: res.statusCode,
          ms: Math.round(seconds * 100_000) / 100,
          operation: state.operation,
          cost: state.cost,
          cache: state.cache,
          errors: state.errors || undefined,
          aborted: res.writableFinished ? undefined : true,
          client: clientAddress(req, config.trustProxy),
        };
        // Probes and scrapes come every few seconds: keep them out of the info log.
        if (route === 'probe') logger.debug(line, 'request');
        else logger.info(line, 'request');
      });

      if (!target) {
        logger.warn({ reqId: state.id, url: String(req.url).slice(0, 200) }, 'Malformed request target');
        return sendJson(res, 400, { Connection: 'close' }, {
          errors: [{ message: 'The request target or Host header is not valid. Percent-encode special characters in the path (RFC 3986).', extensions: { code: 'BAD_REQUEST' } }],
        });
      }
      if (path === '/ready') return ready(res);
      if (path === '/metrics') {
        if (!config.metrics) return sendJson(res, 404, {}, { error: 'Not found', code: 'NOT_FOUND' });
        return metrics.registry.metrics().then((text) => {
          res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
          res.end(text);
        });
      }

      if (route === 'graphql') {
        // Any origin may read; credentials are never allowed cross-origin: a literal "*" (not
        // the echoed origin) keeps browsers from sending cookies and keeps CDN caches unsplit.
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
        if (req.method === 'OPTIONS') {
          const asked = req.headers['access-control-request-headers'];
          res.writeHead(204, {
            'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
            'Access-Control-Allow-Headers':
              typeof asked === 'string' && /^[\w\s,-]{1,1000}$/.test(asked) ? asked : 'content-type, accept, authorization, x-request-id, x-graphql-yoga-csrf',
            'Access-Control-Max-Age': '86400',
          });
          res.end();
          return;
        }
        const length = Number(req.headers['content-length'] ?? 0);
        if (length > config.limits.maxBodyBytes) return tooLarge(res, `is ${length} bytes`);
      }

      if (limiter && (route === 'graphql' || route === 'data')) {
        const { bucket, kind, unverified } = bucketOf(req, config.trustProxy, isVerifiedToken);
        const limit = kind === 'key' ? config.rateLimit.perKey : config.rateLimit.perAddress;
        const verdicts = [limiter.hit(bucket, limit), ...(unverified ? [limiter.hit(unverified, config.rateLimit.unverifiedKeys)] : [])];
        const proceed = ([v, guesses]: Verdict[]) => {
          res.setHeader('RateLimit-Limit', String(v!.limit));
          res.setHeader('RateLimit-Remaining', String(v!.remaining));
          res.setHeader('RateLimit-Reset', String(Math.ceil(v!.resetMs / 1000)));
          if (!v!.allowed) return rateLimited(res, v!, kind);
          if (guesses && !guesses.allowed) return rateLimited(res, guesses, 'unverified-key');
          if (route === 'graphql') graphql(req, res, state, handler);
          else handler(req, res);
        };
        if (verdicts.some((v) => v instanceof Promise)) return Promise.all(verdicts).then(proceed);
        return proceed(verdicts as Verdict[]);
      }
      if (route === 'graphql') return graphql(req, res, state, handler);
      handler(req, res);
    };

  /** A POST body is read here (bounded), so that a cache hit can be answered without yoga. */
  const graphql = (req: IncomingMessage, res: ServerResponse, state: RequestState, handler: Handler) => {
    const run = async () => {
      let body: Buffer | undefined;
      if (req.method === 'POST') {
        body = await readBody(req, config.limits.maxBodyBytes);
        if (!body) return tooLarge(res, 'is longer than that');
        // whatwg-node (under yoga) takes an already-read body from here instead of the stream.
        (req as IncomingMessage & { body?: Buffer }).body = body;
      }
      let hit;
      try {
        hit = fastPath ? await fastPath(req, res, body) : undefined;
      } catch (error) {
        // A request the fast path cannot make sense of (an odd Host header…) is yoga's to answer.
        logger.debug({ reqId: state.id, err: error }, 'cache fast path skipped');
      }
      if (!hit) return handler(req, res);
      metrics.cacheRequests.inc({ result: 'hit' });
      Object.assign(state, { operation: hit.operation, operationType: 'query', cache: 'hit', cost: hit.cost });
    };
    // The client went away while sending its body: nothing to answer.
    run().catch(() => req.destroy());
  };

  const tooLarge = (res: ServerResponse, what: string) => {
    res.setHeader('Connection', 'close');
    sendJson(res, 413, {}, {
      errors: [
        {
          message: `The request body ${what}; the limit is ${config.limits.maxBodyBytes} bytes. Send a shorter query, or use persisted operations.`,
          extensions: { code: 'BODY_TOO_LARGE' },
        },
      ],
    });
  };

  /** Ready when not draining and the database, its read replicas and (if configured) Redis answer. */
  const ready = async (res: ServerResponse) => {
    if (draining) return sendJson(res, 503, {}, { status: 'shutting-down' });
    const up = (check: Promise<unknown>) =>
      check.then(
        () => 'up' as const,
        () => 'down' as const,
      );
    const replicaClients = replicaClientsOf(options.prisma);
    const [database, cache, ...replicas] = await Promise.all([
      // $primary: with replicas, a raw query on the routed client could land on either.
      up(primaryOf(options.prisma).$queryRawUnsafe('SELECT 1')),
      redis ? up(redis.ping()) : Promise.resolve('not configured' as const),
      ...replicaClients.map((replica) => up(replica.$queryRawUnsafe('SELECT 1'))),
    ]);
    const ok = database === 'up' && cache !== 'down' && replicas.every((r) => r === 'up');
    sendJson(res, ok ? 200 : 503, { 'Cache-Control': 'no-store' }, {
      status: ok ? 'ready' : 'unavailable',
      database,
      ...(replicaClients.length ? { replicas } : {}),
      redis: cache,
    });
  };

  return {
    config,
    logger,
    metrics,
    redis,
    store,
    yogaOptions: {
      plugins,
      cors: false,
      logging: yogaLogger(logger),
      // Unexpected errors reach clients as "Unexpected error."; stack traces only in development.
      // An outage of the database is no bug: 503 with Retry-After and SERVICE_UNAVAILABLE.
      maskedErrors: { isDev: config.development, maskError: maskOutages },
      batching: { limit: config.limits.maxBatch },
      // The body was read here already, bounded (graphql() below): yoga's own limit would pipe it
      // through a second stream for nothing.
      maxRequestBodySize: false,
      extraParamNames: ['documentId'],
    },
    wrap,
    async connected() {
      if (!redis || redis.status === 'ready') return;
      const ok = await new Promise<boolean>((done) => {
        const finish = (ready: boolean) => {
          clearTimeout(timer);
          redis.off('ready', onReady).off('error', onError);
          done(ready);
        };
        const onReady = () => finish(true);
        const onError = () => finish(false);
        const timer = setTimeout(() => finish(false), 5000);
        redis.once('ready', onReady).once('error', onError);
      });
      // ioredis keeps reconnecting in the background; until then the cache misses and limits let requests through.
      if (!ok) logger.error('Redis is not reachable; serving with the cache and rate limits failing open until it is');
    },
    startDraining() {
      draining = true;
    },
    async close() {
      await watch?.stop();
      limiter?.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
      logger.flush();
    },
  };
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  return query === -1 ? raw : raw.slice(0, query);
}

function routeOf(path: string): 'graphql' | 'data' | 'probe' | 'widgets' | 'other' {
  if (path === '/graphql' || path.startsWith('/graphql/')) return 'graphql';
  if (path.startsWith('/data/')) return 'data';
  if (path === '/health' || path === '/ready' || path === '/metrics') return 'probe';
  if (path.startsWith('/widgets')) return 'widgets';
  return 'other';
}

function sendJson(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*', ...headers });
  res.end(JSON.stringify(body));
}

/** yoga's masking, except that a database outage answers as one (data/unavailable.ts). */
const maskOutages: MaskError = (error, message, isDev) => {
  // GraphQL errors of our own (UnavailableError included) pass as they are; others are masked.
  const original = error instanceof GraphQLError ? error.originalError : error;
  const unavailable = original && !(original instanceof GraphQLError) ? asUnavailable(original) : undefined;
  if (!unavailable) return maskError(error, message, isDev);
  if (!(error instanceof GraphQLError)) return unavailable;
  // Keep where in the operation it happened.
  return new GraphQLError(unavailable.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: unavailable.extensions,
  });
};
