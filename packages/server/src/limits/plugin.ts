/**
 * The GraphQL side of hostile-input protection, as yoga plugins: a token cap while parsing, the
 * shape rule (depth, aliases, directives) while validating, and before executing the cost
 * check (with the page-size cap) and a time limit. Every answer carries `extensions.cost`.
 */
import { getOperationAST, GraphQLError, parse, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { createGraphQLError, isAsyncIterable, type Plugin } from 'graphql-yoga';
import { operationCost, type CostLimits } from './cost.js';
import { shapeLimitsRule, type ShapeLimits } from './shape.js';

export interface GraphQLLimits extends ShapeLimits, CostLimits {
  maxTokens: number;
  executionTimeoutMs: number;
}

/** What `extensions.cost` holds. */
export interface CostExtension {
  requestedQueryCost: number;
  maximumQueryCost: number;
}

export function useGraphQLLimits(limits: GraphQLLimits): Plugin {
  const rule = shapeLimitsRule(limits);
  // The same document with the same variables always costs the same, and widgets send the same
  // few over and over: remember costs per parsed document (yoga reuses the parsed document for
  // the same text), keyed by operation and variables. A document's entries are few and bounded.
  const costs = new WeakMap<DocumentNode, Map<string, ReturnType<typeof operationCost>>>();
  const costOf = (args: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variableValues?: Record<string, unknown> | null }) => {
    let perDocument = costs.get(args.document);
    if (!perDocument) costs.set(args.document, (perDocument = new Map()));
    const key = `${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
    let result = perDocument.get(key);
    if (!result) {
      result = operationCost(args.schema, args.document, args.operationName, args.variableValues, limits);
      if (perDocument.size >= 256) perDocument.clear();
      // Refusals carry error objects of their own request: computed afresh each time.
      if (!result.errors.length) perDocument.set(key, result);
    }
    return result;
  };
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          if (error instanceof GraphQLError && /tokens\. Parsing aborted/.test(error.message)) {
            throw createGraphQLError(
              `Syntax Error: the document has more than ${limits.maxTokens} tokens, the limit. Send a shorter query, or split it into several requests.`,
              { extensions: { code: 'TOKEN_LIMIT_EXCEEDED', http: { status: 400 } } },
            );
          }
          throw error;
        }
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
    // Subscriptions are subscribed to, not executed: the same cost check before the stream opens.
    // (No execution timeout: a stream is meant to stay open; each event's answer is small.)
    onSubscribe({ args, setResultAndStopExecution }) {
      const { errors } = costOf(args);
      if (errors.length) setResultAndStopExecution({ errors });
    },
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const { cost, errors } = costOf(args);
      const extension: CostExtension = { requestedQueryCost: cost, maximumQueryCost: limits.maxCost };
      if (errors.length) {
        setResultAndStopExecution({ errors, extensions: { cost: extension } });
        return;
      }
      // A write answers with what happened to it, however long its transaction takes.
      if (getOperationAST(args.document, args.operationName)?.operation === 'mutation') return { onExecuteDone: addCost };
      // Resolvers stop at the next field once the signal aborts; the race answers on time even
      // if a database call in flight does not.
      setExecuteFn((executionArgs) => {
        const controller = new AbortController();
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<ExecutionResult>((resolve) => {
          timer = setTimeout(() => {
            controller.abort();
            resolve({
              errors: [
                createGraphQLError(`The operation took longer than ${limits.executionTimeoutMs} ms and was stopped. Ask for less data.`, {
                  extensions: { code: 'TIMEOUT', http: { status: 503 } },
                }),
              ],
            });
          }, limits.executionTimeoutMs);
        });
        const signal = (executionArgs as { signal?: AbortSignal }).signal;
        const run = Promise.resolve(
          executeFn({ ...executionArgs, signal: signal ? AbortSignal.any([signal, controller.signal]) : controller.signal } as typeof executionArgs),
        );
        return Promise.race([run, timeout]).finally(() => clearTimeout(timer));
      });
      return { onExecuteDone: addCost };

      function addCost({ result, setResult }: { result: ExecutionResult | AsyncIterable<ExecutionResult>; setResult(r: ExecutionResult): void }) {
        if (isAsyncIterable(result)) return;
        setResult({ ...result, extensions: { ...result.extensions, cost: extension } });
      }
    },
  };
}

const SUGGESTION = /\s*Did you mean .*\?$/;

/** Production: "Did you mean …?" hints would let anyone map a schema with introspection off. */
export function useNoSuggestions(): Plugin {
  const strip = <E extends Error>(error: E): E | GraphQLError =>
    error instanceof GraphQLError && SUGGESTION.test(error.message)
      ? new GraphQLError(error.message.replace(SUGGESTION, ''), {
          nodes: error.nodes ?? null,
          source: error.source ?? null,
          positions: error.positions ?? null,
          path: error.path ?? null,
          originalError: error.originalError ?? null,
          extensions: error.extensions,
        })
      : error;
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (result.some((e) => SUGGESTION.test(e.message))) setResult(result.map(strip));
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || !result.errors?.some((e) => SUGGESTION.test(e.message))) return;
          setResult({ ...result, errors: result.errors.map(strip) });
        },
      };
    },
  };
}
