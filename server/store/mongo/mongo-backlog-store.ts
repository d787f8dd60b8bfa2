import type { Collection } from 'mongodb';
import type { Backlog, BacklogStore } from '../ports/backlog-store.ts';
import type { DeliveryDocument } from './delivery-documents.ts';
import type { RunDocument } from './run-documents.ts';

export class MongoBacklogStore implements BacklogStore {
  private readonly deliveries: Collection<DeliveryDocument>;
  private readonly runs: Collection<RunDocument>;

  constructor(collections: { deliveries: Collection<DeliveryDocument>; runs: Collection<RunDocument> }) {
    this.deliveries = collections.deliveries;
    this.runs = collections.runs;
  }

  async read(now: number): Promise<Backlog> {
    // Each count is answered from an index the claims use: { status, availableAt, _id },
    // { status, leaseUntil } and the waiting runs' { wakeAt, _id }.
    const [pending, due, sending, scheduled, wakesDue] = await Promise.all([
      this.deliveries.countDocuments({ status: 'pending' }),
      this.deliveries.countDocuments({ status: 'pending', availableAt: { $lte: now } }),
      this.deliveries
        .aggregate<{ _id: string | null; count: number }>([
          { $match: { status: 'sending' } },
          { $group: { _id: '$policyId', count: { $sum: 1 } } },
        ])
        .toArray(),
      this.runs.countDocuments({ status: 'waiting', wakeAt: { $ne: null } }),
      this.runs.countDocuments({ status: 'waiting', wakeAt: { $lte: now } }),
    ]);
    return {
      deliveries: {
        pending,
        due,
        sendingByPolicy: sending.map((row) => ({ policyId: row._id ?? null, count: row.count })),
      },
      waits: { scheduled, due: wakesDue },
    };
  }
}
