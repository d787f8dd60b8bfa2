import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommitQueue } from '../../server/runtime/commit-queue.ts';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { change, run } from '../contracts/store-fixtures.ts';

// Concurrent requests share one transaction (group commit). The same client event id in two
// batches of one group used to be stored once but reported duplicate to both, so its runs never
// started.
describe('the same event id in two batches of one group commit', () => {
  let dir: string;
  let store: SqliteStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hookflow-regression-'));
    store = new SqliteStore(join(dir, 'hookflow.db'));
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the event and its first run once, and reports the second as the duplicate', async () => {
    const queue = new CommitQueue(store);
    const now = new Date().toISOString();
    const event = {
      id: 'client-42',
      customerId: 'c1',
      type: 'order',
      timestamp: now,
      properties: {},
      receivedAt: now,
    };
    const batch = (runId: string) => ({
      events: [event],
      runs: [change(run({ id: runId, eventId: 'client-42' }))],
      now,
    });
    const [first, second] = await Promise.all([queue.commit(batch('run-a')), queue.commit(batch('run-b'))]);
    expect(first.duplicateEvents).toEqual([]);
    expect(second.duplicateEvents).toEqual(['client-42']);
    expect(await store.runs.get('run-a')).not.toBeNull();
    expect(await store.runs.get('run-b')).toBeNull();
  });
});
