import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { audienceContractSuite } from './audience.suite.ts';

let dir: string | null = null;
const open: SqliteStore[] = [];

audienceContractSuite({
  name: 'SQLite',
  async create() {
    dir ??= mkdtempSync(join(tmpdir(), 'hookflow-audience-'));
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
