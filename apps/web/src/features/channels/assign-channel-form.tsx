'use client';

import { type FormEvent, useState } from 'react';
import { errorMessage } from '~/features/ui/error-message.ts';
import { buttonClass, ErrorNote, inputClass } from '~/features/ui/section.tsx';

export interface AssignableVersion {
  id: string;
  name: string;
  fingerprint: string;
}

/** Assigns a version to a channel by name; the channel is created when missing. */
export function AssignChannelForm({
  versions,
  onAssign,
  pending,
}: {
  versions: AssignableVersion[];
  onAssign: (input: { channel: string; versionId: string }) => Promise<void>;
  pending: boolean;
}) {
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const channel = String(form.get('channel') ?? '').trim();
    const versionId = String(form.get('version') ?? '');
    setError(undefined);
    setDone(undefined);
    if (!channel || !versionId) {
      setError('Choose a version and name a channel.');
      return;
    }
    try {
      await onAssign({ channel, versionId });
      const version = versions.find((v) => v.id === versionId);
      setDone(`Channel ${channel} now points at ${version?.name ?? versionId}.`);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  if (versions.length === 0)
    return <p className="text-sm text-slate-500">No complete version to assign yet.</p>;
  return (
    <form onSubmit={onSubmit} aria-label="Assign a channel" className="flex flex-wrap items-end gap-3">
      <label className="flex flex-col text-sm">
        <span className="mb-1 font-medium">Version</span>
        <select name="version" className={inputClass} defaultValue={versions[0]?.id}>
          {versions.map((version) => (
            <option key={version.id} value={version.id}>
              {version.name} ({version.fingerprint.slice(0, 12)})
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-sm">
        <span className="mb-1 font-medium">Channel</span>
        <input name="channel" required placeholder="production" className={inputClass} />
      </label>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? 'Assigning…' : 'Assign'}
      </button>
      <div className="basis-full" aria-live="polite">
        {error ? <ErrorNote>{error}</ErrorNote> : null}
        {done ? <p className="text-sm text-emerald-700">{done}</p> : null}
      </div>
    </form>
  );
}
