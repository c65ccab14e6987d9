'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { RecentRuns } from '~/features/builds/recent-runs.tsx';
import { errorMessage } from '~/features/ui/error-message.ts';
import { buttonClass, ErrorNote, PageHeader, Section, secondaryButtonClass } from '~/features/ui/section.tsx';
import { useDebounced } from '~/features/ui/use-debounced.ts';
import { useTRPC } from '~/trpc/react.tsx';
import { refusalDiagnostics } from './build-refusal.ts';
import { DiagnosticList } from './diagnostic-list.tsx';
import type { TemplateDiagnosticData } from './source-lines.ts';
import { SourceView } from './source-view.tsx';

interface Refusal {
  action: 'Build' | 'Save';
  diagnostics: TemplateDiagnosticData[];
  files: Record<string, string>;
}

/**
 * One template: its latest revision with line numbers, an editor with live diagnostics, Save, Build, and the
 * template's recent runs. Build saves unsaved edits first; a template with errors is refused with every
 * diagnostic and no run starts.
 */
export function TemplateWorkbench({
  org,
  project,
  template,
}: {
  org: string;
  project: string;
  template: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const details = useQuery(trpc.templates.get.queryOptions({ org, project, template }));
  const revision = details.data?.revision;
  const filename = revision?.filename ?? `${template}.pkr.hcl`;

  const [draft, setDraft] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (revision && draft === undefined) setDraft(revision.content);
  }, [revision, draft]);
  const content = draft ?? revision?.content ?? '';
  const dirty = revision !== undefined && draft !== undefined && draft !== revision.content;

  const debounced = useDebounced(content, 400);
  const validation = useQuery({
    ...trpc.templates.validate.queryOptions({ filename, content: debounced }),
    enabled: draft !== undefined,
    placeholderData: (previous) => previous,
  });

  const [refusal, setRefusal] = useState<Refusal>();
  const save = useMutation(trpc.templates.saveRevision.mutationOptions());
  const start = useMutation(trpc.buildRuns.start.mutationOptions());

  async function saveDraft() {
    await save.mutateAsync({ org, project, template, content });
    await queryClient.invalidateQueries({
      queryKey: trpc.templates.get.queryKey({ org, project, template }),
    });
  }

  async function run(action: Refusal['action'], work: () => Promise<void>) {
    setRefusal(undefined);
    try {
      await work();
    } catch (error) {
      const diagnostics = refusalDiagnostics(error);
      if (diagnostics) setRefusal({ action, diagnostics, files: { [filename]: content } });
    }
  }

  const onSave = () => run('Save', saveDraft);
  const onBuild = () =>
    run('Build', async () => {
      if (dirty) await saveDraft();
      const started = await start.mutateAsync({ org, project, template });
      router.push(`/orgs/${org}/projects/${project}/runs/${started.id}`);
    });

  if (details.isPending) return <p className="text-sm text-slate-500">Loading template…</p>;
  if (details.isError) return <ErrorNote>{errorMessage(details.error)}</ErrorNote>;

  const liveDiagnostics = validation.data?.diagnostics ?? [];
  const busy = start.isPending || save.isPending;
  const otherFailure = refusal ? undefined : (start.error ?? save.error);
  return (
    <>
      <PageHeader
        title={details.data.name}
        subtitle={revision ? `Revision ${revision.number} · ${revision.filename}` : 'No revision yet'}
        actions={
          <button
            type="button"
            onClick={() => void onBuild()}
            disabled={busy || !revision}
            className={buttonClass}
          >
            {start.isPending ? 'Starting…' : 'Build'}
          </button>
        }
      />
      {refusal ? (
        <section
          aria-labelledby="refusal-title"
          className="mb-8 rounded-xl border border-red-300 bg-white p-5 shadow-sm"
        >
          <h2 id="refusal-title" className="mb-3 font-semibold text-red-700">
            {refusal.action} refused: the template has {refusal.diagnostics.length} problem
            {refusal.diagnostics.length === 1 ? '' : 's'}. No run was started.
          </h2>
          <DiagnosticList
            diagnostics={refusal.diagnostics}
            files={refusal.files}
            label="Refusal diagnostics"
          />
        </section>
      ) : null}
      {otherFailure ? (
        <div className="mb-6">
          <ErrorNote>{errorMessage(otherFailure)}</ErrorNote>
        </div>
      ) : null}
      <Section title="Source">
        {revision ? (
          <SourceView content={revision.content} label="Template source" />
        ) : (
          <p className="text-sm text-slate-500">This template has no revision yet.</p>
        )}
      </Section>
      <Section
        title="Edit"
        actions={
          <button
            type="button"
            onClick={() => void onSave()}
            disabled={!dirty || busy}
            className={secondaryButtonClass}
          >
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
        }
      >
        <label htmlFor="template-editor" className="mb-2 block font-mono text-sm text-slate-600">
          {filename}
        </label>
        <textarea
          id="template-editor"
          aria-label="Template editor"
          value={content}
          onChange={(event) => setDraft(event.target.value)}
          spellCheck={false}
          rows={Math.min(30, Math.max(10, content.split('\n').length + 1))}
          className="w-full rounded-md border border-slate-300 p-3 font-mono text-xs leading-5 focus:border-orange-500 focus:outline-none focus:ring-2 focus:ring-orange-200"
        />
        <div className="mt-3" aria-live="polite">
          {validation.isPending ? (
            <p className="text-sm text-slate-500">Checking…</p>
          ) : liveDiagnostics.length === 0 ? (
            <p className="text-sm text-emerald-700">No problems found.</p>
          ) : (
            <DiagnosticList
              diagnostics={liveDiagnostics}
              files={{ [filename]: debounced }}
              label="Live diagnostics"
            />
          )}
        </div>
      </Section>
      <RecentRuns org={org} project={project} template={template} />
    </>
  );
}
