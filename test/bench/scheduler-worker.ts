/**
 * One process of the two-process scheduler benchmark, set up as a server sets its scheduler up:
 * the app's SQLite file, a heartbeat, Agenda's locks in its name. Told `save`, it schedules the
 * jobs, each due `leadMs` after it is saved; told `run`, it runs them and reports when each
 * started.
 */
import pino from 'pino';
import { systemClock } from '../../server/runtime/clock.ts';
import { ProcessRegistry } from '../../server/runtime/process-registry.ts';
import { createSqliteScheduler } from '../../server/scheduler/scheduler.ts';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';

type Command =
  | { type: 'save'; jobs: number; spreadMs: number; leadMs: number }
  | { type: 'run' }
  | { type: 'count' }
  | { type: 'stop' };

const [file] = process.argv.slice(2) as [string];
const logger = pino({ level: 'silent' });
const store = new SqliteStore(file);
const registry = new ProcessRegistry({ store: store.processes, clock: systemClock, logger });
await registry.start();
const scheduler = createSqliteScheduler({ db: store.db, logger, owner: registry.id });
const fired: { key: string; at: number }[] = [];
const due: { key: string; at: number }[] = [];

process.on('message', async (command: Command) => {
  if (command.type === 'run') {
    scheduler.define<{ key: string }>('tick', async ({ key }) => {
      fired.push({ key, at: Date.now() });
    });
    await scheduler.start();
  } else if (command.type === 'save') {
    await scheduler.start();
    const start = Date.now();
    for (let i = 0; i < command.jobs; i += 1) {
      // Paced over the spread, as a stream of saves (waits, launches) would come.
      const wait = start + (i / command.jobs) * command.spreadMs - Date.now();
      // Each save a request of its own would make: the event loop turns in between.
      await new Promise((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
      const job = { key: `j${i}`, at: Date.now() + command.leadMs };
      await scheduler.scheduleAt({ name: 'tick', key: job.key, at: new Date(job.at), data: job });
      due.push(job);
    }
  } else if (command.type === 'count') {
    process.send?.({ fired: fired.length });
    return;
  } else {
    await scheduler.stop();
    await registry.stop();
    await store.close();
    process.send?.({ fired, due });
    return;
  }
  process.send?.({ done: command.type });
});
process.send?.({ ready: true });
