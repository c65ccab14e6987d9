import { publicFailure } from './public-error.ts';

export interface BuildEventPoll<Line extends { sequence: number }> {
  /** The run's status, read before the lines: when it says finished, the lines that follow are complete. */
  status: string;
  finished: boolean;
  /** Lines with a sequence greater than the one asked for, in order. */
  lines: Line[];
  /** True when the page was cut short: more lines are already waiting. */
  more: boolean;
}

/** What the build-run event stream reads; the route wires it to the api services. */
export type BuildEventSource<Line extends { sequence: number }> = (
  afterSequence: number,
) => Promise<BuildEventPoll<Line>>;

export interface BuildEventStreamOptions {
  /** Resume after this sequence (from `Last-Event-ID` or `?after=`). */
  afterSequence: number;
  pollIntervalMs?: number;
  /** A comment line is sent this often so proxies keep the connection open. */
  keepAliveMs?: number;
  signal?: AbortSignal;
  /** Told of a read failure whose detail the client does not get (see `publicFailure`). */
  onInternalError?: (error: unknown) => void;
}

const encoder = new TextEncoder();

function frame(event: string, data: unknown, id?: number): Uint8Array {
  const idLine = id === undefined ? '' : `id: ${id}\n`;
  return encoder.encode(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** Waits `ms`, or less when `signal` aborts; leaves no listener behind either way. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A server-sent-events body: `line` events (id = the line's sequence), a `status` event whenever the status
 * changes, and a final `end` event once the run is finished and every line has been sent. A failure to read
 * is reported as a `failure` event before the stream closes.
 */
export function buildEventStream<Line extends { sequence: number }>(
  source: BuildEventSource<Line>,
  options: BuildEventStreamOptions,
): ReadableStream<Uint8Array> {
  const pollIntervalMs = options.pollIntervalMs ?? 300;
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const { signal } = options;

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let after = options.afterSequence;
      let lastStatus: string | undefined;
      let lastSentAt = Date.now();
      const send = (chunk: Uint8Array) => {
        controller.enqueue(chunk);
        lastSentAt = Date.now();
      };
      try {
        while (!signal?.aborted) {
          const poll = await source(after);
          for (const line of poll.lines) {
            send(frame('line', line, line.sequence));
            after = Math.max(after, line.sequence);
          }
          const status = { status: poll.status, finished: poll.finished };
          if (status.status !== lastStatus) {
            lastStatus = status.status;
            send(frame('status', status));
          }
          if (poll.more) continue;
          if (status.finished) {
            send(frame('end', status));
            break;
          }
          if (Date.now() - lastSentAt >= keepAliveMs) send(encoder.encode(': keep-alive\n\n'));
          await sleep(pollIntervalMs, signal);
        }
      } catch (error) {
        const failure = publicFailure(error);
        if (failure.internal) options.onInternalError?.(error);
        send(frame('failure', { message: `reading the build run failed: ${failure.message}` }));
      } finally {
        controller.close();
      }
    },
  });
}

/** Where a (re)connecting client resumes: the `Last-Event-ID` header wins over `?after=`. */
export function resumeSequence(request: Request): number {
  const fromHeader = request.headers.get('last-event-id');
  const fromQuery = new URL(request.url).searchParams.get('after');
  const value = Number(fromHeader ?? fromQuery ?? '0');
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}
