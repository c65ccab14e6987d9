'use client';

import { useEffect, useRef } from 'react';
import type { StreamedLogLine } from './use-build-events.ts';

const streamTone: Record<string, string> = {
  stderr: 'text-red-300',
  system: 'text-sky-300',
};

/** The live build output; stays scrolled to the bottom while the reader is there. */
export function BuildLog({ lines, finished }: { lines: StreamedLogLine[]; finished: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const lineCount = lines.length;
  useEffect(() => {
    const el = box.current;
    if (!el || lineCount === 0) return;
    const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 120;
    if (nearBottom) el.scrollTop = el.scrollHeight;
  }, [lineCount]);

  return (
    <div
      ref={box}
      className="max-h-[32rem] overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5"
    >
      <div role="log" aria-label="Build log" aria-live="polite" className="text-slate-100">
        {lines.map((line) => (
          <div key={line.sequence} className={`whitespace-pre-wrap ${streamTone[line.stream] ?? ''}`}>
            {line.buildName ? <span className="text-slate-500">{line.buildName}: </span> : null}
            {line.text}
          </div>
        ))}
      </div>
      {lines.length === 0 ? <p className="text-slate-500">Waiting for output…</p> : null}
      {!finished && lines.length > 0 ? <p className="animate-pulse text-slate-500">…</p> : null}
    </div>
  );
}
