import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WAL_SIZE_LIMIT } from '../../server/store/sqlite/open-database.ts';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { WalCheckpointer } from '../../server/store/sqlite/wal-checkpointer.ts';
import { makeDataDir, removeDataDir, startTestServer } from '../integration/helpers/test-server.ts';

const MiB = 1024 * 1024;

/**
 * The WAL was checkpointed only past 20,000 pages (about 80 MB) and never shrank, so on a 64 MB
 * volume it filled the disk on its own. Now it is checkpointed past 16 MiB, cut back to 16 MiB
 * when it starts over, and truncated to nothing when the store is idle.
 */
describe('the embedded store’s WAL', () => {
  let dataDir: string;
  let store: SqliteStore;

  beforeEach(() => {
    dataDir = makeDataDir();
    store = new SqliteStore(join(dataDir, 'hookflow.db'));
  });

  afterEach(async () => {
    await store.close();
    removeDataDir(dataDir);
  });

  const walSize = () => statSync(join(dataDir, 'hookflow.db-wal'), { throwIfNoEntry: false })?.size ?? 0;

  it('stays under 16 MiB plus the largest transaction while 48 MiB are written', async () => {
    let peak = 0;
    for (let i = 0; i < 48; i += 1) {
      // One transaction of 1 MiB each.
      await store.settings.put(`blob-${i}`, 'x'.repeat(MiB));
      peak = Math.max(peak, walSize());
    }
    expect(peak).toBeGreaterThan(8 * MiB);
    expect(peak).toBeLessThanOrEqual(WAL_SIZE_LIMIT + 1.1 * MiB);
  });

  it('relaxes only a commit flushed later: the next statement is flushed again', async () => {
    const level = () => (store.db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous;
    expect(level()).toBe(2);
    await store.commit({
      customers: [{ id: 'c1', attributes: {} }],
      flush: 'later',
      now: new Date().toISOString(),
    });
    expect(level()).toBe(2);
    expect((await store.customers.get('c1'))?.id).toBe('c1');
  });

  it('is truncated to nothing once the store wrote nothing for a while', async () => {
    for (let i = 0; i < 4; i += 1) await store.settings.put(`blob-${i}`, 'x'.repeat(MiB));
    expect(walSize()).toBeGreaterThan(3 * MiB);
    const checkpointer = new WalCheckpointer({ db: store.db, logger: { error: () => {}, info: () => {} } });
    checkpointer.checkpointIfIdle();
    await store.settings.put('one-more', 'x');
    // Something was written since the last look: not idle, nothing truncated.
    checkpointer.checkpointIfIdle();
    expect(walSize()).toBeGreaterThan(0);
    checkpointer.checkpointIfIdle();
    expect(walSize()).toBe(0);
    expect(await store.settings.get('one-more')).toBe('x');
  });
});

describe('HOOKFLOW_SQLITE_SYNCHRONOUS', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = makeDataDir()));
  afterEach(() => removeDataDir(dataDir));

  const synchronous = async (env: Record<string, string>) => {
    const server = await startTestServer(dataDir, {}, env);
    try {
      return (server.store.db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous;
    } finally {
      await server.close();
    }
  };

  it('flushes commits to disk by default (FULL), and only at checkpoints when set to normal', async () => {
    expect(await synchronous({})).toBe(2);
    expect(await synchronous({ HOOKFLOW_SQLITE_SYNCHRONOUS: 'normal' })).toBe(1);
    expect(await synchronous({ HOOKFLOW_SQLITE_SYNCHRONOUS: 'full' })).toBe(2);
  });

  it('stops start-up naming the variable when the value is neither full nor normal', async () => {
    await expect(startTestServer(dataDir, {}, { HOOKFLOW_SQLITE_SYNCHRONOUS: 'off' })).rejects.toThrow(
      /HOOKFLOW_SQLITE_SYNCHRONOUS must be full or normal/,
    );
  });
});
