import { describe, expect, it } from 'vitest';
import { buildEventStream, resumeSequence } from './build-event-stream.ts';

interface Line {
  sequence: number;
  text: string;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let out = '';
  for await (const chunk of stream) out += decoder.decode(chunk, { stream: true });
  return out;
}

function parseEvents(body: string): { event: string; id?: string; data: unknown }[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim() && !block.startsWith(':'))
    .map((block) => {
      const fields = Object.fromEntries(
        block.split('\n').map((row) => {
          const at = row.indexOf(': ');
          return [row.slice(0, at), row.slice(at + 2)];
        }),
      );
      return { event: fields.event, id: fields.id, data: JSON.parse(fields.data) };
    });
}

describe('buildEventStream', () => {
  it('streams lines as they appear, status changes, then ends after the last line', async () => {
    const log: Line[] = [];
    let polls = 0;
    const source = {
      async loadStatus() {
        polls += 1;
        if (polls === 2) log.push({ sequence: 1, text: 'building hello' });
        if (polls === 3) log.push({ sequence: 2, text: 'done' });
        const status = polls === 1 ? 'queued' : polls < 4 ? 'running' : 'succeeded';
        return { status, finished: status === 'succeeded' };
      },
      async loadLines(after: number) {
        return log.filter((line) => line.sequence > after);
      },
    };

    const events = parseEvents(await readAll(buildEventStream(source, { afterSequence: 0, pollIntervalMs: 1 })));

    expect(events.map((e) => e.event)).toEqual(['status', 'line', 'status', 'line', 'status', 'end']);
    expect(events[1]).toEqual({ event: 'line', id: '1', data: { sequence: 1, text: 'building hello' } });
    expect(events[3]?.data).toEqual({ sequence: 2, text: 'done' });
    expect(events.at(-1)?.data).toEqual({ status: 'succeeded', finished: true });
  });

  it('resumes after the given sequence and never repeats a line', async () => {
    const log: Line[] = [1, 2, 3].map((sequence) => ({ sequence, text: `line ${sequence}` }));
    const seen: number[] = [];
    const source = {
      loadStatus: async () => ({ status: 'succeeded', finished: true }),
      async loadLines(after: number) {
        seen.push(after);
        return log.filter((line) => line.sequence > after);
      },
    };

    const events = parseEvents(await readAll(buildEventStream(source, { afterSequence: 2, pollIntervalMs: 1 })));

    expect(seen).toEqual([2]);
    expect(events.filter((e) => e.event === 'line').map((e) => e.id)).toEqual(['3']);
  });

  it('reports a read failure as a failure event and closes', async () => {
    const source = {
      loadStatus: async () => {
        throw new Error('connection refused');
      },
      loadLines: async () => [],
    };

    const events = parseEvents(await readAll(buildEventStream(source, { afterSequence: 0, pollIntervalMs: 1 })));

    expect(events).toEqual([
      { event: 'failure', id: undefined, data: { message: 'reading the build run failed: connection refused' } },
    ]);
  });

  it('stops polling when the client goes away', async () => {
    const controller = new AbortController();
    let polls = 0;
    const source = {
      loadStatus: async () => {
        polls += 1;
        if (polls === 3) controller.abort();
        return { status: 'running', finished: false };
      },
      loadLines: async () => [],
    };

    const events = parseEvents(
      await readAll(buildEventStream(source, { afterSequence: 0, pollIntervalMs: 1, signal: controller.signal })),
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
