import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { storeContractSuite } from './store.suite.ts';

let dir: string | null = null;
const open: SqliteStore[] = [];

storeContractSuite({
  name: 'SQLite',
  async create() {
    // Every store of one test shares one file in a fresh folder, like processes sharing a data dir.
    dir ??= mkdtempSync(join(tmpdir(), 'hookflow-store-'));
    const store = new SqliteStore(join(dir, 'hookflow.db'));
    open.push(store);
    return store;
  },
  async cleanup() {
    for (const store of open.splice(0)) await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  },
});
