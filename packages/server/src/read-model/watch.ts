/**
 * Writes made outside this process's GraphQL mutations — `pnpm vigia import` next to a running
 * server, another server process without a shared Redis cache — would otherwise leave this
 * process answering from its response cache until the TTL. Every write leaves an audit entry
 * (core/audit.ts), so a newer audit entry than last time means the data changed: this polls
 * for it, one indexed `max(id)` every DATA_CHANGE_POLL_MS, and calls `onChange` when it grows
 * (http/runtime.ts then reloads the public data in memory and empties the response cache).
 */
import { primaryOf, type PrismaClient } from '@vigia/schema';
import { NON_DATA_ACTIONS } from '../core/audit.js';

export interface DataChangeWatch {
  /** Stops polling (resolves once a poll in flight has finished). */
  stop(): Promise<void>;
}

export interface WatchOptions {
  prisma: PrismaClient;
  intervalMs: number;
  /** The data changed since the previous poll. */
  onChange(): Promise<void> | void;
  onError(error: unknown): void;
}

export function watchDataChanges({ prisma, intervalMs, onChange, onError }: WatchOptions): DataChangeWatch {
  // The primary: a replica that lags would report the change late.
  const db = primaryOf(prisma);
  let last: number | null | undefined;
  let inFlight: Promise<void> | undefined;
  const poll = async () => {
    try {
      // Keys and webhooks created or removed change no public data: they must not empty the cache.
      const { _max } = await db.auditEntry.aggregate({ _max: { id: true }, where: { action: { notIn: [...NON_DATA_ACTIONS] } } });
      const latest = _max.id ?? null;
      if (last !== undefined && latest !== last) await onChange();
      last = latest;
    } catch (error) {
      onError(error);
    }
  };
  const tick = () => {
    // A slow database must not pile polls up: skip a tick while the last one runs.
    inFlight ??= poll().finally(() => (inFlight = undefined));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
