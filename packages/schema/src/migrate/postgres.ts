import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { engineErrorMessage } from './errors.js';

/** Where `migrate` and `check` create their throwaway PostgreSQL databases by default. */
export const defaultPostgresAdminUrl = 'postgresql://postgres@127.0.0.1:5432/postgres';

export function postgresAdminUrl(): string {
  return process.env.DATABASE_URL_POSTGRES_ADMIN?.trim() || defaultPostgresAdminUrl;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The same server and credentials, another database. */
export function databaseUrlWith(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The database name a PostgreSQL URL points at. */
export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/** Hides the password when a URL is shown in a message. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** One short-lived connection for statements that cannot run in a pool's transaction (CREATE/DROP DATABASE). */
export async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  // FORCE ends stray sessions (PostgreSQL 13+), so a crashed pool cannot leak the database.
  await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`));
}

export interface TemporaryDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty, uniquely named database on the admin URL's server. */
export async function createTemporaryDatabase(adminUrl: string, prefix = 'vigia_migrate_tmp'): Promise<TemporaryDatabase> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return { url: databaseUrlWith(adminUrl, name), name, drop: () => dropDatabase(adminUrl, name) };
}

/** `null` when a server answers at the URL, else the connection error. */
export async function postgresConnectError(url: string): Promise<unknown> {
  try {
    await withAdminClient(url, (client) => client.query('SELECT 1'));
    return null;
  } catch (error) {
    return error;
  }
}

/** `null` when a server answers at the URL, else why not (one line). */
export async function postgresUnreachableReason(url: string): Promise<string | null> {
  const error = await postgresConnectError(url);
  return error === null ? null : engineErrorMessage(error);
}

/** PostgreSQL's invalid_catalog_name: the server is there, the database is not. */
export function isMissingDatabase(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '3D000';
}
