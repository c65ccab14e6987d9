export { runConsole } from './console.ts';
export { runFmt } from './fmt.ts';
export { inspectText, runInspect } from './inspect.ts';
export { type CliIo, memoryIo, processIo } from './io.ts';
export { printableValue } from './printable-value.ts';
export { runValidate } from './validate.ts';
export { runCli } from './run-cli.ts';
