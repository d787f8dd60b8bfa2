import type { CommitBatch, CommitResult, Store } from '../store/ports/store.ts';
import { asStoreError } from '../store/store-error.ts';

interface Pending {
  batch: CommitBatch;
  resolve: (result: CommitResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: batches handed in during the same turn of the event loop are written in one
 * store transaction (one WAL append instead of one per HTTP request). Each caller gets back
 * the part of the result that concerns its own batch. If the merged transaction fails, every
 * batch is retried on its own so one bad batch cannot fail the others, unless the store itself
 * failed (full, unreachable): then every batch gets that error.
 */
export class CommitQueue {
  private readonly store: Pick<Store, 'commit'>;
  private pending: Pending[] = [];

  constructor(store: Pick<Store, 'commit'>) {
    this.store = store;
  }

  commit(batch: CommitBatch): Promise<CommitResult> {
    return new Promise((resolve, reject) => {
      if (this.pending.push({ batch, resolve, reject }) === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const group = this.pending;
    this.pending = [];
    for (const round of rounds(group)) await this.commitRound(round);
  }

  private async commitRound(group: Pending[]): Promise<void> {
    if (group.length === 1) return settle(group[0]!, () => this.store.commit(group[0]!.batch));
    let merged: CommitResult;
    try {
      merged = await this.store.commit(mergeBatches(group.map((item) => item.batch)));
    } catch (error) {
      // A full disk fails every batch alike: answer them all now rather than retry each.
      if (asStoreError(error)) for (const item of group) item.reject(error);
      else for (const item of group) await settle(item, () => this.store.commit(item.batch));
      return;
    }
    const duplicates = new Set(merged.duplicateEvents);
    const conflicts = new Set(merged.conflicts);
    for (const { batch, resolve } of group) {
      resolve({
        duplicateEvents: (batch.events ?? []).map((event) => event.id).filter((id) => duplicates.has(id)),
        conflicts: (batch.runs ?? []).map((change) => change.run.id).filter((id) => conflicts.has(id)),
      });
    }
  }
}

/**
 * Splits a group where a batch repeats an event id an earlier batch of the round carries: in one
 * transaction both would be reported duplicate and neither would start its runs; in two, the
 * second one finds the first already stored.
 */
function rounds(group: Pending[]): Pending[][] {
  const result: Pending[][] = [];
  let current: Pending[] = [];
  let seen = new Set<string>();
  for (const item of group) {
    const ids = (item.batch.events ?? []).map((event) => event.id);
    if (ids.some((id) => seen.has(id))) {
      result.push(current);
      current = [];
      seen = new Set();
    }
    current.push(item);
    for (const id of ids) seen.add(id);
  }
  if (current.length > 0) result.push(current);
  return result;
}

async function settle(item: Pending, work: () => Promise<CommitResult>): Promise<void> {
  try {
    item.resolve(await work());
  } catch (error) {
    item.reject(error);
  }
}

function mergeBatches(batches: CommitBatch[]): CommitBatch {
  return {
    customers: batches.flatMap((batch) => batch.customers ?? []),
    events: batches.flatMap((batch) => batch.events ?? []),
    runs: batches.flatMap((batch) => batch.runs ?? []),
    closeDeliveries: batches.flatMap((batch) => batch.closeDeliveries ?? []),
    // Every batch asks the same subscription index; the latest answer stands for the group.
    ...watchOf(batches),
    now: batches.at(-1)!.now,
  };
}

function watchOf(batches: CommitBatch[]): Pick<CommitBatch, 'watch'> {
  const watch = batches.findLast((batch) => batch.watch)?.watch;
  return watch ? { watch } : {};
}
