// Runs in a worker thread: claims jobs from its own connection until none is left, as a second
// process sharing the SQLite file would, and reports the ids it got.
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteJobRepository } from '../../server/scheduler/sqlite-job-repository.ts';

const { file, go } = workerData as { file: string; go: SharedArrayBuffer };
const db = new DatabaseSync(file, { timeout: 10_000 });
const repository = new SqliteJobRepository({ db });
// Wait until every thread is loaded, so the claims really overlap.
parentPort!.postMessage('ready');
Atomics.wait(new Int32Array(go), 0, 0);
const ids: string[] = [];
const pause = new Int32Array(new SharedArrayBuffer(4));
for (;;) {
  const claimed = await repository.getNextJobToRun('send', new Date(), new Date(0), undefined, undefined);
  if (!claimed) break;
  ids.push(String(claimed._id));
  // A pause after each claim lets the other threads, asleep in SQLite's busy handler, get the lock.
  Atomics.wait(pause, 0, 0, 1);
}
db.close();
parentPort!.postMessage(ids);
