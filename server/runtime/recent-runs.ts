import type { RunRecord } from '../store/ports/run-store.ts';

/**
 * Runs this process just saved and will resume itself (their delivery was handed to its own
 * worker), so the result does not re-read them from the store. Bounded: the oldest entries go
 * first. An entry is taken once; if another process moved the run meanwhile, the commit's
 * revision check refuses the change and the resumer reads the run from the store.
 */
export class RecentRuns {
  private readonly runs = new Map<string, RunRecord>();
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  remember(run: RunRecord): void {
    this.runs.delete(run.id);
    this.runs.set(run.id, run);
    if (this.runs.size > this.capacity) this.runs.delete(this.runs.keys().next().value!);
  }

  /** The run as last saved here, or undefined; forgets it either way. */
  take(id: string): RunRecord | undefined {
    const run = this.runs.get(id);
    this.runs.delete(id);
    return run;
  }
}
