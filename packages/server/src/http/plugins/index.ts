/**
 * The yoga/envelop plugins of the GraphQL endpoint, in the order they run. Each is configured
 * here from config.ts and the shared runtime; add a new one to this list.
 */
import type { GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { collectCacheHints, documentMaxAge } from '../../cache/hints.js';
import { responseCachePlugins, useHttpCaching } from '../../cache/plugin.js';
import { PAGE_SIZE } from '../../config.js';
import { useGraphQLLimits, useNoSuggestions } from '../../limits/plugin.js';
import type { Runtime } from '../runtime.js';
import { locatedCompiledErrors, useCompiledExecution } from './compiled-execution.js';
import { useCsrfForPost } from './csrf.js';
import { useErrorCodes } from './error-codes.js';
import { useObserveOperations } from './observe.js';
import { useParamsCheck } from './params-check.js';
import { usePersisted, type PersistedManifest } from './persisted.js';
import { useServerSentEvents } from '../../live/sse.js';

export { maskErrorsButOutages } from './mask-errors.js';

export function graphqlPlugins(runtime: Runtime, { schema, manifest }: { schema: GraphQLSchema; manifest: PersistedManifest }): Plugin[] {
  const { config, logger, metrics, store } = runtime;
  const hints = collectCacheHints(schema);
  return [
    // First: codes are named before anything (metrics, logs) reads them.
    useErrorCodes(),
    useObserveOperations({ logger, metrics, caching: Boolean(store) }),
    // Wrong JSON types of query/operationName/variables/extensions: 400 before anything reads them.
    useParamsCheck(),
    useCsrfForPost(),
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
      defaultPageSize: PAGE_SIZE.default,
      executionTimeoutMs: config.limits.executionTimeoutMs,
    }),
    useHttpCaching({ maxAgeOf: documentMaxAge(schema, hints, config.cache.ttlSeconds), httpMaxAgeSeconds: config.cache.httpMaxAgeSeconds }),
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
    // Subscriptions (and anything asked for as text/event-stream) as GraphQL over SSE, with our heartbeat.
    useServerSentEvents({ heartbeatMs: config.live.heartbeatMs }),
  ];
}
