import type { ClientSession, Collection, MongoClient } from 'mongodb';
import type { DeliveryRecord } from '../ports/delivery-store.ts';
import { type DeliveryDocument, toDelivery } from './delivery-documents.ts';
import type { ThroughputPolicyDocument } from './mongo-throughput-policy-store.ts';
import { inTransaction } from './mongo-transaction.ts';

/** One document per policy that every claim under it writes, so concurrent claims conflict. */
export interface PolicySlotDocument {
  _id: string;
  claims: number;
}

export interface PolicyClaim {
  now: number;
  limit: number;
  owner: string;
  leaseUntil: number;
}

/**
 * Leases the deliveries of throughput policies up to each policy's free slots across every
 * process: in one transaction per policy, the deliveries `sending` under it are counted and the
 * oldest due ones leased, on-event before bulk. Each transaction first writes the policy's slot
 * document, so two processes claiming under the same policy at once conflict and the driver runs
 * the later one again on the new count: the limit holds under snapshot isolation.
 */
export class MongoPolicyClaims {
  private readonly client: MongoClient;
  private readonly deliveries: Collection<DeliveryDocument>;
  private readonly policies: Collection<ThroughputPolicyDocument>;
  private readonly slots: Collection<PolicySlotDocument>;

  constructor(options: {
    client: MongoClient;
    deliveries: Collection<DeliveryDocument>;
    policies: Collection<ThroughputPolicyDocument>;
    slots: Collection<PolicySlotDocument>;
  }) {
    this.client = options.client;
    this.deliveries = options.deliveries;
    this.policies = options.policies;
    this.slots = options.slots;
  }

  async claim(claim: PolicyClaim): Promise<DeliveryRecord[]> {
    const claimed: DeliveryRecord[] = [];
    for (const policy of await this.policies.find({}, { projection: { concurrency: 1 } }).toArray()) {
      if (claimed.length >= claim.limit) break;
      const due = await this.deliveries.findOne(
        { status: 'pending', policyId: policy._id, availableAt: { $lte: claim.now } },
        { projection: { _id: 1 } },
      );
      if (!due) continue;
      const left = claim.limit - claimed.length;
      claimed.push(
        ...(await inTransaction(this.client, (session) =>
          this.claimUnder(policy._id, Math.min(left, policy.concurrency), claim, session),
        )),
      );
    }
    return claimed;
  }

  // The transaction's body: the policy, how many it may take at most, the claim and its session.
  // eslint-disable-next-line max-params
  private async claimUnder(
    policyId: string,
    most: number,
    claim: PolicyClaim,
    session: ClientSession,
  ): Promise<DeliveryRecord[]> {
    await this.slots.updateOne({ _id: policyId }, { $inc: { claims: 1 } }, { upsert: true, session });
    const busy = await this.deliveries.countDocuments({ status: 'sending', policyId }, { session });
    let left = most - busy;
    const leased: DeliveryRecord[] = [];
    // Documents saved before priorities existed count as on-event.
    for (const priority of [{ $ne: 'bulk' as const }, 'bulk' as const]) {
      if (left <= 0) break;
      const ids = (
        await this.deliveries
          .find(
            { status: 'pending', policyId, priority, availableAt: { $lte: claim.now } },
            { sort: { availableAt: 1, _id: 1 }, limit: left, projection: { _id: 1 }, session },
          )
          .toArray()
      ).map((doc) => doc._id);
      if (ids.length === 0) continue;
      await this.deliveries.updateMany(
        { _id: { $in: ids } },
        {
          $set: { status: 'sending', owner: claim.owner, leaseUntil: claim.leaseUntil },
          $inc: { attempts: 1 },
        },
        { session },
      );
      const docs = await this.deliveries.find({ _id: { $in: ids } }, { session }).toArray();
      const rank = new Map(ids.map((id, index) => [id, index]));
      leased.push(...docs.sort((a, b) => rank.get(a._id)! - rank.get(b._id)!).map(toDelivery));
      left -= ids.length;
    }
    return leased;
  }
}
