import type { PrismaClient } from '@vigia/schema';
import type { Caller } from './core/caller.js';
import type { Live } from './live/index.js';
import type { ReadModel } from './read-model/read-model.js';
import type { Snapshot } from './read-model/snapshot.js';

/** What every resolver receives: the request, the data to answer from, and the database client of this server. */
export interface Context {
  request: Request;
  prisma: PrismaClient;
  /** Who sent the request: the holder of a valid API key, or null when anonymous. */
  caller: Caller | null;
  /**
   * The public data this request is answered from: one snapshot for the whole request. A
   * mutation replaces it with the snapshot holding its write (graphql/mutations/run.ts).
   */
  snapshot: Snapshot;
  readModel: ReadModel;
  /** Where partners reach Vigía (PUBLIC_URL), for the URLs a citation gives; else the request's origin. */
  publicUrl?: string | undefined;
  /** `dataChanged` streams and webhooks; absent where GraphQL runs in-process (embeds). */
  live?: Live | undefined;
}
