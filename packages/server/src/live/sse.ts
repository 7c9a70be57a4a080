/**
 * GraphQL over Server-Sent Events ("distinct connections" mode, as graphql-yoga serves it:
 * GET or POST /graphql with `Accept: text/event-stream`), with our own heartbeat. Yoga's
 * processor pings every 12 s (every 0.3 s under NODE_ENV=test) and cannot be configured; this
 * one writes the same stream — a first comment so proxies and browsers start the stream at
 * once, `event: next` with each result, `event: complete` at the end — and an SSE comment
 * (`:` line) every SUBSCRIPTION_HEARTBEAT_MS, so idle connections are not closed by proxies
 * and dead ones are noticed. Each event is written in one piece, so a heartbeat can never
 * fall inside one.
 */
import type { ExecutionResult } from 'graphql';
import { GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

type Result = ExecutionResult & { stringify?: (result: ExecutionResult) => string };

/** Yoga's internal extensions (`http`, `unexpected`) stay on the server. */
function publicJson(result: Result): string {
  const { extensions, ...rest } = result;
  const { http: _http, ...ext } = (extensions ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  if (result.errors?.length) {
    out.errors = result.errors.map((error) => {
      const json = error instanceof GraphQLError ? error.toJSON() : { message: String((error as Error).message) };
      const { http: _h, unexpected: _u, ...errorExt } = (json.extensions ?? {}) as Record<string, unknown>;
      return { ...json, extensions: Object.keys(errorExt).length ? errorExt : undefined };
    });
  }
  if (Object.keys(ext).length) out.extensions = ext;
  return JSON.stringify(out);
}

const statusOf = (result: Result): number => {
  let status = 200;
  for (const error of result.errors ?? []) {
    const http = (error.extensions as { http?: { status?: number } } | undefined)?.http;
    if (http?.status && http.status > status) status = http.status;
  }
  return status;
};

const headersOf = (result: Result): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const error of result.errors ?? []) {
    Object.assign(headers, (error.extensions as { http?: { headers?: Record<string, string> } } | undefined)?.http?.headers ?? {});
  }
  return headers;
};

export function useServerSentEvents({ heartbeatMs }: { heartbeatMs: number }): Plugin {
  return {
    // After yoga's own result processors (they run first): ours replaces its SSE writer.
    onResultProcess({ request, result, setResultProcessor }) {
      if (Array.isArray(result)) return;
      const accepts = (request.headers.get('accept') ?? '').toLowerCase();
      const wantsStream = accepts.split(',').some((type) => type.split(';')[0]!.trim() === 'text/event-stream');
      // A stream (a subscription) can only go out as events; a single result only when asked for.
      if (!wantsStream) return;
      const single = !isAsyncIterable(result);
      // A single answer for a client that also takes JSON: yoga's choice stands.
      if (single && /json|\*\/\*/.test(accepts)) return;
      setResultProcessor(
        (value, fetchAPI) => {
          const encoder = new fetchAPI.TextEncoder();
          let iterator: AsyncIterator<Result> | undefined;
          let timer: NodeJS.Timeout | undefined;
          const first = single ? (value as Result) : undefined;
          const stream = new fetchAPI.ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(encoder.encode(':\n\n'));
              timer = setInterval(() => {
                if (controller.desiredSize === null) return clearInterval(timer);
                controller.enqueue(encoder.encode(':\n\n'));
              }, heartbeatMs);
              timer.unref();
              if (!single) iterator = (value as AsyncIterable<Result>)[Symbol.asyncIterator]();
            },
            async pull(controller) {
              if (single) {
                controller.enqueue(encoder.encode(`event: next\ndata: ${publicJson(first!)}\n\nevent: complete\ndata:\n\n`));
                clearInterval(timer);
                controller.close();
                return;
              }
              try {
                const next = await iterator!.next();
                if (next.value != null) controller.enqueue(encoder.encode(`event: next\ndata: ${publicJson(next.value)}\n\n`));
                if (next.done) {
                  controller.enqueue(encoder.encode('event: complete\ndata:\n\n'));
                  clearInterval(timer);
                  controller.close();
                }
              } catch (error) {
                clearInterval(timer);
                controller.error(error);
              }
            },
            async cancel() {
              clearInterval(timer);
              await iterator?.return?.();
            },
          });
          return new fetchAPI.Response(stream, {
            status: single ? statusOf(first!) : 200,
            headers: {
              ...(single ? headersOf(first!) : {}),
              'Content-Type': 'text/event-stream; charset=utf-8',
              'Cache-Control': 'no-store',
              // Proxies such as nginx would otherwise hold events back in their buffers.
              'X-Accel-Buffering': 'no',
            },
          });
        },
        'text/event-stream',
      );
    },
  };
}
