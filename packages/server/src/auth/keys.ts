import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { primaryOf, type ApiKeyRole, type PrismaClient } from '@vigia/schema';
import { recordAudit, type Actor } from '../core/audit.js';
import { writeTransaction } from '../write/transaction.js';
import { InputError, NotFoundError, UnauthenticatedError, UnavailableError } from '../core/errors.js';
import { isUnavailable } from '../core/unavailable.js';
import { ROLES, type Caller } from '../core/caller.js';

/**
 * API keys look like `vigia_<id>_<secret>`. The id (12 characters) is public: it finds the
 * row in one lookup. The secret (32 random bytes) is stored only as a salted scrypt hash and
 * compared in constant time. The full key is shown once, when it is created.
 */

const KEY_PATTERN = /^vigia_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
// OWASP's minimum for scrypt; a 256-bit random secret needs no more, and a request stays fast.
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

function scrypt(secret: string, salt: Buffer, options: ScryptOptions & { keylen: number }): Promise<Buffer> {
  return new Promise((done, fail) =>
    scryptCallback(secret, salt, options.keylen, { N: options.N, r: options.r, p: options.p }, (error, hash) =>
      error ? fail(error) : done(hash),
    ),
  );
}

function newId(): string {
  // 36^12 ≈ 4.7e18 ids; rejection sampling keeps the letters uniform.
  let id = '';
  while (id.length < 12) {
    for (const byte of randomBytes(16)) {
      if (byte < 252 && id.length < 12) id += ID_ALPHABET[byte % 36];
    }
  }
  return id;
}

/** Hashes a secret for storage: "scrypt$N$r$p$salt$hash" (base64url). */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Whether a secret matches a stored hash (constant-time comparison). */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    keylen: expected.length,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Splits a key into its public id and its secret; null when it is not shaped like a key. */
export function parseKey(key: string): { id: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key.trim());
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/**
 * Keys already verified in this process: id → (stored hash, SHA-256 of the secret, caller, when).
 * scrypt costs tens of milliseconds by design; a key used on every request pays it once. The row
 * is still read on every request, so a revoked key stops working at once.
 */
const verified = new Map<string, { stored: string; digest: Buffer; caller: Caller; at: number }>();
const VERIFIED_MAX = 1000;
/** While the database cannot be reached, a key verified this recently still reads (public data, from memory). */
export const OUTAGE_GRACE_MS = 15 * 60_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * What a failed verification compares against when there is no row (unknown id) or the row is
 * revoked: every failure costs one scrypt, so the time of an answer does not tell an attacker
 * which key ids exist.
 */
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashSecret(randomBytes(32).toString('base64url')));

async function secretMatches(id: string, secret: string, stored: string): Promise<boolean> {
  const known = verified.get(id);
  if (known && known.stored === stored && timingSafeEqual(known.digest, sha256(secret))) return true;
  return verifySecret(secret, stored);
}

function remember(stored: string, secret: string, caller: Caller) {
  if (verified.size >= VERIFIED_MAX && !verified.has(caller.keyId)) verified.delete(verified.keys().next().value!);
  verified.set(caller.keyId, { stored, digest: sha256(secret), caller, at: Date.now() });
}

/** The caller of a key this process verified (within `withinMs`), without the database; else null. */
function recentlyVerified(key: string, withinMs = Infinity): Caller | null {
  const parsed = parseKey(key);
  const known = parsed && verified.get(parsed.id);
  if (!known || Date.now() - known.at > withinMs) return null;
  return timingSafeEqual(known.digest, sha256(parsed.secret)) ? known.caller : null;
}

/**
 * Whether an Authorization header carries a key this process has verified: only then do its
 * requests count against the key's rate limit; any other token counts against the address
 * that sent it (limits/rate-limit.ts), so guessing keys is never cheaper than asking without one.
 */
export function isVerifiedToken(token: string | undefined): boolean {
  return token !== undefined && recentlyVerified(token) !== null;
}

/** The caller a key belongs to; null when the key is unknown, revoked or wrong. */
export async function callerForKey(prisma: PrismaClient, key: string): Promise<Caller | null> {
  const parsed = parseKey(key);
  if (!parsed) return null;
  let row;
  try {
    // From the primary: a replica that has not caught up would still accept a key just revoked.
    row = await primaryOf(prisma).apiKey.findUnique({ where: { id: parsed.id } });
  } catch (error) {
    // The database is away: a key verified lately still reads the public data (kept in memory);
    // anything else waits for the database.
    const known = recentlyVerified(key, OUTAGE_GRACE_MS);
    if (known && isUnavailable(error)) return known;
    throw isUnavailable(error) ? new UnavailableError('The database cannot be reached to check your API key; retry in a moment.') : error;
  }
  if (!row || row.revokedAt) {
    if (row) verified.delete(row.id);
    await verifySecret(parsed.secret, await decoy());
    return null;
  }
  if (!(await secretMatches(row.id, parsed.secret, row.secretHash))) return null;
  const caller: Caller = { keyId: row.id, name: row.name, role: row.role };
  remember(row.secretHash, parsed.secret, caller);
  return caller;
}

/**
 * Reads an Authorization header: none means an anonymous caller (null); "Bearer <key>"
 * with a valid key gives its caller; anything else is refused, so that a client with a
 * mistyped or revoked key learns it instead of silently reading as anonymous.
 */
export async function authenticate(prisma: PrismaClient, header: string | null | undefined): Promise<Caller | null> {
  if (!header?.trim()) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <API key>".');
  const caller = await callerForKey(prisma, match[1]!);
  if (!caller) throw new UnauthenticatedError('The API key is not valid, or it has been revoked.');
  return caller;
}

/** A role as typed on the command line (viewer, Editor, ADMIN). */
export function parseRole(text: string | undefined): ApiKeyRole {
  const role = text?.trim().toUpperCase();
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    throw new InputError('--role', `must be one of viewer, editor, admin; got "${text ?? ''}"`);
  }
  return role as ApiKeyRole;
}

export interface CreatedKey {
  id: string;
  name: string;
  role: ApiKeyRole;
  /** The full key: shown once, never stored. */
  key: string;
}

/** Creates a key (audited). The returned `key` is the only copy of the secret. */
export async function createKey(prisma: PrismaClient, input: { name: string; role: ApiKeyRole }, actor: Actor): Promise<CreatedKey> {
  const name = input.name.trim();
  if (!name) throw new InputError('--name', 'must name who the key is for (a person or a portal)');
  if (name.length > 100) throw new InputError('--name', 'must be at most 100 characters');
  const id = newId();
  const secret = randomBytes(32).toString('base64url');
  const secretHash = await hashSecret(secret);
  // writeTransaction: waits for a busy SQLite file (an import next to it) instead of failing.
  await writeTransaction(prisma, async (tx) => {
    const row = await tx.apiKey.create({ data: { id, name, role: input.role, secretHash } });
    await recordAudit(tx, actor, {
      action: 'createApiKey',
      subjectType: 'ApiKey',
      subjectKey: id,
      before: null,
      after: { id, name: row.name, role: row.role, createdAt: row.createdAt.toISOString() },
    });
  });
  return { id, name, role: input.role, key: `vigia_${id}_${secret}` };
}

export interface KeyListing {
  id: string;
  name: string;
  role: ApiKeyRole;
  createdAt: Date;
  revokedAt: Date | null;
}

export async function listKeys(prisma: PrismaClient): Promise<KeyListing[]> {
  return prisma.apiKey.findMany({
    select: { id: true, name: true, role: true, createdAt: true, revokedAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

/** Revokes a key given its id or the whole key (audited). Revoking twice is a no-op. */
export async function revokeKey(prisma: PrismaClient, idOrKey: string, actor: Actor): Promise<KeyListing & { alreadyRevoked: boolean }> {
  const id = parseKey(idOrKey)?.id ?? idOrKey.trim();
  return writeTransaction(prisma, async (tx) => {
    const row = await tx.apiKey.findUnique({ where: { id } });
    if (!row) throw new NotFoundError('key', `no API key with id "${id}" (see \`pnpm vigia keys list\`)`);
    const listing = { id: row.id, name: row.name, role: row.role, createdAt: row.createdAt };
    if (row.revokedAt) return { ...listing, revokedAt: row.revokedAt, alreadyRevoked: true };
    const updated = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    verified.delete(id);
    await recordAudit(tx, actor, {
      action: 'revokeApiKey',
      subjectType: 'ApiKey',
      subjectKey: id,
      before: { id, name: row.name, role: row.role, revokedAt: null },
      after: { id, name: row.name, role: row.role, revokedAt: updated.revokedAt!.toISOString() },
    });
    return { ...listing, revokedAt: updated.revokedAt, alreadyRevoked: false };
  });
}
