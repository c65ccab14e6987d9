import { type Actor, listBuildLogLines } from '@kiln/api';
import type { KilnDb } from '@kiln/db/client';
import { buildEventStream, resumeSequence } from './build-event-stream.ts';
import { publicFailure } from './public-error.ts';

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);
const PAGE = 500;

export interface BuildRunEventsTarget {
  org: string;
  project: string;
  buildRunId: string;
}

/**
 * The server-sent-events response for one build run (see `buildEventStream`), read through the api service so
 * the actor's access is checked on every poll. The first read happens before the response starts, so a run
 * the actor may not see is a plain 404 rather than an event on an open stream.
 */
export async function buildRunEventsResponse(
  db: KilnDb,
  actor: Actor,
  target: BuildRunEventsTarget,
  request: Request,
  options: { pollIntervalMs?: number; onInternalError?: (error: unknown) => void } = {},
): Promise<Response> {
  const read = (afterSeq: number) =>
    listBuildLogLines(db, actor, {
      org: target.org,
      project: target.project,
      buildRunId: target.buildRunId,
      afterSeq,
      limit: PAGE,
    });

  const afterSequence = resumeSequence(request);
  let pending: Awaited<ReturnType<typeof read>> | undefined;
  try {
    pending = await read(afterSequence);
  } catch (error) {
    const failure = publicFailure(error);
    if (failure.internal) options.onInternalError?.(error);
    return Response.json(
      { error: `build run ${target.buildRunId}: ${failure.message}` },
      { status: failure.status },
    );
  }

  const stream = buildEventStream(
    async (after) => {
      const result = pending ?? (await read(after));
      pending = undefined;
      return {
        status: result.status,
        finished: FINISHED.has(result.status),
        lines: result.lines.map((line) => ({
          sequence: line.seq,
          stream: line.stream,
          buildName: line.buildName,
          text: line.text,
          createdAt: line.createdAt,
        })),
        more: result.lines.length === PAGE,
      };
    },
    {
      afterSequence,
      pollIntervalMs: options.pollIntervalMs ?? 300,
      signal: request.signal,
      ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
    },
  );

  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
