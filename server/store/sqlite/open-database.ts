import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { BUSY_BLOCK_MS, isBusy } from './busy-retry.ts';
import { migrate } from './migrations.ts';

/**
 * When a commit is on disk (`PRAGMA synchronous` in WAL mode). `full`: the WAL is flushed to
 * disk (fsync) at every commit, so a commit that returned survives a power cut or an OS crash.
 * `normal`: flushed only at checkpoints, so a commit survives the process crashing but the last
 * commits can be lost on a power cut or an OS crash (see README, "What 202 means").
 */
export type SqliteSynchronous = 'full' | 'normal';

/**
 * The WAL is checkpointed into the database once a commit takes it past this many pages
 * (4 KiB each: 16 MiB), and its file is cut back to `WAL_SIZE_LIMIT` when it starts over.
 */
export const WAL_CHECKPOINT_PAGES = 4096;
export const WAL_SIZE_LIMIT = 16 * 1024 * 1024;
/**
 * How long opening the file waits for another process's locks (WAL set-up, migrations) before
 * failing: processes starting together wait for each other here, blocking, before they serve.
 */
const OPEN_BUSY_TIMEOUT_MS = 5000;

/** Opens (creating when missing) the embedded database file in WAL mode. */
export function openDatabase(file: string, options: { synchronous?: SqliteSynchronous } = {}): DatabaseSync {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { timeout: OPEN_BUSY_TIMEOUT_MS });
  // SQLite answers busy without calling the busy handler for some locks taken while another
  // process turns a new file to WAL (seen with six processes starting together), so the whole
  // set-up is tried again: each pragma is idempotent and a failed migration rolled back.
  const giveUpAt = Date.now() + OPEN_BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      setUp(db, options);
      break;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= giveUpAt) throw error;
      // Blocking is fine here: the process serves nothing before its store is open.
      Atomics.wait(OPEN_PAUSE, 0, 0, 5 + Math.random() * 20);
    }
  }
  // From now on a wait blocks briefly; the store retries without blocking (see `retryWhileBusy`).
  db.exec(`PRAGMA busy_timeout = ${BUSY_BLOCK_MS}`);
  return db;
}

const OPEN_PAUSE = new Int32Array(new SharedArrayBuffer(4));

function setUp(db: DatabaseSync, options: { synchronous?: SqliteSynchronous }): void {
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA temp_store = MEMORY');
  // 64 MiB of page cache instead of 2: batches and fan-outs touch many pages per transaction.
  db.exec('PRAGMA cache_size = -65536');
  db.exec(`PRAGMA wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  db.exec(`PRAGMA journal_size_limit = ${WAL_SIZE_LIMIT}`);
  migrate(db);
}
