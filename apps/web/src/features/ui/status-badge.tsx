const tones: Record<string, string> = {
  succeeded: 'bg-emerald-100 text-emerald-800',
  done: 'bg-emerald-100 text-emerald-800',
  completed: 'bg-emerald-100 text-emerald-800',
  'cleanup-failed': 'bg-red-100 text-red-800',
  active: 'bg-emerald-100 text-emerald-800',
  running: 'bg-sky-100 text-sky-800',
  paused: 'bg-violet-100 text-violet-800',
  intended: 'bg-slate-100 text-slate-700',
  created: 'bg-sky-100 text-sky-800',
  deleted: 'bg-emerald-100 text-emerald-800',
  orphaned: 'bg-red-100 text-red-800',
  queued: 'bg-slate-100 text-slate-700',
  pending: 'bg-slate-100 text-slate-700',
  failed: 'bg-red-100 text-red-800',
  cancelled: 'bg-amber-100 text-amber-800',
  canceled: 'bg-amber-100 text-amber-800',
  revoked: 'bg-amber-100 text-amber-800',
  timed_out: 'bg-red-100 text-red-800',
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const tone = tones[status.toLowerCase()] ?? 'bg-slate-100 text-slate-700';
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${tone}`}>
      {label ?? status}
    </span>
  );
}
