import type { Sealer } from '@kiln/api';
import type { KilnDb } from '@kiln/db';
import type { PluginRegistry } from '@kiln/engine';
import { type ExecutableRun, loadExecutableRun } from './executable-run.ts';

/**
 * Keeps the last few loaded runs so that the steps of one run do not re-parse its template. A
 * revision never changes, so a cached run stays right; a failed load is forgotten.
 */
export class RunCache {
  private readonly runs = new Map<string, Promise<ExecutableRun>>();

  constructor(
    private readonly db: KilnDb,
    private readonly plugins: PluginRegistry,
    private readonly sealer: Sealer,
    private readonly capacity = 32,
  ) {}

  get(buildRunId: string): Promise<ExecutableRun> {
    const cached = this.runs.get(buildRunId);
    if (cached) {
      this.runs.delete(buildRunId);
      this.runs.set(buildRunId, cached);
      return cached;
    }
    const loading = loadExecutableRun(this.db, this.plugins, this.sealer, buildRunId);
    loading.catch(() => this.runs.delete(buildRunId));
    this.runs.set(buildRunId, loading);
    for (const key of this.runs.keys()) {
      if (this.runs.size <= this.capacity) break;
      this.runs.delete(key);
    }
    return loading;
  }

  /** Drops a finished run, whose steps will not be asked for again. */
  forget(buildRunId: string): void {
    this.runs.delete(buildRunId);
  }
}
