/** Waits `ms`, or less when `signal` aborts first; resolves `false` when it was aborted. */
export function waitUnlessAborted(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const timer = setTimeout(() => done(true), ms);
    function done(completed: boolean) {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(completed);
    }
    function onAbort() {
      done(false);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
