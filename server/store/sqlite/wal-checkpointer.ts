import type { DatabaseSync } from 'node:sqlite';
import { type LoopLogger, ResilientLoop } from '../../runtime/resilient-loop.ts';
import { BUSY_BLOCK_MS } from './busy-retry.ts';

/** How often the checkpointer looks whether this connection wrote anything. */
const IDLE_CHECK_MS = 10_000;

/**
 * Gives the WAL's disk space back when the store is idle: every 10 s, if this connection wrote
 * nothing since the last look, the WAL is checkpointed and truncated to zero bytes. Under load
 * SQLite's own checkpoint (see `WAL_CHECKPOINT_PAGES`) bounds it instead, without stalling the
 * event loop on a large truncating checkpoint. It never waits for another process: a process
 * holding the write lock makes this look a no-op until the next one.
 */
export class WalCheckpointer {
  private readonly db: DatabaseSync;
  private readonly loop: ResilientLoop;
  private timer: NodeJS.Timeout | null = null;
  private lastChanges = -1;

  constructor(options: { db: DatabaseSync; logger: LoopLogger }) {
    this.db = options.db;
    this.loop = new ResilientLoop({ name: 'WAL checkpointer', logger: options.logger });
  }

  start(): void {
    this.timer ??= setInterval(() => this.checkpointIfIdle(), IDLE_CHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Checkpoints and truncates the WAL when nothing was written since the last call. */
  checkpointIfIdle(): void {
    try {
      const { n } = this.db.prepare('SELECT total_changes() AS n').get() as { n: number };
      const idle = n === this.lastChanges;
      this.lastChanges = n;
      if (idle) this.truncate();
      this.loop.succeeded();
    } catch (error) {
      // Failing again at the next look is the retry; the loop logs the cause once.
      this.loop.failed(error);
    }
  }

  private truncate(): void {
    this.db.exec('PRAGMA busy_timeout = 0');
    try {
      this.db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get();
    } finally {
      this.db.exec(`PRAGMA busy_timeout = ${BUSY_BLOCK_MS}`);
    }
  }
}
