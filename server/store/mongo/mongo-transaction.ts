import type { ClientSession, MongoClient, TransactionOptions } from 'mongodb';

/** Snapshot reads inside, majority-acknowledged commit: what a crash-safe outbox needs. */
const OPTIONS: TransactionOptions = {
  readConcern: { level: 'snapshot' },
  writeConcern: { w: 'majority' },
  readPreference: 'primary',
};

/**
 * Runs `work` in one multi-document transaction. The driver runs it again from the start on
 * transient errors (write conflicts with another process), so `work` must keep no state
 * between calls and must not swallow errors.
 */
export function inTransaction<T>(
  client: MongoClient,
  work: (session: ClientSession) => Promise<T>,
): Promise<T> {
  return client.withSession((session) => session.withTransaction(work, OPTIONS));
}
