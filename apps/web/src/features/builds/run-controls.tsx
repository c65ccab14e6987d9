'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '~/features/ui/error-message.ts';
import { useTRPC } from '~/trpc/react.tsx';

const buttonClass =
  'rounded-md border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50';

/** Cancel for a run that is going: it stops every build, which cleans up what it created. */
export function CancelRunButton({ org, project, runId }: { org: string; project: string; runId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(
    trpc.buildRuns.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.buildRuns.get.queryKey() }),
    }),
  );
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        data-testid="cancel-run"
        className={`${buttonClass} border-red-300 text-red-700 hover:bg-red-50`}
        disabled={cancel.isPending || cancel.isSuccess}
        onClick={() => cancel.mutate({ org, project, id: runId })}
      >
        {cancel.isSuccess ? 'Cancelling…' : 'Cancel run'}
      </button>
      {cancel.isError ? <span className="text-xs text-red-700">{errorMessage(cancel.error)}</span> : null}
    </span>
  );
}

/** Resume for a build that waits at a breakpoint. */
export function ResumeBuildButton({
  org,
  project,
  runId,
  build,
}: {
  org: string;
  project: string;
  runId: string;
  build: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resume = useMutation(
    trpc.buildRuns.resume.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.buildRuns.get.queryKey() }),
    }),
  );
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        data-testid="resume-build"
        className={`${buttonClass} border-sky-300 text-sky-800 hover:bg-sky-50`}
        disabled={resume.isPending}
        onClick={() => resume.mutate({ org, project, id: runId, build })}
      >
        Resume
      </button>
      {resume.isError ? <span className="text-xs text-red-700">{errorMessage(resume.error)}</span> : null}
    </span>
  );
}
