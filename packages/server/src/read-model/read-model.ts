/**
 * Holds this process's current snapshot and replaces it when the data changes:
 * - after this process's own write (`changed()`, awaited before the mutation answers, so the
 *   answer and every later read see the write);
 * - when the data watch (read-model/watch.ts) sees a write made elsewhere (`changed()` too, from
 *   http/runtime.ts, so the processes sharing a version with this one reload as well);
 * - with a shared version (Redis), at the start of any request that finds another process
 *   has written since (`current()`), so a write through one process is read through all.
 */
import { primaryOf, type PrismaClient, type Provider } from '@vigia/schema';
import { loadSnapshot, type Snapshot } from './snapshot.js';

/** The newest data version any process has, where all processes can see it. */
export interface SharedVersion {
  read(): Promise<number>;
  /** Raises the shared version to at least `version`. */
  raise(version: number): Promise<void>;
}

export interface ReadModelOptions {
  prisma: PrismaClient;
  provider: Provider;
  /**
   * A shared version that fails, or that this database cannot reach, is reported here (at most once
   * per ERROR_INTERVAL_MS: with Redis away every request fails the same way); the local snapshot is used.
   */
  onError?(error: unknown): void;
}

const ERROR_INTERVAL_MS = 10_000;

export class ReadModel {
  readonly #prisma: PrismaClient;
  readonly #provider: Provider;
  readonly #onError: (error: unknown) => void;
  #snapshot: Snapshot;
  #loading: Promise<Snapshot> | undefined;
  #queued: Promise<Snapshot> | undefined;
  #shared: SharedVersion | undefined;
  /** The highest shared version already reloaded for, reached or not. */
  #sharedSeen = 0;
  #onLoad: ((snapshot: Snapshot, seconds: number) => void) | undefined;

  private constructor(options: ReadModelOptions, first: Snapshot) {
    // Always the primary: a replica that lags would hand back data older than a write just made.
    this.#prisma = primaryOf(options.prisma);
    this.#provider = options.provider;
    let lastReported = -Infinity;
    this.#onError = (error) => {
      if (performance.now() - lastReported < ERROR_INTERVAL_MS) return;
      lastReported = performance.now();
      options.onError?.(error);
    };
    this.#snapshot = first;
  }

  static async load(options: ReadModelOptions): Promise<ReadModel> {
    return new ReadModel(options, await loadSnapshot(primaryOf(options.prisma), options.provider));
  }

  /** The snapshot as this process last loaded it. */
  get snapshot(): Snapshot {
    return this.#snapshot;
  }

  /** Called after every reload (for metrics). */
  onLoad(listener: (snapshot: Snapshot, seconds: number) => void): void {
    this.#onLoad = listener;
  }

  /** From now on, writes are announced to and looked for in `shared`. */
  share(shared: SharedVersion): void {
    this.#shared = shared;
  }

  /** The snapshot a request is answered from: reloaded first when another process has written since. */
  async current(): Promise<Snapshot> {
    if (!this.#shared) return this.#snapshot;
    try {
      const shared = await this.#shared.read();
      if (shared <= Math.max(this.#snapshot.version, this.#sharedSeen)) return this.#snapshot;
      this.#sharedSeen = shared;
      const snapshot = await this.refresh();
      // A version this database does not have: reloading on every request would not reach it.
      if (snapshot.version < shared) {
        this.#onError(
          new Error(
            `The shared data version (${shared}) is ahead of this database's newest audit entry (${snapshot.version}): does another deployment, or a database restored from a backup, share this Redis and REDIS_PREFIX?`,
          ),
        );
      }
      return snapshot;
    } catch (error) {
      this.#onError(error);
    }
    return this.#snapshot;
  }

  /**
   * Reloads from the database. Calls during a load share one further load that starts after
   * it, so a caller always gets a snapshot read after its call — never an older one in flight.
   */
  refresh(): Promise<Snapshot> {
    if (!this.#loading) return this.#start();
    this.#queued ??= this.#loading
      .catch(() => undefined)
      .then(() => {
        this.#queued = undefined;
        return this.#start();
      });
    return this.#queued;
  }

  /** After a write by this process: reload, then let the other processes know. */
  async changed(): Promise<Snapshot> {
    const snapshot = await this.refresh();
    try {
      await this.#shared?.raise(snapshot.version);
    } catch (error) {
      this.#onError(error);
    }
    return snapshot;
  }

  #start(): Promise<Snapshot> {
    const started = performance.now();
    const loading = loadSnapshot(this.#prisma, this.#provider)
      .then((snapshot) => {
        // Loads run one at a time (refresh() queues), so the last one read the newest data.
        this.#snapshot = snapshot;
        this.#onLoad?.(snapshot, (performance.now() - started) / 1000);
        return snapshot;
      })
      .finally(() => {
        if (this.#loading === loading) this.#loading = undefined;
      });
    this.#loading = loading;
    return loading;
  }
}
