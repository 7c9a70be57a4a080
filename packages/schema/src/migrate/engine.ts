import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { ManagedAdapterFactory } from './adapters.js';
import { MigrationError, engineErrorMessage } from './errors.js';

/** No externally managed tables or enums in this project. */
export const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

let loaded: Promise<void> | undefined;

// The project's lib (ES2023, no DOM) does not declare the WebAssembly global Node has;
// this is the one call the loader needs.
interface WebAssemblyApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: Record<string, unknown> & { __wbindgen_start(): void } } }>;
}
const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

/**
 * The package is a wasm-bindgen build for bundlers (`import * as wasm from "./x.wasm"`),
 * which Node cannot import. Instantiate it ourselves with the package's JS glue as the
 * import object, then hand the exports back to the glue. Once per process.
 */
function loadEngineModule(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(glue) });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
  })();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}

/**
 * The engine arms 10-second timers (timeouts around PostgreSQL I/O) that it has no way
 * to cancel: the glue imports setTimeout but not clearTimeout. Left as they are, they
 * keep a finished process alive for 10 s. Unref'd, they still fire while the process
 * lives but hold nothing open; `withEngine` keeps the process alive while the engine works.
 */
function withUnrefTimers(module: typeof glue): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...module };
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    imports[name] = (callback: () => void, ms: number) => {
      const timer = setTimeout(callback, ms >>> 0);
      timer.unref();
      return timer;
    };
  }
  return imports;
}

export interface SchemaFile {
  path: string;
  content: string;
}

/**
 * Runs `fn` with a schema engine on the factory's database, then frees the engine and
 * closes every connection it opened, whether `fn` succeeded or not.
 */
export async function withEngine<T>(
  factory: ManagedAdapterFactory,
  schema: SchemaFile | undefined,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadEngineModule();
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const log = (line: string) => {
    if (process.env.VIGIA_MIGRATE_DEBUG) process.stderr.write(`[schema-engine] ${line}\n`);
  };
  let engine: SchemaEngine | undefined;
  let failed = false;
  // Holds the event loop open while the engine works, since its own timers no longer do.
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    engine = await glue.SchemaEngine.new(
      { datamodels: schema ? [[schema.path, schema.content]] : undefined },
      log,
      bound,
    );
    return await fn(engine);
  } catch (error) {
    failed = true;
    if (error instanceof MigrationError) throw error;
    throw new MigrationError(engineErrorMessage(error, bound.errorRegistry), { cause: error });
  } finally {
    clearInterval(keepAlive);
    engine?.free();
    // A failure to close must not hide the error that matters.
    await factory.disposeAll().catch((error: unknown) => {
      if (!failed) throw new MigrationError(`Closing the database connections failed: ${engineErrorMessage(error)}`);
    });
  }
}
