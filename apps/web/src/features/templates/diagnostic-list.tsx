import { diagnosticViews, type TemplateDiagnosticData } from './source-lines.ts';

/** Every diagnostic with its location and the source line, a caret under the column. */
export function DiagnosticList({
  diagnostics,
  files,
  label,
}: {
  diagnostics: readonly TemplateDiagnosticData[];
  files?: Record<string, string>;
  label: string;
}) {
  const views = diagnosticViews(diagnostics, files);
  return (
    <ul aria-label={label} className="space-y-3">
      {views.map((view) => (
        <li
          key={view.key}
          data-testid="diagnostic"
          className={`rounded-md border px-4 py-3 text-sm ${
            view.severity === 'error' ? 'border-red-200 bg-red-50' : 'border-amber-200 bg-amber-50'
          }`}
        >
          <p className="font-medium">
            <span className={view.severity === 'error' ? 'text-red-700' : 'text-amber-700'}>
              {view.severity === 'error' ? 'Error' : 'Warning'}:
            </span>{' '}
            {view.summary}
          </p>
          {view.location ? <p className="mt-1 font-mono text-xs text-slate-600">{view.location}</p> : null}
          {view.line !== undefined ? (
            <pre className="mt-2 overflow-x-auto rounded bg-white px-3 py-2 font-mono text-xs text-slate-800">
              {view.line}
              {'\n'}
              <span aria-hidden className="text-red-600">
                {`${' '.repeat(Math.max(0, (view.column ?? 1) - 1))}^`}
              </span>
            </pre>
          ) : null}
          {view.detail ? <p className="mt-2 text-slate-700">{view.detail}</p> : null}
        </li>
      ))}
    </ul>
  );
}
