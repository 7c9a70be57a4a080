import { withEngine } from './engine.js';
import { sqliteAdapterFactory } from './adapters.js';
import { listMigrations } from './migrations.js';
import { noFilters } from './engine.js';
try {
  await withEngine(sqliteAdapterFactory('file:/tmp/m1/new2.db'), undefined, (e) => e.diagnoseMigrationHistory({ migrationsList: listMigrations('/tmp/m1/sqlite'), optInToShadowDatabase: false, filters: noFilters }));
} catch (err) { const c = (err as any).cause; console.log(Object.keys(c), c.name, JSON.stringify(c.message), c.code, c.meta, c.stack?.slice(0, 300)); }
