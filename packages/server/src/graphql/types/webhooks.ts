/**
 * Webhooks over GraphQL (admin keys only): `webhooks`, `createWebhook`, `deleteWebhook`
 * (live/webhook-registry.ts, delivered by live/webhooks.ts). Webhooks change no public data:
 * these mutations reload nothing, and their audit entries are no data change.
 */
import { GraphQLError } from 'graphql';
import { primaryOf } from '@vigia/schema';
import type { Context } from '../../context.js';
import { actorFor } from '../../core/audit.js';
import { UnauthenticatedError } from '../../core/errors.js';
import { allKeys } from '../../live/changes.js';
import { createWebhook, deleteWebhook, listWebhooks, recentDeliveries, webhookView, type WebhookAttemptView, type WebhookDeliveryView, type WebhookView } from '../../live/webhook-registry.js';
import { builder } from '../builder.js';
import { DateTimeScalar } from '../date-time.js';

const DeliveryStatus = builder.enumType('WebhookDeliveryStatus', {
  description: 'Where a webhook delivery stands.',
  values: {
    PENDING: { description: 'Not sent yet, or failed and waiting for its next attempt (`nextAttemptAt`).' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Every attempt failed until WEBHOOK_GIVE_UP_AFTER_MS after the change: given up.' },
  } as const,
});

const AttemptRef = builder.objectRef<WebhookAttemptView>('WebhookAttempt').implement({
  description: 'One POST of a delivery.',
  fields: (t) => ({
    attempt: t.exposeInt('attempt', { description: 'Which attempt it was: 1 for the first.' }),
    at: t.field({ type: DateTimeScalar, description: 'When it was made.', resolve: (a) => a.at }),
    statusCode: t.exposeInt('statusCode', { nullable: true, description: "The receiver's HTTP status; null when there was no answer (see `error`)." }),
    error: t.exposeString('error', {
      nullable: true,
      description: 'Why no answer came: a timeout, a connection error, or a refused address (loopback or private without WEBHOOK_ALLOW_LOOPBACK). Null when the receiver answered.',
    }),
    durationMs: t.exposeInt('durationMs', { description: 'How long the attempt took, in milliseconds.' }),
  }),
});

const DeliveryRef = builder.objectRef<WebhookDeliveryView>('WebhookDelivery').implement({
  description: 'One change sent to one webhook, with every attempt.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Sent with every attempt as the `Vigia-Delivery` header (the same on retries).' }),
    version: t.exposeInt('version', { description: 'The data version of the change (`DataChange.version`).' }),
    datasets: t.stringList({
      description: 'The keys of what changed (`DataChange.datasets`).',
      resolve: (d) => (JSON.parse(d.payload) as { datasets: string[] }).datasets,
    }),
    payload: t.string({ description: 'The exact JSON body POSTed (the `DataChange`), as it was signed.', resolve: (d) => d.payload }),
    status: t.field({ type: DeliveryStatus, description: 'Where it stands.', resolve: (d) => d.status }),
    createdAt: t.field({ type: DateTimeScalar, description: 'When the change was handed to this webhook.', resolve: (d) => d.createdAt }),
    nextAttemptAt: t.field({
      type: DateTimeScalar,
      nullable: true,
      description: 'When the next attempt is due, while PENDING; null once delivered or given up.',
      resolve: (d) => (d.status === 'PENDING' ? d.nextAttemptAt : null),
    }),
    attempts: t.field({ type: [AttemptRef], description: 'Every attempt so far, first to last.', resolve: (d) => d.attempts }),
  }),
});

const WebhookRef = builder.objectRef<WebhookView>('Webhook').implement({
  description: 'A URL Vigía POSTs each change of the data to, signed (see the README: "Webhooks"). Its secret is shown only when it is created.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'What `deleteWebhook` takes.' }),
    url: t.exposeString('url', { description: 'Where the changes are POSTed.' }),
    datasets: t.exposeStringList('datasets', { description: 'Only changes naming one of these keys are sent; empty: every change.' }),
    createdAt: t.field({ type: DateTimeScalar, description: 'When it was registered; only later changes are sent.', resolve: (w) => w.createdAt }),
    deliveries: t.field({
      type: [DeliveryRef],
      description: 'Its newest deliveries, newest change first, with their attempts (kept 30 days after they end).',
      args: { first: t.arg.int({ defaultValue: 10, description: 'How many, 1 to 100 (default 10).' }) },
      resolve: (w, { first }, ctx) => {
        const count = first ?? 10;
        if (count < 1 || count > 100) throw new GraphQLError('first must be from 1 to 100.', { extensions: { code: 'BAD_USER_INPUT' } });
        return recentDeliveries(primaryOf(ctx.prisma), w.id, count);
      },
    }),
  }),
});

const actorOf = (ctx: Context) => {
  // Scope auth has refused anonymous callers already; this keeps a mistake there from acting anonymously.
  if (!ctx.caller) throw new UnauthenticatedError();
  return actorFor(ctx.caller);
};

builder.queryField('webhooks', (t) =>
  t.field({
    type: [WebhookRef],
    authScopes: { admin: true },
    description: 'Every registered webhook, oldest first, with its deliveries and their attempts (admin keys only). Secrets are never shown.',
    resolve: (_root, _args, ctx) => listWebhooks(primaryOf(ctx.prisma)),
  }),
);

builder.relayMutationField(
  'createWebhook',
  {
    description: 'Where to POST changes, and which.',
    inputFields: (t) => ({
      url: t.string({
        required: true,
        description: 'An http:// or https:// URL. Loopback and private addresses are refused (at registration and again, resolved, at each delivery) unless the server sets WEBHOOK_ALLOW_LOOPBACK=true.',
      }),
      datasets: t.stringList({
        required: true,
        description: 'Keys to be told of (as `DataChange.datasets` names them: dataset keys, "coordination-spaces", "service-results"); empty: every change.',
      }),
    }),
  },
  {
    description:
      'Registers a webhook (admin only; audited as "createWebhook"). Each later change naming one of its keys is POSTed to it as the `DataChange` JSON with the header `Vigia-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`, retried with backoff until it answers 2xx or WEBHOOK_GIVE_UP_AFTER_MS has passed.',
    authScopes: { admin: true },
    resolve: async (_root, { input }, ctx) => {
      const actor = actorOf(ctx);
      if (!ctx.live) throw new GraphQLError('Webhooks are not available here.', { extensions: { code: 'OPERATION_NOT_SUPPORTED' } });
      const created = await createWebhook(ctx.prisma, input, actor, { allowLoopback: ctx.live.webhooks.settings.allowLoopback, knownKeys: allKeys(ctx.snapshot) });
      return { secret: created.secret, webhook: await webhookView(primaryOf(ctx.prisma), created.id) };
    },
  },
  {
    description: 'The new webhook and its secret, shown this once.',
    outputFields: (t) => ({
      webhook: t.field({ type: WebhookRef, description: 'The webhook as registered.', resolve: (result) => result.webhook }),
      secret: t.exposeString('secret', {
        description: 'The signing secret ("whsec_…"): verify `Vigia-Signature` with it. Shown only in this answer: store it now.',
      }),
    }),
  },
);

builder.relayMutationField(
  'deleteWebhook',
  {
    description: 'Which webhook to delete.',
    inputFields: (t) => ({ id: t.id({ required: true, description: 'Its id (`Webhook.id`).' }) }),
  },
  {
    description: 'Deletes a webhook with its delivery history (admin only; audited as "deleteWebhook"). Nothing more is sent to it.',
    authScopes: { admin: true },
    resolve: (_root, { input }, ctx) => deleteWebhook(ctx.prisma, String(input.id), actorOf(ctx)),
  },
  {
    description: 'The webhook that was deleted.',
    outputFields: (t) => ({
      id: t.exposeID('id', { description: 'Its id.' }),
      url: t.exposeString('url', { description: 'Where changes were sent.' }),
    }),
  },
);
