import {
  ensureTemporalCli,
  freePort,
  startTemporalDevServer,
  startTemporalViaSdkDownload,
  type TemporalServer,
} from '@kiln/runtime';

/** A Temporal dev server (in memory) on a free loopback port. */
export async function startTemporal(): Promise<TemporalServer> {
  const port = await freePort();
  const cli = await ensureTemporalCli((line) => console.log(line));
  return cli ? startTemporalDevServer({ cli: cli.path, port }) : startTemporalViaSdkDownload({ port });
}
