import type { PrismaClient } from '@vigia/schema';
import type { Caller } from './auth/caller.js';

/** What every resolver receives: the request and the database client of this server. */
export interface Context {
  request: Request;
  prisma: PrismaClient;
  /** Who sent the request: the holder of a valid API key, or null when anonymous. */
  caller: Caller | null;
}
