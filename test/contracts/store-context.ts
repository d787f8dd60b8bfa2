import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../../server/store/ports/store.ts';

/** What a suite run needs from an adapter. */
export interface StoreHarness {
  name: string;
  /**
   * Opens a store on this test's database. The first call of a test starts from an empty
   * database; later calls in the same test open the same database again (another process).
   */
  create(): Promise<Store>;
  /** Closes every store opened during the test and deletes its database. */
  cleanup(): Promise<void>;
}

/** The store under test, fresh for each test, and a way to open a second one on its database. */
export interface StoreContext {
  readonly store: Store;
  twin(): Promise<Store>;
}

/** Registers the per-test lifecycle in the calling `describe` block. */
export function useStore(harness: StoreHarness): StoreContext {
  let current: Store | null = null;
  beforeEach(async () => {
    current = await harness.create();
  });
  afterEach(async () => {
    current = null;
    await harness.cleanup();
  });
  return {
    get store() {
      if (!current) throw new Error('the store is opened in beforeEach');
      return current;
    },
    twin: () => harness.create(),
  };
}
