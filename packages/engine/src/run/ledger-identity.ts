import type { LedgerEntry } from '../spi/ledger.ts';

/** Two 32-bit FNV-1a hashes (different offsets) as 16 hex digits: short, stable, no Node built-ins. */
function fnv64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * The idempotency key and tags of a ledger entry: the same for (run, build, key) on every worker
 * and every retry. The key is at most 64 characters of [A-Za-z0-9-] (EC2's ClientToken takes 64).
 */
export function ledgerIdentity(
  buildRunId: string,
  buildName: string,
  key: string,
): Pick<LedgerEntry, 'idempotencyKey' | 'tags'> {
  const readable = `kiln-${buildRunId}-${key}`.replace(/[^A-Za-z0-9-]/g, '-');
  const digest = fnv64(`${buildRunId}\u0000${buildName}\u0000${key}`);
  const idempotencyKey = `${readable.slice(0, 64 - digest.length - 1)}-${digest}`;
  return {
    idempotencyKey,
    tags: { 'kiln:run': buildRunId, 'kiln:build': buildName, 'kiln:resource': key },
  };
}
