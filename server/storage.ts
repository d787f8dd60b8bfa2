import { join } from 'node:path';
import type { Config } from './config.ts';
import type { Logger } from 'pino';
import { createMongoScheduler, createSqliteScheduler, type Scheduler } from './scheduler/scheduler.ts';
import { type MongoStore, openMongoStore } from './store/mongo/mongo-store.ts';
import { SqliteStore } from './store/sqlite/sqlite-store.ts';
import { StoreHealth } from './store/store-health.ts';
import type { CommitTimer } from './store/timed-commit.ts';

/** The store the server runs on: the embedded SQLite file, or MongoDB when `MONGODB_URI` is set. */
export type AppStore = SqliteStore | MongoStore;

/**
 * Opens the store, its health (what `/health` reports), and a scheduler whose jobs live beside
 * the app's data (the SQLite file's `agenda_jobs` table, or the Mongo database's `agenda_jobs`
 * collection). `commitTimer` is told how long each commit takes.
 */
export async function openStorage(
  config: Pick<Config, 'dataDir' | 'mongodbUri' | 'sqliteSynchronous'>,
  options: {
    logger: Logger;
    commitTimer?: CommitTimer;
    /** The process id the scheduler's locks name, so that they die with its heartbeat. */
    owner?: string;
  },
): Promise<{ store: AppStore; scheduler: Scheduler; health: StoreHealth }> {
  const { logger, commitTimer, owner } = options;
  const named = owner ? { owner } : {};
  if (!config.mongodbUri) {
    const file = join(config.dataDir, 'hookflow.db');
    const store = new SqliteStore(file, { synchronous: config.sqliteSynchronous, logger, commitTimer });
    const health = new StoreHealth({ settings: store.settings });
    return { store, health, scheduler: createSqliteScheduler({ db: store.db, logger, health, ...named }) };
  }
  let store: MongoStore;
  try {
    store = await openMongoStore(config.mongodbUri, { commitTimer });
  } catch (error) {
    throw new Error(
      `MongoDB at ${withoutCredentials(config.mongodbUri)} could not be used: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const health = new StoreHealth({ settings: store.settings });
  return { store, health, scheduler: createMongoScheduler({ db: store.db, logger, health, ...named }) };
}

/** The URI as it may be logged: `mongodb://user:secret@host` becomes `mongodb://***@host`. */
export function withoutCredentials(uri: string): string {
  return uri.replace(/^([a-z+]+:\/\/)[^@/]*@/i, '$1***@');
}
