import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { createYoga } from 'graphql-yoga';
import sirv from 'sirv';
import type { PrismaClient } from '@vigia/schema';
import type { Context } from '../context.js';
import { observationsCsv } from '../data/csv.js';
import { schema } from '../schema/index.js';

export interface AppOptions {
  prisma: PrismaClient;
  /** The built widgets (packages/widgets/dist), served at /widgets/. */
  widgetsDir?: string;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The HTTP surface: /graphql (GraphQL over HTTP + GraphiQL), /health, /data/<dataset>.csv
 * and /widgets/. Each route is a few lines; GraphQL itself is graphql-yoga's.
 */
export function createApp({ prisma, widgetsDir }: AppOptions): RequestHandler {
  const yoga = createYoga<{ req: IncomingMessage; res: ServerResponse }, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    context: ({ request }) => ({ request, prisma }),
    // Public, cookie-less data: any origin may read it; credentials are never accepted cross-origin.
    cors: { origin: '*', credentials: false, methods: ['GET', 'POST', 'OPTIONS'] },
    graphiql: { title: 'Vigía GraphQL API' },
    landingPage: false,
    logging: process.env.NODE_ENV === 'test' ? false : 'info',
  });

  const widgets =
    widgetsDir && existsSync(widgetsDir)
      ? sirv(widgetsDir, {
          etag: true,
          // The bundle name is stable (partners hard-code it), so caches revalidate after an hour.
          maxAge: 3600,
          setHeaders: (res) => res.setHeader('Access-Control-Allow-Origin', '*'),
        })
      : null;

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;

    if (path === '/graphql' || path.startsWith('/graphql/')) {
      void yoga(req, res);
      return;
    }
    if (path === '/health') {
      void health(prisma, res);
      return;
    }
    const csv = /^\/data\/([^/]+)\.csv$/.exec(path);
    if (csv && (req.method === 'GET' || req.method === 'HEAD')) {
      void datasetCsv(prisma, decodeURIComponent(csv[1]!), res);
      return;
    }
    if (path === '/widgets') {
      redirect(res, '/widgets/');
      return;
    }
    if (path.startsWith('/widgets/') && widgets) {
      req.url = req.url!.slice('/widgets'.length) || '/';
      widgets(req, res, () => sendJson(res, 404, { error: 'Not found' }));
      return;
    }
    if (path === '/') {
      sendJson(res, 200, {
        name: 'Vigía',
        graphql: '/graphql',
        health: '/health',
        widgets: widgets ? '/widgets/' : null,
        data: '/data/<dataset>.csv',
      });
      return;
    }
    sendJson(res, 404, { error: 'Not found' });
  };
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

async function datasetCsv(prisma: PrismaClient, key: string, res: ServerResponse) {
  try {
    const body = await observationsCsv(prisma, key);
    if (body === null) {
      sendJson(res, 404, { error: `No dataset with key "${key}"` });
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${key}.csv"`,
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'public, max-age=300',
    });
    res.end(body);
  } catch (error) {
    sendJson(res, 500, { error: 'Could not read the dataset' });
    console.error(error);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
  res.end(JSON.stringify(body));
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(301, { Location: location });
  res.end();
}
