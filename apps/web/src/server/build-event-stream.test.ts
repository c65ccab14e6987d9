import { KilnError } from '@kiln/api';
import { describe, expect, it, vi } from 'vitest';
import { type BuildEventPoll, buildEventStream, resumeSequence } from './build-event-stream.ts';

interface Line {
  sequence: number;
  text: string;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let out = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out += decoder.decode(value, { stream: true });
  }
}

function parseEvents(body: string): { event?: string; id?: string; data: unknown }[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim() && !block.startsWith(':'))
    .map((block) => {
      const fields: Record<string, string> = Object.fromEntries(
        block.split('\n').map((row) => {
          const at = row.indexOf(': ');
          return [row.slice(0, at), row.slice(at + 2)];
        }),
      );
      return { event: fields.event, id: fields.id, data: JSON.parse(fields.data ?? 'null') };
    });
}

const page = (status: string, lines: Line[], more = false): BuildEventPoll<Line> => ({
  status,
  finished: ['succeeded', 'failed', 'cancelled'].includes(status),
  lines,
  more,
});

describe('buildEventStream', () => {
  it('streams lines as they appear, status changes, then ends after the last line', async () => {
    const log: Line[] = [];
    let polls = 0;
    const source = async (after: number) => {
      polls += 1;
      if (polls === 2) log.push({ sequence: 1, text: 'building hello' });
      if (polls === 3) log.push({ sequence: 2, text: 'done' });
      const status = polls === 1 ? 'queued' : polls < 4 ? 'running' : 'succeeded';
      return page(
        status,
        log.filter((line) => line.sequence > after),
      );
    };

    const events = parseEvents(
      await readAll(buildEventStream(source, { afterSequence: 0, pollIntervalMs: 1 })),
    );

    expect(events.map((e) => e.event)).toEqual(['status', 'line', 'status', 'line', 'status', 'end']);
    expect(events[1]).toEqual({ event: 'line', id: '1', data: { sequence: 1, text: 'building hello' } });
    expect(events[3]?.data).toEqual({ sequence: 2, text: 'done' });
    expect(events.at(-1)?.data).toEqual({ status: 'succeeded', finished: true });
  });

  it('resumes after the given sequence and never repeats a line', async () => {
    const log: Line[] = [1, 2, 3].map((sequence) => ({ sequence, text: `line ${sequence}` }));
    const asked: number[] = [];
    const source = async (after: number) => {
      asked.push(after);
      return page(
        'succeeded',
        log.filter((line) => line.sequence > after),
      );
    };

    const events = parseEvents(
      await readAll(buildEventStream(source, { afterSequence: 2, pollIntervalMs: 1 })),
    );

    expect(asked).toEqual([2]);
    expect(events.filter((e) => e.event === 'line').map((e) => e.id)).toEqual(['3']);
  });

  it('keeps reading full pages of a finished run before it ends', async () => {
    const log: Line[] = [1, 2, 3, 4, 5].map((sequence) => ({ sequence, text: `line ${sequence}` }));
    const source = async (after: number) => {
      const rest = log.filter((line) => line.sequence > after);
      return page('failed', rest.slice(0, 2), rest.length > 2);
    };

    const events = parseEvents(
      await readAll(buildEventStream(source, { afterSequence: 0, pollIntervalMs: 1 })),
    );

    expect(events.filter((e) => e.event === 'line').map((e) => e.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(events.at(-1)).toEqual({
      event: 'end',
      id: undefined,
      data: { status: 'failed', finished: true },
    });
  });

  it('reports a read failure as a failure event without its internals, tells the server, and closes', async () => {
    const cause = new Error('connect ECONNREFUSED postgres://kiln:s3cret@127.0.0.1:54329/kiln');
    const source = async (): Promise<BuildEventPoll<Line>> => {
      throw cause;
    };
    const logged: unknown[] = [];

    const body = await readAll(
      buildEventStream(source, {
        afterSequence: 0,
        pollIntervalMs: 1,
        onInternalError: (error) => logged.push(error),
      }),
    );

    expect(parseEvents(body)).toEqual([
      { event: 'failure', id: undefined, data: { message: 'reading the build run failed: internal error' } },
    ]);
    expect(body).not.toMatch(/s3cret|postgres:|ECONNREFUSED|at /);
    expect(logged).toEqual([cause]);
  });

  it('passes on the message of a Kiln error, which is written for users', async () => {
    const source = async (): Promise<BuildEventPoll<Line>> => {
      throw KilnError.notFound('build run "r1"');
    };
    const events = parseEvents(await readAll(buildEventStream(source, { afterSequence: 0 })));
    expect(events[0]?.data).toEqual({
      message: 'reading the build run failed: build run "r1" was not found',
    });
  });

  it('stops polling when the client goes away', async () => {
    const controller = new AbortController();
    let polls = 0;
    const source = async () => {
      polls += 1;
      if (polls === 3) controller.abort();
      return page('running', []);
    };

    const events = parseEvents(
      await readAll(
        buildEventStream(source, { afterSequence: 0, pollIntervalMs: 1, signal: controller.signal }),
      ),
    );

    expect(polls).toBe(3);
    expect(events.map((e) => e.event)).toEqual(['status']);
  });
});

describe('resumeSequence', () => {
  it('prefers Last-Event-ID, falls back to ?after=, and ignores junk', () => {
    const url = 'http://kiln.test/api/build-runs/r1/events';
    expect(resumeSequence(new Request(`${url}?after=4`, { headers: { 'last-event-id': '9' } }))).toBe(9);
    expect(resumeSequence(new Request(`${url}?after=4`))).toBe(4);
    expect(resumeSequence(new Request(`${url}?after=abc`))).toBe(0);
    expect(resumeSequence(new Request(url))).toBe(0);
  });
});

describe('polling', () => {
  it('leaves no abort listener behind per poll', async () => {
    const controller = new AbortController();
    const signal = controller.signal;
    const added = vi.spyOn(signal, 'addEventListener');
    const removed = vi.spyOn(signal, 'removeEventListener');
    let polls = 0;
    const source = async () => {
      polls += 1;
      return page(polls < 20 ? 'running' : 'succeeded', []);
    };

    await readAll(buildEventStream(source, { afterSequence: 0, pollIntervalMs: 1, signal }));

    expect(added).toHaveBeenCalledTimes(19);
    expect(removed).toHaveBeenCalledTimes(19);
  });
});
