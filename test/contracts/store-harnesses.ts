import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MongoStore, openMongoStore } from '../../server/store/mongo/mongo-store.ts';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { StoreHarness } from './store-context.ts';

/** Every store of one test shares one file in a fresh folder, like processes sharing a data dir. */
export function sqliteHarness(): StoreHarness {
  let dir: string | null = null;
  const open: SqliteStore[] = [];
  return {
    name: 'SQLite',
    async create() {
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
  };
}

/** A replica set (transactions), e.g. `mongodb://127.0.0.1:27017/?replicaSet=rs0`. */
export const MONGODB_URI = process.env['MONGODB_URI'];

/** Each test gets its own database, dropped afterwards; every store of the test shares it. */
export function mongoHarness(): StoreHarness {
  let dbName: string | null = null;
  const open: MongoStore[] = [];
  return {
    name: 'MongoDB',
    async create() {
      dbName ??= `hookflow_contract_${randomUUID().slice(0, 8)}`;
      const store = await openMongoStore(MONGODB_URI!, { dbName });
      open.push(store);
      return store;
    },
    async cleanup() {
      await open[0]?.db.dropDatabase();
      for (const store of open.splice(0)) await store.close();
      dbName = null;
    },
  };
}
