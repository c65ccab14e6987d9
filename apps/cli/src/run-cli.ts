import { runConsole } from './console.ts';
import { runFmt } from './fmt.ts';
import { runInspect } from './inspect.ts';
import type { CliIo } from './io.ts';
import { runValidate } from './validate.ts';

const COMMANDS: Record<string, (args: readonly string[], io: CliIo) => Promise<number>> = {
  validate: runValidate,
  inspect: runInspect,
  fmt: runFmt,
  console: runConsole,
};

const HELP = `Usage: kiln <command> [options] [args]

Commands:
    console     evaluate expressions against a template
    fmt         rewrite HCL2 templates to the canonical layout
    inspect     show the variables, locals and builds of a template
    validate    check that a template is valid
`;

/** Runs one `kiln` command line and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '-h' || name === '-help' || name === '--help') {
    io.stderr(HELP);
    return name === undefined ? 127 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`kiln: unknown command "${name}"\n\n${HELP}`);
    return 127;
  }
  return command(args, io);
}
