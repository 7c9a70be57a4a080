/**
 * Live updates of one server process: the `dataChanged` events for its subscribers (events.ts)
 * and the webhooks it helps deliver (webhooks.ts), both fed by the read model's reloads.
 */
import type { Redis } from 'ioredis';
import type { PrismaClient } from '@vigia/schema';
import type { Config } from '../config.js';
import type { Logger } from '../observability/logger.js';
import type { ReadModel } from '../read-model/read-model.js';
import { LiveEvents } from './events.js';
import { Webhooks } from './webhooks.js';

export type { DataChange } from './changes.js';

export interface Live {
  events: LiveEvents;
  /** Proxies trusted for X-Forwarded-For (streams are counted per client address). */
  trustProxy: number;
  webhooks: Webhooks;
  /** Completes every open stream (the server is shutting down). */
  endStreams(): void;
  close(): Promise<void>;
}

export function createLive({ config, prisma, readModel, redis, logger }: { config: Config; prisma: PrismaClient; readModel: ReadModel; redis: Redis | undefined; logger: Logger }): Live {
  const webhooks = new Webhooks({ prisma, settings: config.webhooks, logger });
  const enqueue = (snapshot = readModel.snapshot) =>
    webhooks.enqueue(snapshot).catch((error: unknown) => logger.warn({ err: error }, 'Could not hand a data change to the webhooks'));
  const events = new LiveEvents({
    prisma,
    readModel,
    logger,
    maxStreamsPerClient: config.live.maxStreamsPerClient,
    redis,
    redisPrefix: config.redisPrefix,
    onChange: (_change, snapshot) => void enqueue(snapshot),
  });
  // Changes made while no server ran (a CLI import, a seed) reach the webhooks now.
  void enqueue();
  webhooks.start();
  return {
    events,
    trustProxy: config.trustProxy,
    webhooks,
    endStreams: () => events.endStreams(),
    async close() {
      await events.close();
      await webhooks.stop();
    },
  };
}
