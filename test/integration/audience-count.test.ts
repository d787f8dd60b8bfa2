import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AudienceFilterSchema } from '../../engine/audience/index.ts';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { countAudience } from '../../server/triggers/audience-count.ts';
import { makeDataDir, removeDataDir } from './helpers/test-server.ts';

describe("counting a fan-out's audience a slice at a time", () => {
  let dir = '';
  let store: SqliteStore | undefined;
  afterEach(async () => {
    await store?.close();
    removeDataDir(dir);
  });

  const open = async (count: number) => {
    dir = makeDataDir();
    store = new SqliteStore(join(dir, 'hookflow.db'));
    const customers = Array.from({ length: count }, (_, n) => ({
      id: `c-${String(n).padStart(3, '0')}`,
      attributes: { plan: n % 3 === 0 ? 'pro' : 'free' },
    }));
    await store.commit({ customers, now: new Date().toISOString() });
    return store;
  };
  const pro = AudienceFilterSchema.parse({
    rules: [{ field: 'customer.plan', criteria: 'equals', value: 'pro', join: 'and' }],
  });

  it('gives the same total whatever the slice, over a last slice that is full or not', async () => {
    const { customers } = await open(12);
    for (const slice of [1, 2, 3, 5, 12, 100])
      expect(
        await countAudience({ customers, filter: pro, slice, stopped: () => false }),
        `slice ${slice}`,
      ).toBe(4);
    expect(await countAudience({ customers, filter: { rules: [] }, slice: 5, stopped: () => false })).toBe(
      12,
    );
  });

  it('gives up (null) when told to stop between slices', async () => {
    const { customers } = await open(10);
    let slices = 0;
    const stopped = () => (slices += 1) > 2;
    expect(await countAudience({ customers, filter: pro, slice: 2, stopped })).toBeNull();
  });
});
