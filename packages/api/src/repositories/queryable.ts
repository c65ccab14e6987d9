import type { KilnDb, KilnTx } from '@kiln/db';

/** A database or an open transaction: repositories work with either. */
export type Queryable = KilnDb | KilnTx;

/** Runs `fn` in a transaction, or inside the one already open. */
export function inTransaction<T>(db: Queryable, fn: (tx: KilnTx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}
