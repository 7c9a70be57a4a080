/**
 * `Subscription.dataChanged`: the live half of the API, served as GraphQL over Server-Sent
 * Events on /graphql (live/events.ts, live/sse.ts).
 */
import { GraphQLError } from 'graphql';
import type { DataChange } from '../../live/changes.js';
import { httpOf } from '../../live/events.js';
import { bucketOf } from '../../limits/rate-limit.js';
import { builder } from '../builder.js';
import { DateTimeScalar } from '../date-time.js';

export const DataChangeRef = builder.objectRef<DataChange>('DataChange').implement({
  description:
    'A change to the public data: its data version, when it was made, and the keys of what changed. Re-read what you show when it names your data.',
  fields: (t) => ({
    version: t.exposeInt('version', {
      description: 'The data version after the change. Versions only grow; read the data again to see this version or a newer one.',
    }),
    at: t.field({ type: DateTimeScalar, description: 'When the change was committed.', resolve: (change) => change.at }),
    datasets: t.exposeStringList('datasets', {
      description:
        'Keys of what changed, sorted: dataset keys (`Dataset.key`), plus "coordination-spaces" for the list of coordination spaces and "service-results" for the services\' yearly results. A seed, an edited source or a very large import names every key.',
    }),
  }),
});

builder.subscriptionType({
  description:
    'Live updates, as GraphQL over Server-Sent Events: GET or POST /graphql with `Accept: text/event-stream`. Each change arrives as an `event: next`; a comment line is sent every SUBSCRIPTION_HEARTBEAT_MS; the stream completes (`event: complete`) when the server shuts down — reconnect then.',
});

builder.subscriptionField('dataChanged', (t) =>
  t.field({
    type: DataChangeRef,
    description:
      'Every change to the public data from now on — a mutation through any server process, a command-line import or a seed — within about 2 seconds. Open streams per client address are limited (TOO_MANY_STREAMS, HTTP 429 beyond).',
    subscribe: (_root, _args, ctx) => {
      if (!ctx.live) throw new GraphQLError('Live updates are not available here.', { extensions: { code: 'OPERATION_NOT_SUPPORTED' } });
      const { req, res } = httpOf(ctx);
      const client = req ? bucketOf(req, ctx.live.trustProxy).bucket : undefined;
      return ctx.live.events.subscribe(client, res);
    },
    resolve: (change) => change,
  }),
);
