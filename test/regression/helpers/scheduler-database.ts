import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach } from 'vitest';

/**
 * A fresh SQLite file (WAL, as the app opens it) for each test of the calling block, and the
 * schedulers' stops the test registers, run before the file is closed and removed.
 */
export function schedulerDatabase(): { db: () => DatabaseSync; stops: (() => Promise<unknown>)[] } {
  let dir: string;
  let db: DatabaseSync;
  const stops: (() => Promise<unknown>)[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hookflow-agenda-'));
    db = new DatabaseSync(join(dir, 'app.db'), { timeout: 5000 });
    db.exec('PRAGMA journal_mode = WAL');
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db: () => db, stops };
}
