/** Read-only source with line numbers. */
export function SourceView({ content, label }: { content: string; label: string }) {
  const lines = content.replace(/\r?\n$/, '').split(/\r?\n/);
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-slate-950 text-slate-100">
      <ol aria-label={label} className="py-3 font-mono text-xs leading-5">
        {lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a line is identified by its number
          <li key={index} className="flex">
            <span
              data-testid="line-number"
              className="w-12 shrink-0 select-none pr-4 text-right text-slate-500"
              aria-hidden
            >
              {index + 1}
            </span>
            <code className="whitespace-pre pr-4">{line || ' '}</code>
          </li>
        ))}
      </ol>
    </div>
  );
}
