import type { CustomerRecord } from '../ports/customer-store.ts';

export interface CustomerDocument {
  _id: string;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  /** When customer.returned last fired for it (epoch ms); absent when it never did. */
  returnedAt?: number | null;
}

export const toCustomer = (doc: CustomerDocument): CustomerRecord => ({
  id: doc._id,
  attributes: doc.attributes,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});
