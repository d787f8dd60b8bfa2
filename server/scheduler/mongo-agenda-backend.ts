import { MongoJobRepository } from '@agendajs/mongo-backend';
import type { Db } from 'mongodb';
import { AppAgendaBackend } from './app-agenda-backend.ts';
import type { RunTimeSource } from './wake-up-channel.ts';

/**
 * Agenda on the app's MongoDB database through Agenda's own Mongo repository (see
 * `AppAgendaBackend`). Not run here: no MongoDB server is reachable on the machines this
 * project is built on.
 */
export function mongoAgendaBackend(options: { db: Db; collection?: string }): AppAgendaBackend {
  const collection = options.collection ?? 'agenda_jobs';
  const repository = new MongoJobRepository({ mongo: options.db, db: { collection } });
  return new AppAgendaBackend({
    name: 'MongoDB',
    repository,
    runTimes: runTimes(options.db, collection, repository),
  });
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
