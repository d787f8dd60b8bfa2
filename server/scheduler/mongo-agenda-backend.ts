import { MongoJobRepository } from '@agendajs/mongo-backend';
import type { AgendaBackend } from 'agenda';
import type { Db } from 'mongodb';
import { type RunTimeSource, WakeUpChannel } from './wake-up-channel.ts';

/**
 * Agenda on the app's MongoDB database, through Agenda's own Mongo repository, with the same
 * in-process alarm clock as the SQLite backend (see `WakeUpChannel`): jobs saved by this process
 * fire on time, those of other processes at the next poll. The connection belongs to the app.
 *
 * Not run here: no MongoDB server is reachable on the machines this project is built on.
 */
export class MongoAgendaBackend implements AgendaBackend {
  readonly name = 'MongoDB';
  readonly repository: MongoJobRepository;
  readonly notificationChannel: WakeUpChannel;
  readonly ownsConnection = false;

  constructor(options: { db: Db; collection?: string }) {
    const collection = options.collection ?? 'agenda_jobs';
    this.repository = new MongoJobRepository({ mongo: options.db, db: { collection } });
    this.notificationChannel = new WakeUpChannel(runTimes(options.db, collection, this.repository));
  }

  async connect(): Promise<void> {
    await this.repository.connect();
  }

  async disconnect(): Promise<void> {
    // Nothing to close: the app opened the client and closes it last.
  }
}

function runTimes(db: Db, collection: string, repository: MongoJobRepository): RunTimeSource {
  const jobs = db.collection<{ name: string; nextRunAt: Date | null; disabled?: boolean }>(collection);
  return {
    getDistinctJobNames: () => repository.getDistinctJobNames(),
    async nextRunAfter(after) {
      const next = await jobs.findOne(
        { disabled: { $ne: true }, nextRunAt: { $gt: after } },
        { sort: { nextRunAt: 1 }, projection: { name: 1, nextRunAt: 1 } },
      );
      return next?.nextRunAt ? { name: next.name, nextRunAt: next.nextRunAt } : null;
    },
  };
}
