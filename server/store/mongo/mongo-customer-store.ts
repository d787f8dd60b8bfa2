import type { Collection, Document } from 'mongodb';
import { type Filter, matchesAudience } from '../../../engine/audience/index.ts';
import type { CustomerChange, CustomerRecord, CustomerStore, NameCount } from '../ports/customer-store.ts';
import { type CustomerDocument, toCustomer } from './customer-documents.ts';
import { mergedAttributes } from './merged-attributes.ts';
import { literalSet, plainJson } from './plain-json.ts';
import { namesOfLatest } from './sampled-names.ts';

export class MongoCustomerStore implements CustomerStore {
  private readonly customers: Collection<CustomerDocument>;

  constructor(customers: Collection<CustomerDocument>) {
    this.customers = customers;
  }

  async get(id: string): Promise<CustomerRecord | null> {
    const doc = await this.customers.findOne({ _id: id });
    return doc ? toCustomer(doc) : null;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, CustomerRecord>> {
    const found = new Map<string, CustomerRecord>();
    if (ids.length === 0) return found;
    const docs = await this.customers.find({ _id: { $in: [...new Set(ids)] } }).toArray();
    for (const doc of docs) found.set(doc._id, toCustomer(doc));
    return found;
  }

  async put(id: string, attributes: Record<string, unknown>, now: string): Promise<CustomerRecord> {
    return (await this.upsert(id, { attributes, mode: 'replace' }, now)).customer;
  }

  async upsert(
    id: string,
    change: CustomerChange,
    now: string,
  ): Promise<{ customer: CustomerRecord; created: boolean }> {
    const attributes: Document =
      change.mode === 'replace'
        ? { $literal: plainJson(change.attributes) }
        : mergedAttributes(change.attributes, 'remove');
    const result = await this.customers.findOneAndUpdate(
      { _id: id },
      [
        { $set: { attributes, createdAt: { $ifNull: ['$createdAt', { $literal: now }] } } },
        literalSet({ updatedAt: now }),
      ],
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    // An upsert that returns the document after the write always has one.
    const customer = toCustomer(result.value!);
    return { customer, created: result.lastErrorObject?.['upserted'] !== undefined };
  }

  async delete(id: string): Promise<boolean> {
    return (await this.customers.deleteOne({ _id: id })).deletedCount > 0;
  }

  async list(options: { limit: number; after?: string }): Promise<CustomerRecord[]> {
    // A limit of 0 means "no limit" to MongoDB.
    if (options.limit <= 0) return [];
    const docs = await this.customers
      .find({ _id: { $gt: options.after ?? '' } }, { sort: { _id: 1 }, limit: options.limit })
      .toArray();
    return docs.map(toCustomer);
  }

  /**
   * Streams customers in id order through the engine's own `matchesAudience`, so every type
   * quirk of the in-memory filter holds by construction; memory stays bounded by `limit`. The
   * cost grows with the customers scanned before `limit` matches: translating filters into a
   * MongoDB query (as the SQLite adapter does into SQL) is the optimisation left to make.
   */
  async search(query: { filter: Filter; limit: number; after?: string }): Promise<CustomerRecord[]> {
    const found: CustomerRecord[] = [];
    if (query.limit <= 0) return found;
    const cursor = this.customers.find(
      { _id: { $gt: query.after ?? '' } },
      { sort: { _id: 1 }, batchSize: 1000 },
    );
    for await (const doc of cursor) {
      const customer = toCustomer(doc);
      if (!matchesAudience(query.filter, customer)) continue;
      found.push(customer);
      if (found.length === query.limit) break;
    }
    return found;
  }

  async countMatching(query: {
    filter: Filter;
    scan: number;
    after?: string;
  }): Promise<{ matched: number; scanned: number; last: string | null }> {
    const result = { matched: 0, scanned: 0, last: null as string | null };
    if (query.scan <= 0) return result;
    // Judged here, as search judges its pages: the same filter reads the same in both adapters.
    const cursor = this.customers.find(
      { _id: { $gt: query.after ?? '' } },
      { sort: { _id: 1 }, limit: query.scan, batchSize: 1000 },
    );
    for await (const doc of cursor) {
      const customer = toCustomer(doc);
      result.scanned += 1;
      result.last = customer.id;
      if (matchesAudience(query.filter, customer)) result.matched += 1;
    }
    return result;
  }

  /** Latest by the { updatedAt } index. */
  async attributeNames(options: { sample: number; limit: number }): Promise<NameCount[]> {
    return namesOfLatest(this.customers, {
      match: {},
      sortedBy: 'updatedAt',
      field: 'attributes',
      sample: options.sample,
      limit: options.limit,
    });
  }
}
