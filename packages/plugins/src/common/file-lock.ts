import { open, rm } from 'node:fs/promises';
import { PluginFailure, isErrno } from './errors.ts';

/** Packer tries three times over 600 ms; Kiln tries more often, for a little longer. */
const RETRY_EVERY_MS = 20;
const GIVE_UP_AFTER_MS = 2000;

/**
 * Runs `work` while holding `<file>.lock`, created exclusively as Packer's manifest post-processor
 * does, so that builds running side by side append to the same file one after the other. Like
 * Packer it goes ahead after its last attempt, so a lock left behind by a killed process does not
 * block every later build; unlike Packer it removes the lock only when it created it. A build
 * cancelled while it waits does not write.
 */
export async function withFileLock<T>(file: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  const lockFile = `${file}.lock`;
  let locked = false;
  const deadline = Date.now() + GIVE_UP_AFTER_MS;
  for (let attempt = 0; Date.now() < deadline && !signal.aborted; attempt++) {
    if (attempt > 0) await sleep(RETRY_EVERY_MS);
    try {
      await (await open(lockFile, 'wx', 0o600)).close();
      locked = true;
      break;
    } catch (error) {
      // Anything but a lock held by another build (a missing directory) is met again when writing.
      if (!isErrno(error, 'EEXIST')) break;
    }
  }
  try {
    if (signal.aborted) throw new PluginFailure('cancelled', `cancelled while waiting for ${lockFile}`);
    return await work();
  } finally {
    if (locked) await rm(lockFile, { force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
