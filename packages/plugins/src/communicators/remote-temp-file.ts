import type { Communicator, RunContext } from '@kiln/engine';
import { PluginFailure, errorMessage } from '../common/errors.ts';

/** A file a provisioner puts on the machine for a while (a script), recorded in the resource ledger. */
export interface RemoteTempFile {
  path: string;
  /** Writes the file; the ledger says it exists from the moment the upload started. */
  upload(content: string, mode: number): Promise<void>;
  /** Deletes it (`rm -f`) unless it was never uploaded; a failure marks it orphaned, with how to remove it. */
  remove(): Promise<void>;
}

function quote(text: string): string {
  return `'${text.replaceAll("'", `'"'"'`)}'`;
}

/**
 * Records `remotePath` in the ledger before anything is uploaded (so a cancel, a throw or a lost
 * worker cannot lose it), marks it created once uploaded, and deleted or orphaned by `remove()`.
 */
export function remoteTempFile(
  communicator: Communicator,
  ctx: RunContext,
  remotePath: string,
  description: string,
): RemoteTempFile {
  const key = `remote-file:${communicator.address}:${remotePath}`;
  let uploaded = false;
  return {
    path: remotePath,
    async upload(content, mode) {
      await ctx.ledger.intend({
        key,
        kind: 'remote-file',
        provider: communicator.type,
        description: `${description} on ${communicator.address}`,
        data: { address: communicator.address, path: remotePath },
      });
      uploaded = true;
      await communicator.upload(remotePath, content, { signal: ctx.signal, mode });
      await ctx.ledger.created(key, remotePath);
    },
    async remove() {
      if (!uploaded) return;
      // Not tied to ctx.signal: after a cancel, the file must still go.
      let reason: string | undefined;
      try {
        const result = await communicator.exec(`rm -f ${quote(remotePath)}`);
        if (result.exitStatus !== 0) reason = `rm -f exited with ${result.exitStatus ?? 'no status'}`;
      } catch (error) {
        reason = errorMessage(error);
      }
      if (reason === undefined) {
        await ctx.ledger.deleted(key);
        return;
      }
      const how = `remove it by hand: ssh ${communicator.address} rm -f ${quote(remotePath)}`;
      await ctx.ledger.orphaned(key, `${reason}; ${how}`);
      throw new PluginFailure(
        'provisioner-failed',
        `could not delete ${remotePath} on ${communicator.address}: ${reason}`,
      );
    },
  };
}
