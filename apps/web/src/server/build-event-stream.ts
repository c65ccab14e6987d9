/** What the build-run event stream reads; the route wires it to the api services. */
export interface BuildEventSource<Line extends { sequence: number }> {
  /** The run's current status and whether it will change again. */
  loadStatus(): Promise<{ status: string; finished: boolean }>;
  /** Log lines with a sequence greater than `afterSequence`, in order. */
  loadLines(afterSequence: number): Promise<Line[]>;
}

export interface BuildEventStreamOptions {
  /** Resume after this sequence (from `Last-Event-ID` or `?after=`). */
  afterSequence: number;
  pollIntervalMs?: number;
  /** A comment line is sent this often so proxies keep the connection open. */
  keepAliveMs?: number;
  signal?: AbortSignal;
}

const encoder = new TextEncoder();

function frame(event: string, data: unknown, id?: number): Uint8Array {
  const idLine = id === undefined ? '' : `id: ${id}\n`;
  return encoder.encode(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

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
          // Status first: when it says finished, the lines read next are complete.
          const status = await source.loadStatus();
          const lines = await source.loadLines(after);
          for (const line of lines) {
            send(frame('line', line, line.sequence));
            after = Math.max(after, line.sequence);
          }
          if (status.status !== lastStatus) {
            lastStatus = status.status;
            send(frame('status', status));
          }
          if (status.finished) {
            send(frame('end', status));
            break;
          }
          if (Date.now() - lastSentAt >= keepAliveMs) send(encoder.encode(': keep-alive\n\n'));
          await sleep(pollIntervalMs, signal);
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        send(frame('failure', { message: `reading the build run failed: ${message}` }));
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
