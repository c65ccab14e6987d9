'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { errorMessage } from '~/features/ui/error-message.ts';
import { formatTime } from '~/features/ui/format.ts';
import { useDebounced } from '~/features/ui/use-debounced.ts';
import { buttonClass, ErrorNote, inputClass, secondaryButtonClass } from '~/features/ui/section.tsx';
import { useTRPC } from '~/trpc/react.tsx';

export interface RevokeTarget {
  org: string;
  project: string;
  bucket: string;
  versionId: string;
  versionName: string;
}

/** `datetime-local` value (local time, minutes) to a Date; undefined when empty or malformed. */
function parseLocalTime(value: string): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Revokes a version after showing what it reaches: the descendants that inherit the revocation, the channels
 * that roll back (and to which version), and who looked these versions up recently.
 */
export function RevokeVersionDialog({
  target,
  onClose,
  onRevoked,
}: {
  target: RevokeTarget;
  onClose: () => void;
  onRevoked: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [at, setAt] = useState('');
  const [skipDescendants, setSkipDescendants] = useState(false);
  const [keepChannels, setKeepChannels] = useState(false);
  const [error, setError] = useState<string>();
  const settledAt = useDebounced(at, 300);
  const revokeAt = when === 'later' ? parseLocalTime(settledAt) : undefined;
  const { org, project, bucket, versionId } = target;
  const preview = useQuery(
    trpc.registry.previewRevocation.queryOptions({
      org,
      project,
      bucket,
      versionId,
      revokeAt,
      skipDescendants,
    }),
  );
  const revoke = useMutation(trpc.registry.revokeVersion.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    setError(undefined);
    if (!reason) {
      setError('Give a reason: it is shown to everyone who looks the version up.');
      return;
    }
    if (when === 'later' && !parseLocalTime(at)) {
      setError('Choose when the revocation takes effect.');
      return;
    }
    try {
      await revoke.mutateAsync({
        org,
        project,
        bucket,
        versionId,
        reason,
        revokeAt: when === 'later' ? parseLocalTime(at) : undefined,
        skipDescendants,
        keepChannels,
      });
      await onRevoked();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  const data = preview.data;
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-slate-900/40 p-6">
      <div
        role="dialog"
        aria-modal="true"
        aria-label={`Revoke ${target.versionName}`}
        className="w-full max-w-2xl rounded-xl bg-white p-6 shadow-xl"
      >
        <h2 className="mb-4 text-lg font-semibold">
          Revoke {target.bucket} {target.versionName}
        </h2>
        <form onSubmit={onSubmit} aria-label="Revocation" className="space-y-4">
          <label className="flex flex-col text-sm">
            <span className="mb-1 font-medium">Reason</span>
            <textarea name="reason" required rows={2} maxLength={500} className={inputClass} />
          </label>
          <fieldset className="flex flex-wrap items-center gap-4 text-sm">
            <legend className="mb-1 font-medium">When</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} />
              Now
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="when" checked={when === 'later'} onChange={() => setWhen('later')} />
              At
            </label>
            <input
              type="datetime-local"
              aria-label="Revoke at"
              disabled={when !== 'later'}
              value={at}
              onChange={(e) => setAt(e.target.value)}
              className={inputClass}
            />
          </fieldset>
          <OptionCheckbox checked={!skipDescendants} onChange={(on) => setSkipDescendants(!on)}>
            Revoke the versions built from it too (they inherit the revocation)
          </OptionCheckbox>
          <OptionCheckbox checked={!keepChannels} onChange={(on) => setKeepChannels(!on)}>
            Roll its channels back to their previous good version
          </OptionCheckbox>

          <section
            aria-label="What the revocation reaches"
            className="space-y-3 rounded-lg bg-slate-50 p-4 text-sm"
          >
            {preview.isPending ? <p className="text-slate-500">Working out what it reaches…</p> : null}
            {preview.isError ? <ErrorNote>{errorMessage(preview.error)}</ErrorNote> : null}
            {data ? (
              <>
                <p>Takes effect {data.immediate ? 'now' : `at ${formatTime(data.effectAt)}`}.</p>
                <PreviewList
                  title="Descendants"
                  empty="No version was built from it."
                  testId="preview-descendant"
                  items={data.descendants.map((d) => ({
                    key: d.id,
                    subject: `${d.bucketName} ${d.name}`,
                    detail: d.inherits
                      ? 'inherits the revocation'
                      : d.ownRevocation
                        ? 'has its own revocation'
                        : 'left as it is',
                  }))}
                />
                <PreviewList
                  title="Channels"
                  empty="No channel points at these versions."
                  testId="preview-channel"
                  items={data.channels.map((c) => ({
                    key: c.id,
                    subject: `${c.bucketName}/${c.name} on ${c.versionName}`,
                    detail: keepChannels
                      ? 'stays (lookups will fail)'
                      : `→ ${c.rollbackTo ? c.rollbackTo.name : 'unassigned'}`,
                  }))}
                />
                <PreviewList
                  title={`Looked up in the last ${data.lookupWindowDays} days`}
                  empty="Nobody looked these versions up."
                  testId="preview-lookup"
                  items={data.lookups.map((l) => ({
                    key: `${l.versionId}-${l.channelName}-${l.actorName}`,
                    subject: l.actorName,
                    detail: `read ${l.bucketName} ${l.versionName}${l.channelName ? ` via ${l.channelName}` : ''} ${l.count}× (last ${formatTime(l.lastAt)})`,
                  }))}
                />
              </>
            ) : null}
          </section>

          <div aria-live="polite">{error ? <ErrorNote>{error}</ErrorNote> : null}</div>
          <div className="flex justify-end gap-3">
            <button type="button" className={secondaryButtonClass} onClick={onClose}>
              Cancel
            </button>
            <button type="submit" disabled={revoke.isPending} className={buttonClass}>
              {revoke.isPending ? 'Revoking…' : `Revoke ${target.versionName}`}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

/** One part of the preview: a titled list, or a line saying it is empty. */
function PreviewList({
  title,
  empty,
  testId,
  items,
}: {
  title: string;
  empty: string;
  testId: string;
  items: { key: string; subject: string; detail: string }[];
}) {
  return (
    <div>
      <h3 className="font-medium">{title}</h3>
      {items.length === 0 ? (
        <p className="text-slate-500">{empty}</p>
      ) : (
        <ul aria-label={title}>
          {items.map((item) => (
            <li key={item.key} data-testid={testId}>
              {item.subject} <span className="text-slate-500">{item.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function OptionCheckbox({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}
