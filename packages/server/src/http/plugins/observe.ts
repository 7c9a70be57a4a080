/**
 * What each GraphQL request did — its operation, type, cost, cache hit or miss, errors — into its
 * request state (for the log line) and the metrics; unexpected errors logged whole (the client
 * gets "Unexpected error." and the request id to quote).
 */
import { getOperationAST, GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { isKeyed } from '../../cache/plugin.js';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';
import { requestStateOf } from '../request-state.js';

export interface ObserveOptions {
  logger: Logger;
  metrics: Metrics;
  /** Whether anonymous queries are answered from a response cache (a miss is counted). */
  caching: boolean;
}

const servedFromCache = (result: object) => Boolean((result as Record<symbol, unknown>)[Symbol.for('servedFromResponseCache')]);

export function useObserveOperations({ logger, metrics, caching }: ObserveOptions): Plugin {
  return {
    onParams({ params, context }) {
      const state = requestStateOf(context);
      if (state) state.operation = params.operationName ?? undefined;
    },
    onSubscribe({ args }) {
      const state = requestStateOf(args.contextValue);
      if (state) {
        state.operation = getOperationAST(args.document, args.operationName)?.name?.value ?? state.operation;
        state.operationType = 'subscription';
      }
    },
    onExecute({ args }) {
      const state = requestStateOf(args.contextValue);
      const operation = getOperationAST(args.document, args.operationName);
      // A query that reaches execution was not in the cache (keyed callers never use it).
      const cacheable = caching && operation?.operation === 'query' && !isKeyed((args.contextValue as { request: Request }).request);
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
            // Errors that are not GraphQL's own are bugs or outages: log them whole.
            const original = error.originalError;
            if (original && !(original instanceof GraphQLError)) {
              logger.error({ reqId: state?.id, err: original, path: error.path?.join('.') }, 'Unexpected error while resolving');
            }
          }
        },
      };
    },
    onResultProcess({ result, serverContext }) {
      const state = requestStateOf(serverContext);
      for (const one of Array.isArray(result) ? result : [result]) {
        if (isAsyncIterable(one)) continue;
        const extensions = one.extensions as { cost?: { requestedQueryCost?: number } } | undefined;
        if (state) {
          state.cost = extensions?.cost?.requestedQueryCost ?? state.cost;
          state.errors = (state.errors ?? 0) + (one.errors?.length ?? 0);
          if (servedFromCache(one)) {
            state.cache = 'hit';
            state.operationType ??= 'query';
          }
        }
        if (servedFromCache(one)) metrics.cacheRequests.inc({ result: 'hit' });
        for (const error of one.errors ?? []) {
          const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
          metrics.graphqlErrors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
        }
      }
    },
  };
}
