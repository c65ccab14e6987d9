'use client';

import { useEffect, useRef, useState } from 'react';

export interface StreamedLogLine {
  sequence: number;
  stream: string;
  buildName: string | null;
  text: string;
  createdAt: string;
}

export interface BuildEventsState {
  lines: StreamedLogLine[];
  status: string | undefined;
  finished: boolean;
  failure: string | undefined;
}

/**
 * Follows `/api/build-runs/<id>/events`: appends log lines as they arrive and tracks the run status until the
 * server sends `end`. `onStatus` runs on every status change (to refresh other views of the run).
 */
export function useBuildEvents(
  scope: { org: string; project: string },
  buildRunId: string,
  onStatus?: (status: string) => void,
): BuildEventsState {
  const { org, project } = scope;
  const [state, setState] = useState<BuildEventsState>({
    lines: [],
    status: undefined,
    finished: false,
    failure: undefined,
  });

  const onStatusRef = useRef(onStatus);
  useEffect(() => {
    onStatusRef.current = onStatus;
  }, [onStatus]);

  useEffect(() => {
    const source = new EventSource(
      `/api/build-runs/${encodeURIComponent(buildRunId)}/events?${new URLSearchParams({ org, project })}`,
    );
    source.addEventListener('line', (event) => {
      const line = JSON.parse((event as MessageEvent<string>).data) as StreamedLogLine;
      setState((previous) =>
        previous.lines.some((l) => l.sequence === line.sequence)
          ? previous
          : { ...previous, lines: [...previous.lines, line] },
      );
    });
    source.addEventListener('status', (event) => {
      const { status } = JSON.parse((event as MessageEvent<string>).data) as { status: string };
      setState((previous) => ({ ...previous, status }));
      onStatusRef.current?.(status);
    });
    source.addEventListener('end', (event) => {
      const { status } = JSON.parse((event as MessageEvent<string>).data) as { status: string };
      source.close();
      setState((previous) => ({ ...previous, status, finished: true }));
      onStatusRef.current?.(status);
    });
    source.addEventListener('failure', (event) => {
      const { message } = JSON.parse((event as MessageEvent<string>).data) as { message: string };
      source.close();
      setState((previous) => ({ ...previous, failure: message }));
    });
    source.addEventListener('error', () => {
      // The browser retries dropped connections by itself; CLOSED means the server refused the stream.
      if (source.readyState === EventSource.CLOSED) {
        setState((previous) =>
          previous.finished
            ? previous
            : { ...previous, failure: 'The live log could not be opened. Reload to try again.' },
        );
      }
    });
    return () => source.close();
  }, [org, project, buildRunId]);

  return state;
}
