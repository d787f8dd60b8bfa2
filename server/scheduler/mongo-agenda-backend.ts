import { MongoJobRepository } from '@agendajs/mongo-backend';
import type { JobParameters, JobRepositoryOptions } from 'agenda';
import type { Collection, Db } from 'mongodb';
import { AppAgendaBackend } from './app-agenda-backend.ts';
import type { RunTime, RunTimeSource } from './wake-up-channel.ts';

interface JobDocument {
  name: string;
  nextRunAt: Date | null;
  lockedAt?: Date | null;
  lastModifiedBy?: string | null;
  disabled?: boolean;
}

/**
 * Agenda on the app's MongoDB database through Agenda's own Mongo repository (see
 * `AppAgendaBackend`). With `ownerHeartbeats`, a lock whose locker (`lastModifiedBy`, the process
 * id) has stopped beating in the `processes` collection expires at once, as on SQLite. Jobs other
 * processes save are followed with a change stream. Not run here: no MongoDB server is reachable
 * on the machines this project is built on.
 */
export function mongoAgendaBackend(options: {
  db: Db;
  collection?: string;
  ownerHeartbeats?: { deadAfterMs: number };
}): AppAgendaBackend {
  const collection = options.collection ?? 'agenda_jobs';
  const settings = { mongo: options.db, db: { collection } };
  const repository = options.ownerHeartbeats
    ? new HeartbeatMongoJobRepository(settings, options.db, options.ownerHeartbeats.deadAfterMs)
    : new MongoJobRepository(settings);
  return new AppAgendaBackend({
    name: 'MongoDB',
    repository,
    runTimes: runTimes(options.db, collection, repository),
  });
}

/** Agenda's Mongo repository whose claims also take the jobs locked by dead processes. */
class HeartbeatMongoJobRepository extends MongoJobRepository {
  private readonly appDb: Db;
  private readonly deadAfterMs: number;

  constructor(settings: ConstructorParameters<typeof MongoJobRepository>[0], db: Db, deadAfterMs: number) {
    super(settings);
    this.appDb = db;
    this.deadAfterMs = deadAfterMs;
  }

  // eslint-disable-next-line max-params -- the signature is Agenda's JobRepository interface
  override async getNextJobToRun(
    jobName: string,
    nextScanAt: Date,
    lockDeadline: Date,
    now: Date | undefined,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    const at = (now ?? new Date()).getTime();
    const live = await this.appDb
      .collection<{ _id: string; heartbeatAt: number }>('processes')
      .find({ heartbeatAt: { $gt: at - this.deadAfterMs } }, { projection: { _id: 1 } })
      .toArray();
    // A dead locker's lock is dated back past the deadline, so the claim below takes it.
    await (this.collection as unknown as Collection<JobDocument>).updateMany(
      { name: jobName, lockedAt: { $ne: null }, lastModifiedBy: { $nin: live.map((doc) => doc._id) } },
      { $set: { lockedAt: new Date(0) } },
    );
    return super.getNextJobToRun(jobName, nextScanAt, lockDeadline, now, options);
  }
}

function runTimes(db: Db, collection: string, repository: MongoJobRepository): RunTimeSource {
  const jobs = db.collection<JobDocument>(collection);
  return {
    getDistinctJobNames: () => repository.getDistinctJobNames(),
    async nextRunAfter(after) {
      const next = await jobs.findOne(
        { disabled: { $ne: true }, nextRunAt: { $gt: after } },
        { sort: { nextRunAt: 1 }, projection: { name: 1, nextRunAt: 1 } },
      );
      return next?.nextRunAt ? { name: next.name, nextRunAt: next.nextRunAt } : null;
    },
    follow(onRunTime: (job: RunTime) => void, onError: (error: Error) => void) {
      const stream = jobs.watch<JobDocument>(
        [{ $match: { operationType: { $in: ['insert', 'update', 'replace'] } } }],
        { fullDocument: 'updateLookup' },
      );
      stream.on('change', (change) => {
        const job = 'fullDocument' in change ? change.fullDocument : undefined;
        if (job?.nextRunAt && !job.disabled) onRunTime({ name: job.name, nextRunAt: job.nextRunAt });
      });
      stream.once('error', (error: Error) => {
        void stream.close();
        onError(error);
      });
      return () => void stream.close();
    },
  };
}
