/**
 * `dataChanged` for this process's subscribers, derived where the read model learns of a
 * change: every time it loads a snapshot with a newer data version — after this process's own
 * write, when the data watch sees a write made elsewhere (a CLI import or seed, a process
 * without Redis), or at a request after another process raised the shared version — the audit
 * entries between the last announced version and the new one become one `DataChange`
 * (changes.ts). So a subscriber that re-fetches on an event reads data at least that new from
 * this process, and one change is one event however this process learned of it.
 *
 * With Redis, a process that announces a change also publishes its version on a channel; every
 * other process that is behind reloads at once and announces it to its own subscribers (within
 * milliseconds, instead of at the next poll). The message only wakes processes up: each one
 * computes the event from its own reload.
 *
 * Streams are counted per client address (SUBSCRIPTION_MAX_STREAMS_PER_CLIENT) and all end —
 * completed, as GraphQL over SSE says — when the server starts shutting down.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { Repeater, SlidingBuffer } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import { primaryOf, type PrismaClient } from '@vigia/schema';
import type { Logger } from '../observability/logger.js';
import type { ReadModel } from '../read-model/read-model.js';
import type { Snapshot } from '../read-model/snapshot.js';
import { changesChannel } from './announce.js';
import { changeBetween, type DataChange } from './changes.js';

export interface LiveEventsOptions {
  prisma: PrismaClient;
  readModel: ReadModel;
  logger: Logger;
  /** Open streams one client address may hold (in this process). */
  maxStreamsPerClient: number;
  /** With Redis: the connection to publish on (a subscriber connection is duplicated from it). */
  redis?: Redis | undefined;
  redisPrefix?: string;
  /** Every change announced here (webhooks enqueue it). */
  onChange?: (change: DataChange, snapshot: Snapshot) => void;
}

/** Events a slow client has not read yet are dropped oldest first past this many (it still gets the newest). */
const BUFFERED_EVENTS = 16;

export class LiveEvents {
  readonly #options: LiveEventsOptions;
  readonly #listeners = new Set<(change: DataChange) => void>();
  readonly #stops = new Set<() => void>();
  readonly #perClient = new Map<string, number>();
  readonly #subscriber: Redis | undefined;
  /** The snapshot version the last announcement covered. */
  #announced: number;
  #chain: Promise<void> = Promise.resolve();
  #ended = false;

  constructor(options: LiveEventsOptions) {
    this.#options = options;
    this.#announced = options.readModel.snapshot.version;
    if (options.redis) {
      const subscriber = options.redis.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
      subscriber.on('error', (error) => options.logger.warn({ err: error }, 'Redis subscriber connection error (live updates)'));
      subscriber.on('message', (_channel, message) => this.#heard(message));
      // ioredis subscribes again after a reconnection.
      void subscriber.subscribe(changesChannel(options.redisPrefix ?? '')).catch((error: unknown) => {
        options.logger.warn({ err: error }, 'Could not subscribe to data changes on Redis');
      });
      this.#subscriber = subscriber;
    }
  }

  /** Open streams in this process (for metrics and tests). */
  get openStreams(): number {
    return this.#stops.size;
  }

  /** The read model loaded a snapshot: announce what changed since the last announcement. */
  loaded(snapshot: Snapshot): void {
    // One at a time, in order: each announcement starts where the previous one stopped.
    this.#chain = this.#chain.then(() => this.#announce(snapshot));
  }

  /** Resolves once every announcement queued so far is out (tests, shutdown). */
  settled(): Promise<void> {
    return this.#chain;
  }

  async #announce(snapshot: Snapshot): Promise<void> {
    if (snapshot.version <= this.#announced) return;
    const from = this.#announced;
    try {
      const change = await changeBetween(primaryOf(this.#options.prisma), from, snapshot.version, snapshot);
      this.#announced = snapshot.version;
      if (!change) return;
      for (const listener of this.#listeners) listener(change);
      this.#options.onChange?.(change, snapshot);
      await this.#options.redis?.publish(changesChannel(this.#options.redisPrefix ?? ''), String(change.version)).catch((error: unknown) => {
        this.#options.logger.warn({ err: error }, 'Could not tell the other processes of a data change (Redis)');
      });
    } catch (error) {
      // The audit entries could not be read: the next load announces this change with its own.
      this.#options.logger.warn({ err: error }, 'Could not read what changed for live subscribers');
    }
  }

  /** Another process announced a version: reload if it is newer than ours (the reload announces it). */
  #heard(message: string) {
    const version = Number(message);
    if (!Number.isSafeInteger(version) || version <= this.#options.readModel.snapshot.version) return;
    this.#options.readModel.refresh().catch((error: unknown) => {
      this.#options.logger.warn({ err: error }, 'Could not reload the data after another process changed it');
    });
  }

  /**
   * A stream of the changes from now on, for one subscription. `client` is the caller's address
   * (its open streams are counted until `res` closes); past the cap, TOO_MANY_STREAMS (HTTP 429).
   */
  subscribe(client: string | undefined, res: ServerResponse | undefined): AsyncIterable<DataChange> {
    if (this.#ended) {
      throw new GraphQLError('The server is shutting down; subscribe again in a moment.', {
        extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: { 'Retry-After': '2' } } },
      });
    }
    if (client !== undefined && res) {
      const open = this.#perClient.get(client) ?? 0;
      const max = this.#options.maxStreamsPerClient;
      if (open >= max) {
        throw new GraphQLError(`Too many open subscriptions from this address: at most ${max} at once. Close one (a page needs one per endpoint) and try again.`, {
          extensions: { code: 'TOO_MANY_STREAMS', limit: max, http: { status: 429, headers: { 'Retry-After': '5' } } },
        });
      }
      this.#perClient.set(client, open + 1);
      // The response's end is the stream's end, however it came (client gone, completed, shutdown).
      res.once('close', () => {
        const left = (this.#perClient.get(client) ?? 1) - 1;
        if (left > 0) this.#perClient.set(client, left);
        else this.#perClient.delete(client);
      });
    }
    return new Repeater<DataChange>(async (push, stop) => {
      if (this.#ended) return stop();
      const listener = (change: DataChange) => void push(change);
      this.#listeners.add(listener);
      this.#stops.add(stop);
      await stop;
      this.#listeners.delete(listener);
      this.#stops.delete(stop);
    }, new SlidingBuffer(BUFFERED_EVENTS));
  }

  /** Completes every open stream and refuses new ones (shutdown). */
  endStreams(): void {
    this.#ended = true;
    for (const stop of this.#stops) stop();
  }

  async close(): Promise<void> {
    this.endStreams();
    await this.#chain;
    if (this.#subscriber) await this.#subscriber.quit().catch(() => this.#subscriber!.disconnect());
  }
}

/** The node request and response behind a yoga context (absent when GraphQL runs in-process). */
export function httpOf(context: unknown): { req?: IncomingMessage; res?: ServerResponse } {
  const { req, res } = (context ?? {}) as { req?: IncomingMessage; res?: ServerResponse };
  return { req, res };
}
