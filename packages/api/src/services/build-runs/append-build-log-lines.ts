import { KilnError } from '../../errors.ts';
import { insertLogLines, reserveLogSequence } from '../../repositories/build-runs-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';

export interface BuildLogLineInput {
  buildName: string | null;
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
}

/** Appends lines in order; sequence numbers are reserved under the run's row lock, so appenders never collide. */
export async function appendBuildLogLines(
  db: Queryable,
  input: { buildRunId: string; lines: BuildLogLineInput[] },
): Promise<void> {
  if (input.lines.length === 0) return;
  await inTransaction(db, async (tx) => {
    const first = await reserveLogSequence(tx, input.buildRunId, input.lines.length);
    if (first === undefined) throw KilnError.notFound(`build run ${input.buildRunId}`);
    await insertLogLines(
      tx,
      input.lines.map((line, i) => ({
        buildRunId: input.buildRunId,
        seq: first + i,
        buildName: line.buildName,
        stream: line.stream,
        text: line.text,
      })),
    );
  });
}
