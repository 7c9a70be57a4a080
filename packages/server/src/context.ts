import type { PrismaClient } from '@vigia/schema';

/** What every resolver receives: the request and the database client of this server. */
export interface Context {
  request: Request;
  prisma: PrismaClient;
}
