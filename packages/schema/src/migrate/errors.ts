import { isAbsolute, relative } from 'node:path';
import type { ErrorRegistry } from '@prisma/driver-adapter-utils';

/** An error of the migration tool whose message is one readable line. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Makes anything thrown by the engine, an adapter or a driver into one readable line. */
export function engineErrorMessage(error: unknown, registry?: ErrorRegistry): string {
  return oneLine(describe(error, registry));
}

function describe(error: unknown, registry: ErrorRegistry | undefined): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const e = error as { message?: unknown; code?: unknown; errors?: unknown };
  // An error a JS driver threw (not mapped to a known kind) reaches the engine as
  // "External error id#N", N being its id in the adapter's registry; the original is the useful one.
  const id = genericJsId(error);
  if (id !== undefined && registry) {
    const original = registry.consumeError(id);
    if (original) return describe(original.error, undefined);
  }
  // Node's connection errors (e.g. ECONNREFUSED on every address) are AggregateErrors
  // with an empty message.
  if (Array.isArray(e.errors) && e.errors.length > 0 && !e.message) return describe(e.errors[0], registry);
  // The engine appends its tracing spans ("   0: schema_engine_wasm::…  at …rs:266").
  const message =
    typeof e.message === 'string' && e.message
      ? e.message.split(/\n\s*\d+: \S+::/)[0]!.replace(/^external connector error\s*/, '')
      : String(error);
  const code = typeof e.code === 'string' && /^P\d{4}$/.test(e.code) ? `${e.code}: ` : '';
  // Which migration failed is only in those spans; keep it.
  const migration = typeof e.message === 'string' ? /migration_name="([^"]+)"/.exec(e.message)?.[1] : undefined;
  const failed = migration && !message.includes(migration) ? `migration ${migration}: ` : '';
  return `${code}${failed}${message}`;
}

function genericJsId(error: object): number | undefined {
  const text = (error as { message?: unknown }).message;
  if (typeof text !== 'string') return undefined;
  const match = /External error id#(\d+)|GenericJs[^0-9]*(\d+)/.exec(text);
  return match ? Number(match[1] ?? match[2]) : undefined;
}

export function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ');
}

/** A path relative to the current directory when inside it, else absolute. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
