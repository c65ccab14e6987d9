// Installs the tools the tests need when they are missing (the Temporal CLI), and says what it found.
import { ensureTemporalCli } from './temporal.ts';

const cli = await ensureTemporalCli((line) => console.log(line));
if (cli) console.log(`Temporal CLI: ${cli.path} (${cli.source})`);
else
  console.log('Temporal CLI: not installed and Go is absent; tests use the SDK-managed dev server download.');
