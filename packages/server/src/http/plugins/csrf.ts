/**
 * Cookie-less browsers: a cross-site form or text/plain POST (no preflight) is refused unless it
 * carries a header a form cannot set (graphql-yoga's CSRF prevention). GET stays open: it runs
 * queries only (yoga refuses mutations over GET), and CDNs and <script>-less partners rely on
 * plain GET URLs.
 */
import type { Plugin } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';

export function useCsrfForPost(): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'graphql-client-name', 'apollo-require-preflight'] });
  return {
    onRequestParse(payload) {
      if (payload.request.method === 'GET') return;
      return csrf.onRequestParse?.(payload as never);
    },
  };
}
