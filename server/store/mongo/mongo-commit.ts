import type { AnyBulkWriteOperation, ClientSession, MongoClient } from 'mongodb';
import type { CohortCommit, CommitBatch, CommitResult, DeliveryClose, RunChange } from '../ports/store.ts';
import type { CustomerNoticeWatch, CustomerWriteCause, NoticeDraft } from '../ports/notice-store.ts';
import {
  attributesOrigin,
  customerNotices,
  type StoredCustomer,
  watching,
  type WriteOrigin,
} from '../customer-notices.ts';
import { insertNotices } from './mongo-notice-store.ts';
import type { CustomerDocument } from './customer-documents.ts';
import { type DeliveryDocument, deliveryDocument } from './delivery-documents.ts';
import { eventDocument } from './event-documents.ts';
import type { MongoCollections } from './mongo-collections.ts';
import { batchItemDocument, takeBatchItems } from './mongo-batch-item-store.ts';
import { writeCohorts } from './mongo-cohort-store.ts';
import { advanceFanOut } from './mongo-fan-out-store.ts';
import { inTransaction } from './mongo-transaction.ts';
import { mergedAttributes } from './merged-attributes.ts';
import { literalSet, plainJson } from './plain-json.ts';
import { stepCountDeltas } from '../fold-node-stats.ts';
import {
  type RunDocument,
  runDocument,
  runState,
  type StepCountDocument,
  stepDocument,
} from './run-documents.ts';

interface Writer {
  collections: MongoCollections;
  session: ClientSession;
}

/** Applies a commit batch in one transaction (see `Store.commit`), with the SQLite adapter's rules. */
export function mongoCommit(
  client: MongoClient,
  collections: MongoCollections,
  batch: CommitBatch,
): Promise<CommitResult> {
  return inTransaction(client, async (session) => {
    const writer = { collections, session };
    if (batch.fanOutPage && !(await advanceFanOut(collections.fanOuts, batch.fanOutPage, session)))
      return { duplicateEvents: [], conflicts: [], staleFanOutPage: true };
    const watch = watching(batch.watch) ? batch.watch : undefined;
    const notices: NoticeDraft[] = [];
    const duplicateEvents = await insertEvents(writer, batch);
    const skipped = new Set(duplicateEvents);
    const merges = (batch.customers ?? []).filter(
      (merge) => merge.eventId === undefined || !skipped.has(merge.eventId),
    );
    if (watch) notices.push(...(await watchedMerges(writer, { merges, watch, now: batch.now })));
    else await mergeCustomers(writer, merges, batch.now);
    const started = (batch.runs ?? []).filter(
      (change) =>
        !(change.run.eventId !== null && change.expectedRev === null && skipped.has(change.run.eventId)),
    );
    const { applied, conflicts } = await checkRevisions(writer, started);
    await writeRuns(writer, applied);
    const attributeMerges = applied.flatMap((change) =>
      change.customerAttributes
        ? [
            {
              id: change.run.customerId,
              attributes: change.customerAttributes,
              source: 'set-attributes' as const,
              origin: attributesOrigin(change),
              ...splitNotices(change),
            },
          ]
        : [],
    );
    if (watch)
      notices.push(...(await watchedMerges(writer, { merges: attributeMerges, watch, now: batch.now })));
    else await mergeCustomers(writer, attributeMerges, batch.now);
    // Watched attribute merges carried their runs' events around their own; the rest go now.
    notices.push(
      ...applied.flatMap((change) => (watch && change.customerAttributes ? [] : (change.notices ?? []))),
    );
    await insertNotices(collections.notices, notices, session);
    const steps = applied.flatMap((change) =>
      [...(change.copiedSteps ?? []), ...change.steps].map((step) => stepDocument(step, change.run)),
    );
    if (steps.length > 0) await collections.steps.insertMany(steps, { session });
    const cohorts = await writeCohorts(collections.cohorts, batch.cohorts ?? [], session);
    conflicts.push(...cohorts.conflicts);
    await addStepCounts(writer, applied, cohorts.applied);
    const items = applied.flatMap((change) => (change.batchItems ?? []).map(batchItemDocument));
    if (items.length > 0) await collections.batchItems.insertMany(items, { session });
    await writeDeliveries(writer, [...applied, ...cohorts.applied], batch.closeDeliveries ?? []);
    const staleBatches: string[] = [];
    for (const { delivery, itemIds } of batch.batches ?? []) {
      if (await takeBatchItems(collections.batchItems, itemIds, session))
        await collections.deliveries.insertOne(deliveryDocument(delivery), { session });
      else staleBatches.push(delivery.id);
    }
    if (batch.dropBatchItems?.length)
      await collections.batchItems.deleteMany({ _id: { $in: batch.dropBatchItems } }, { session });
    return { duplicateEvents, conflicts, ...(staleBatches.length > 0 ? { staleBatches } : {}) };
  });
}

/**
 * Shallow merges, creating missing customers (see `mergedAttributes`). An empty merge, which
 * every ingested event makes, only creates a missing customer and leaves an existing one as is.
 */
async function mergeCustomers(
  { collections, session }: Writer,
  customers: readonly { id: string; attributes: Record<string, unknown> }[],
  now: string,
): Promise<void> {
  const operations: AnyBulkWriteOperation<CustomerDocument>[] = customers.map(({ id, attributes }) =>
    Object.keys(attributes).length === 0
      ? {
          updateOne: {
            filter: { _id: id },
            update: { $setOnInsert: { attributes: {}, createdAt: now, updatedAt: now } },
            upsert: true,
          },
        }
      : {
          updateOne: {
            filter: { _id: id },
            update: [
              {
                $set: {
                  attributes: mergedAttributes(attributes, 'keep'),
                  createdAt: { $ifNull: ['$createdAt', { $literal: now }] },
                },
              },
              literalSet({ updatedAt: now }),
            ],
            upsert: true,
          },
        },
  );
  if (operations.length > 0) await collections.customers.bulkWrite(operations, { session });
}

/** A customer write of a commit when customer events are watched, between the run events `before` and `after` it. */
type WatchedMerge = {
  id: string;
  attributes: Record<string, unknown>;
  origin?: WriteOrigin;
  before?: NoticeDraft[];
  after?: NoticeDraft[];
} & CustomerWriteCause;

/** A run change's own events, around its attribute change (see `RunChange.attributeNoticesAt`). */
function splitNotices(change: RunChange): { before: NoticeDraft[]; after: NoticeDraft[] } {
  const notices = change.notices ?? [];
  const at = change.attributeNoticesAt ?? notices.length;
  return { before: notices.slice(0, at), after: notices.slice(at) };
}

/**
 * The same shallow merges, reading the customers first (in the transaction's snapshot) to decide
 * the customer events they cause; merges of one customer apply in order. Returns the events, in
 * the order of the merges.
 */
async function watchedMerges(
  { collections, session }: Writer,
  options: { merges: readonly WatchedMerge[]; watch: CustomerNoticeWatch; now: string },
): Promise<NoticeDraft[]> {
  const { merges, watch, now } = options;
  if (merges.length === 0) return [];
  const ids = [...new Set(merges.map((merge) => merge.id))];
  const docs = await collections.customers.find({ _id: { $in: ids } }, { session }).toArray();
  const stored = new Map<string, StoredCustomer>(
    docs.map((doc) => [
      doc._id,
      { attributes: doc.attributes, createdAt: doc.createdAt, returnedAt: doc.returnedAt ?? null },
    ]),
  );
  const notices: NoticeDraft[] = [];
  const operations: AnyBulkWriteOperation<CustomerDocument>[] = [];
  for (const merge of merges) {
    const before = stored.get(merge.id) ?? null;
    const after = { ...before?.attributes, ...merge.attributes };
    const decided = customerNotices({
      watch,
      id: merge.id,
      before,
      after,
      cause: merge,
      ...(merge.origin ? { origin: merge.origin } : {}),
    });
    notices.push(...(merge.before ?? []), ...decided.notices, ...(merge.after ?? []));
    const returnedAt = decided.returnedAt ?? before?.returnedAt ?? null;
    stored.set(merge.id, { attributes: after, createdAt: before?.createdAt ?? now, returnedAt });
    operations.push({
      updateOne: {
        filter: { _id: merge.id },
        update: [
          {
            $set: {
              attributes: { $literal: plainJson(after) },
              createdAt: { $ifNull: ['$createdAt', { $literal: now }] },
              updatedAt: { $literal: now },
              returnedAt: { $literal: returnedAt },
            },
          },
        ],
        upsert: true,
      },
    });
  }
  await collections.customers.bulkWrite(operations, { session, ordered: true });
  return notices;
}

/**
 * Inserts the events not stored yet and returns the ids of the others, a repeated id in the
 * batch counting as a duplicate after its first occurrence (as SQLite's ON CONFLICT DO NOTHING).
 */
async function insertEvents({ collections, session }: Writer, batch: CommitBatch): Promise<string[]> {
  const events = batch.events ?? [];
  if (events.length === 0) return [];
  const stored = await collections.events
    .find({ _id: { $in: events.map((event) => event.id) } }, { projection: { _id: 1 }, session })
    .toArray();
  const seen = new Set(stored.map((doc) => doc._id));
  const duplicates: string[] = [];
  const fresh = [];
  for (const event of events) {
    if (seen.has(event.id)) duplicates.push(event.id);
    else fresh.push(eventDocument(event));
    seen.add(event.id);
  }
  if (fresh.length > 0) await collections.events.insertMany(fresh, { session });
  return duplicates;
}

/**
 * Decides which changes apply, in batch order, from the revisions read in the transaction's
 * snapshot: a change applies when the run is absent (insert) or at `expectedRev` (update). A
 * process that saves one of these runs after our snapshot makes our write fail with a write
 * conflict, and the driver runs the whole transaction again on a fresh snapshot.
 */
async function checkRevisions(
  { collections, session }: Writer,
  changes: RunChange[],
): Promise<{ applied: RunChange[]; conflicts: string[] }> {
  const ids = [...new Set(changes.map((change) => change.run.id))];
  const stored = ids.length
    ? await collections.runs.find({ _id: { $in: ids } }, { projection: { rev: 1 }, session }).toArray()
    : [];
  const revs = new Map(stored.map((doc) => [doc._id, doc.rev]));
  const applied: RunChange[] = [];
  const conflicts: string[] = [];
  for (const change of changes) {
    const current = revs.get(change.run.id);
    const fits = change.expectedRev === null ? current === undefined : current === change.expectedRev;
    if (!fits) conflicts.push(change.run.id);
    else {
      revs.set(change.run.id, change.run.rev);
      applied.push(change);
    }
  }
  return { applied, conflicts };
}

async function addStepCounts(
  { collections, session }: Writer,
  applied: RunChange[],
  cohorts: CohortCommit[],
): Promise<void> {
  const operations: AnyBulkWriteOperation<StepCountDocument>[] = stepCountDeltas(applied, cohorts).map(
    ({ n, ...key }) => ({ updateOne: { filter: key, update: { $inc: { n } }, upsert: true } }),
  );
  if (operations.length > 0) await collections.stepCounts.bulkWrite(operations, { session });
}

/** Inserts new runs and updates the others only at their expected revision, in batch order. */
async function writeRuns({ collections, session }: Writer, applied: RunChange[]): Promise<void> {
  if (applied.length === 0) return;
  const operations: AnyBulkWriteOperation<RunDocument>[] = applied.map((change) =>
    change.expectedRev === null
      ? { insertOne: { document: runDocument(change.run) } }
      : {
          updateOne: {
            filter: { _id: change.run.id, rev: change.expectedRev },
            update: [literalSet(runState(change.run))],
          },
        },
  );
  const result = await collections.runs.bulkWrite(operations, { session, ordered: true });
  // checkRevisions read the same snapshot, so every write finds its run; if not, roll back.
  if (result.insertedCount + result.matchedCount !== operations.length) {
    throw new Error('run revisions changed inside the commit transaction');
  }
}

/** New deliveries, closes and retries, in the order the SQLite adapter applies them. */
async function writeDeliveries(
  { collections, session }: Writer,
  applied: Pick<RunChange, 'deliveries' | 'closeDelivery' | 'retryDelivery'>[],
  closeDeliveries: NonNullable<CommitBatch['closeDeliveries']>,
): Promise<void> {
  const close = ({ id, status, error }: DeliveryClose) => ({
    updateOne: {
      filter: { _id: id },
      update: { $set: { status, error: error ?? null, leaseUntil: null, owner: null } },
    },
  });
  const operations: AnyBulkWriteOperation<DeliveryDocument>[] = [];
  for (const change of applied) {
    for (const delivery of change.deliveries)
      operations.push({ insertOne: { document: deliveryDocument(delivery) } });
    if (change.closeDelivery) operations.push(close(change.closeDelivery));
    if (change.retryDelivery) {
      const { id, availableAt } = change.retryDelivery;
      operations.push({
        updateOne: {
          filter: { _id: id },
          update: { $set: { status: 'pending', availableAt, leaseUntil: null, owner: null } },
        },
      });
    }
  }
  operations.push(...closeDeliveries.map(close));
  if (operations.length > 0) await collections.deliveries.bulkWrite(operations, { session, ordered: true });
}
