'use client';

export default function OrgError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-white p-6 shadow-sm">
      <h1 className="mb-2 text-lg font-semibold text-red-700">This page could not be loaded</h1>
      <p className="mb-4 text-sm text-slate-600">
        {error.message || 'The server could not answer.'}
        {error.digest ? (
          <span className="ml-1 font-mono text-xs text-slate-400">({error.digest})</span>
        ) : null}
      </p>
      <button
        type="button"
        onClick={reset}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
      >
        Try again
      </button>
    </div>
  );
}
