/**
 * Turns text that arrives in chunks (which may split lines) into whole lines, without their line
 * breaks; `flush()` hands over a last line that had no line break.
 */
export function lineSplitter(onLine: (line: string) => void): { push(chunk: string): void; flush(): void } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      let at = pending.search(/\r?\n/);
      while (at >= 0) {
        const end = pending[at] === '\r' ? at + 2 : at + 1;
        onLine(pending.slice(0, at));
        pending = pending.slice(end);
        at = pending.search(/\r?\n/);
      }
    },
    flush() {
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}
