import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from './migrations.ts';

/**
 * Opens (creating when missing) the embedded database file in WAL mode. `synchronous=NORMAL`
 * keeps commits durable across process crashes (WAL is fsynced at checkpoints); only a power
 * loss can drop the last transactions.
 */
export function openDatabase(file: string): DatabaseSync {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { timeout: 5000 });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA temp_store = MEMORY');
  // 64 MiB of page cache instead of 2: batches and fan-outs touch many pages per transaction.
  db.exec('PRAGMA cache_size = -65536');
  db.exec('PRAGMA wal_autocheckpoint = 20000');
  migrate(db);
  return db;
}
