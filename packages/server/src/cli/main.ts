import { parseArgs } from 'node:util';
import { runCommand, usage } from './commands.js';

// `pnpm vigia …` runs through `pnpm --filter @vigia/server`, i.e. in packages/server: file
// arguments and a relative DATABASE_URL mean what they say where the user typed them.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

let code: number;
try {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string', short: 'o' },
      key: { type: 'string' },
      'dry-run': { type: 'boolean' },
      note: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  code = await runCommand(positionals, values);
} catch (error) {
  const e = error as Error & { code?: string };
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    console.error(`${e.message}\n\n${usage}`);
    code = 2;
  } else {
    console.error(`vigia: ${e.message}`);
    code = 1;
  }
}
// Exit once stdout has drained: a large export piped to a file must arrive whole.
process.stdout.write('', () => process.exit(code));
