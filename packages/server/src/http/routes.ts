/**
 * The route table: which part of the HTTP surface a path belongs to. The steps around the
 * routes (logs, metrics, CORS, limits) and the router in app.ts read it from here alone.
 */
export type RouteName = 'graphql' | 'data' | 'embed' | 'probe' | 'widgets' | 'console' | 'publish' | 'other';

export const ROUTES: readonly { name: RouteName; matches(path: string): boolean }[] = [
  { name: 'graphql', matches: (path) => path === '/graphql' || path.startsWith('/graphql/') },
  { name: 'data', matches: (path) => path.startsWith('/data/') },
  { name: 'embed', matches: (path) => path.startsWith('/embed/') || path === '/oembed' },
  { name: 'probe', matches: (path) => path === '/health' || path === '/ready' || path === '/metrics' },
  { name: 'widgets', matches: (path) => path.startsWith('/widgets') },
  { name: 'console', matches: (path) => path === '/console' || path.startsWith('/console/') },
  { name: 'publish', matches: (path) => path.startsWith('/feeds/') || path === '/catalog.jsonld' },
];

export function routeOf(path: string): RouteName {
  return ROUTES.find((route) => route.matches(path))?.name ?? 'other';
}

/** The path of a request target without parsing it (for log lines of targets that do not parse). */
export function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  return query === -1 ? raw : raw.slice(0, query);
}
