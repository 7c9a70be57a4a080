import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getOperationAST } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { primaryOf, type PrismaClient } from '@vigia/schema';
import type { Context } from '../context.js';
import { authenticate } from '../auth/keys.js';
import { observationsCsv } from '../exchange/csv.js';
import { UnauthenticatedError } from '../core/errors.js';
import { asUnavailable } from '../core/unavailable.js';
import { suppressionThreshold } from '../core/suppression.js';
import type { ReadModel } from '../read-model/read-model.js';
import { schema } from '../graphql/index.js';
import { createEmbedRoutes } from '../embed/routes.js';
import { createPublishRoutes } from '../publish/routes.js';
import { createConsoleRoute } from './console.js';
import { createProductionLayer, type ProductionLayer } from './production.js';
import { sendJson } from './json.js';
import { decodeSegment, parseTarget } from '../core/request-target.js';
import { routeOf, type RouteName } from './routes.js';
import { createWidgetFiles } from './widget-files.js';

export interface AppOptions {
  prisma: PrismaClient;
  /** The public data every read is answered from (read-model/). */
  readModel: ReadModel;
  /** The built widgets (packages/widgets/dist), served at /widgets/. */
  widgetsDir?: string;
  /** The built stewards' console (packages/console/dist), served at /console/ (http/console.ts). */
  consoleDir?: string;
  /** Limits, caching, logs, metrics (see production.ts); built from the environment if absent. */
  production?: ProductionLayer;
}

/**
 * With read replicas, a mutation reads its own answer (the record it just wrote, its audit
 * entry) from the primary: a replica may not have the write yet.
 */
function readYourWrites(prisma: PrismaClient): Plugin<Context> {
  const primary = primaryOf(prisma);
  return {
    onExecute({ args, extendContext }) {
      if (primary !== prisma && getOperationAST(args.document, args.operationName)?.operation === 'mutation') {
        extendContext({ prisma: primary });
      }
    },
  };
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The HTTP surface: /graphql (GraphQL over HTTP + GraphiQL), /health, /data/<dataset>.csv,
 * /widgets/ and /console/. Each route is a few lines; GraphQL itself is graphql-yoga's.
 */
export function createApp({ prisma, readModel, widgetsDir, consoleDir, production = createProductionLayer({ schema, prisma, readModel }) }: AppOptions): RequestHandler {
  // A bad VIGIA_SUPPRESSION_THRESHOLD stops the start instead of failing every request.
  suppressionThreshold();
  const yoga = createYoga<{ req: IncomingMessage; res: ServerResponse }, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    // The caller comes from "Authorization: Bearer <key>"; a bad key is refused (401), not read as anonymous.
    context: async ({ request }) => ({
      request,
      prisma,
      caller: await authenticate(prisma, request.headers.get('authorization')),
      snapshot: await readModel.current(),
      readModel,
      live: production.live,
      publicUrl: production.config.publicUrl,
    }),
    graphiql: { title: 'Vigía GraphQL API' },
    landingPage: false,
    // CORS (any origin, never credentials), logging, limits, caching: production.ts.
    ...production.yogaOptions,
    plugins: [...production.yogaOptions.plugins!, readYourWrites(prisma)],
  });

  // Releases under /widgets/v/<hash>/ cached for good, stable names for 5 minutes (widget-files.ts).
  const widgets = widgetsDir ? createWidgetFiles(widgetsDir) : null;

  // /embed/<element>[.png|.svg] and /oembed (embed/routes.ts).
  const embeds = createEmbedRoutes({
    prisma,
    readModel,
    httpMaxAgeSeconds: production.config.cache.httpMaxAgeSeconds,
    trustProxy: production.config.trustProxy,
    publicUrl: production.config.publicUrl,
    widgetScript: () => widgets?.script() ?? 'vigia-widgets.js',
  });

  // /feeds/changes.atom, /catalog.jsonld and /data/<dataset>.{apa.txt,bib,csl.json} (publish/routes.ts).
  const publish = createPublishRoutes({
    readModel,
    httpMaxAgeSeconds: production.config.cache.httpMaxAgeSeconds,
    publicUrl: production.config.publicUrl,
    trustProxy: production.config.trustProxy,
    dataLicenseUrl: production.config.dataLicenseUrl,
  });

  // /console/: the stewards' console, under its own Content-Security-Policy.
  const consoleFiles = createConsoleRoute(consoleDir);

  const notFound = (res: ServerResponse) => sendJson(res, 404, { error: 'Not found', code: 'NOT_FOUND' });

  // The routes, by the route table's names (routes.ts); the steps around them are production.ts's.
  const routes: Record<RouteName, (req: IncomingMessage, res: ServerResponse, path: string) => void> = {
    graphql: (req, res) => void yoga(req, res),
    probe: (_req, res, path) => (path === '/health' ? void health(prisma, res) : notFound(res)),
    data: (req, res, path) => {
      if (publish(req, res, path, parseTarget(req.url)?.search ?? new URLSearchParams())) return;
      const csv = /^\/data\/([^/]+)\.csv$/.exec(path);
      if (!csv || (req.method !== 'GET' && req.method !== 'HEAD')) return notFound(res);
      const key = decodeSegment(csv[1]!);
      if (key === null) return sendJson(res, 400, { error: `The dataset key in ${path} is not valid percent-encoding.`, code: 'BAD_REQUEST' });
      void datasetCsv(prisma, readModel, key, req, res);
    },
    embed: (req, res, path) => {
      if (!embeds(req, res, path, parseTarget(req.url)?.search ?? new URLSearchParams())) notFound(res);
    },
    widgets: (req, res, path) => {
      if (path === '/widgets') return redirect(res, '/widgets/');
      if (!path.startsWith('/widgets/') || !widgets) return notFound(res);
      req.url = req.url!.slice('/widgets'.length) || '/';
      widgets.serve(req, res, () => notFound(res));
    },
    console: consoleFiles,
    publish: (req, res, path) => {
      if (!publish(req, res, path, parseTarget(req.url)?.search ?? new URLSearchParams())) notFound(res);
    },
    other: (_req, res, path) => {
      if (path !== '/') return notFound(res);
      sendJson(res, 200, {
        name: 'Vigía',
        graphql: '/graphql',
        health: '/health',
        widgets: widgetsDir && existsSync(widgetsDir) ? '/widgets/' : null,
        console: consoleDir && existsSync(join(consoleDir, 'index.html')) ? '/console/' : null,
        data: '/data/<dataset>.csv',
        embed: '/embed/<element>',
        oembed: '/oembed',
        feed: '/feeds/changes.atom',
        catalog: '/catalog.jsonld',
      });
    },
  };

  return production.wrap((req, res) => {
    // production.wrap has refused targets that do not parse (400) before this runs.
    const path = parseTarget(req.url)?.path ?? '/';
    routes[routeOf(path)](req, res, path);
  });
}

/** 200 once the database answers a query; 503 with the reason otherwise. */
async function health(prisma: PrismaClient, res: ServerResponse) {
  try {
    await prisma.$queryRawUnsafe('SELECT 1');
    sendJson(res, 200, { status: 'ok', database: 'up' });
  } catch (error) {
    sendJson(res, 503, { status: 'unavailable', database: 'down', error: (error as Error).message.split('\n')[0] });
  }
}

/** /data/<dataset>.csv: the dataset's figures from the snapshot the API answers from (no SQL but the key's lookup). */
async function datasetCsv(prisma: PrismaClient, readModel: ReadModel, key: string, req: IncomingMessage, res: ServerResponse) {
  try {
    let caller;
    try {
      caller = await authenticate(prisma, req.headers.authorization);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      sendJson(res, 401, { error: error.message, code: 'UNAUTHENTICATED' });
      return;
    }
    // Anonymous callers get small victim counts suppressed; editors and admins the stored values.
    const body = observationsCsv(await readModel.current(), key, caller);
    if (body === null) {
      sendJson(res, 404, { error: `No dataset with key "${key}"`, code: 'NOT_FOUND' });
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${key}.csv"`,
      'Access-Control-Allow-Origin': '*',
      // What a key holder sees must never be stored by a shared cache and served to the public.
      'Cache-Control': caller ? 'private, no-store' : 'public, max-age=300',
      Vary: 'Authorization',
    });
    res.end(body);
  } catch (error) {
    const unavailable = asUnavailable(error);
    if (unavailable) {
      res.setHeader('Retry-After', String(unavailable.extensions.retryAfter));
      sendJson(res, 503, { error: unavailable.message, code: 'SERVICE_UNAVAILABLE' });
      return;
    }
    sendJson(res, 500, { error: 'Could not read the dataset', code: 'INTERNAL_SERVER_ERROR' });
    console.error(error);
  }
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(301, { Location: location });
  res.end();
}
