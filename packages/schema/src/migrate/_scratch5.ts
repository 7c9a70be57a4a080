import { deployMigrations } from './index.js';
import { resolveDatabaseTarget } from '../database-url.js';
const r = await deployMigrations(resolveDatabaseTarget(), { migrationsDir: process.argv[2] });
console.log(r);
process.on('uncaughtException', (e) => { console.log('UNCAUGHT', e); });
setTimeout(() => console.log('still alive after 12s, no crash'), 12000);
