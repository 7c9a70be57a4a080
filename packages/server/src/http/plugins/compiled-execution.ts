/**
 * graphql-jit for documents seen before, answering exactly as graphql-js would.
 *
 * Compiling costs several times one interpreted run (a region card: ~5 ms against ~1 ms), so a
 * document sent once (an ad-hoc query, or an attacker's stream of unique ones) is interpreted,
 * and compiled from its second request on. Yoga's parser cache hands back the same document
 * object for the same text, and persisted operations are texts too, so widgets' requests are
 * compiled from their second request.
 *
 * graphql-jit answers some requests differently from graphql-js (variables that do not coerce,
 * operations it cannot compile, subscriptions), so those always run interpreted: one request
 * gets one answer, whatever the executor. Only queries and mutations of single-operation
 * documents whose variables coerce are compiled.
 */
import {
  getOperationAST,
  GraphQLError,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
  getVariableValues,
  type SourceLocation,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

export interface CompiledExecutionOptions {
  /** Compiled documents kept (by text); the oldest go first. */
  maxDocuments?: number;
  /** A document was compiled (for metrics). */
  onCompiled?: () => void;
  /** graphql-jit refused a document: it runs interpreted from then on. */
  onCompileError?: (errors: readonly GraphQLError[]) => void;
}

type Compiled = CompiledQuery | 'interpret';

export function useCompiledExecution({ maxDocuments = 1000, onCompiled, onCompileError }: CompiledExecutionOptions = {}): Plugin {
  const seen = new WeakSet<DocumentNode>();
  // By text too, so a document yoga parses again (after its parser cache let it go) is not compiled again.
  const byText = new Map<string, Compiled>();
  const byDocument = new WeakMap<DocumentNode, Compiled>();

  const compiledFor = (schema: GraphQLSchema, document: DocumentNode): Compiled => {
    const known = byDocument.get(document);
    if (known) return known;
    const text = document.loc?.source.body;
    let entry = text === undefined ? undefined : byText.get(text);
    if (!entry) {
      const result = compileQuery(schema, document, undefined);
      if (isCompiledQuery(result)) {
        entry = result;
        onCompiled?.();
      } else {
        entry = 'interpret';
        onCompileError?.((result as ExecutionResult).errors ?? []);
      }
      if (text !== undefined) {
        byText.set(text, entry);
        if (byText.size > maxDocuments) byText.delete(byText.keys().next().value!);
      }
    }
    byDocument.set(document, entry);
    return entry;
  };

  return {
    onExecute({ args, setExecuteFn }) {
      const operation = compilable(args);
      if (!operation) return;
      // First sighting: interpreted.
      if (!seen.has(args.document)) {
        seen.add(args.document);
        return;
      }
      const compiled = compiledFor(args.schema, args.document);
      if (compiled === 'interpret') return;
      setExecuteFn((execution) => {
        const result = compiled.query(execution.rootValue, execution.contextValue, execution.variableValues ?? {});
        const withStringify = (r: ExecutionResult) => Object.assign(r, { stringify: compiled.stringify });
        return result instanceof Promise ? result.then(withStringify) : withStringify(result as ExecutionResult);
      });
    },
  };
}

/** The operation, when graphql-jit would answer it as graphql-js does; otherwise undefined. */
function compilable(args: ExecutionArgs): OperationDefinitionNode | undefined {
  const operations = args.document.definitions.filter((d) => d.kind === 'OperationDefinition');
  if (operations.length !== 1) return undefined;
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return undefined;
  if (operation.operation === 'subscription') return undefined;
  if (operation.operation === 'mutation' && !args.schema.getMutationType()) return undefined;
  // Variables that do not coerce get graphql-js's errors (messages, locations, 400).
  const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], (args.variableValues ?? {}) as Record<string, unknown>);
  if (coerced.errors) return undefined;
  return operation;
}

/**
 * graphql-jit's errors carry `locations` but not the nodes graphql-js errors carry, and yoga
 * rebuilds every error from its nodes before answering: the locations would be lost. This gives
 * them back as graphql-js errors located in the document, as an interpreted run answers.
 */
export const locatedCompiledErrors: Plugin = {
  onExecute({ args }) {
    const source = args.document.loc?.source;
    if (!source) return;
    return {
      onExecuteDone({ result, setResult }) {
        if (isAsyncIterable(result) || !result.errors?.some((e) => !e.nodes && e.locations?.length)) return;
        const lineStarts = [0, ...[...source.body.matchAll(/\r\n|\n|\r/g)].map((m) => m.index + m[0].length)];
        setResult({
          ...result,
          errors: result.errors.map((error) =>
            error.nodes || !error.locations?.length
              ? error
              : new GraphQLError(error.message, {
                  source,
                  positions: error.locations.map(({ line, column }: SourceLocation) => lineStarts[line - 1]! + column - 1),
                  path: error.path,
                  originalError: error.originalError,
                  extensions: error.extensions,
                }),
          ),
        });
      },
    };
  },
};
