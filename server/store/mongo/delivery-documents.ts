import type { DeliveryRecord } from '../ports/delivery-store.ts';
import { plainJson } from './plain-json.ts';

export interface DeliveryDocument {
  _id: string;
  runId: string;
  nodeId: string;
  visit: number;
  batchRuns?: DeliveryRecord['batchRuns'];
  cohortId?: string | null;
  request: DeliveryRecord['request'];
  timeoutMs: number;
  responseFormat: DeliveryRecord['responseFormat'];
  integrationId: string | null;
  policyId: string | null;
  priority?: DeliveryRecord['priority'];
  retry: DeliveryRecord['retry'];
  status: DeliveryRecord['status'];
  attempts: number;
  availableAt: number;
  leaseUntil: number | null;
  owner?: string | null;
  /** Why a failed delivery failed (its last attempt), set when it closes. */
  error?: string | null;
  createdAt: string;
  /** Which claim leased the row last (how a claimer finds the rows it won). */
  leaseToken?: string;
}

export const deliveryDocument = (delivery: DeliveryRecord): DeliveryDocument => ({
  _id: delivery.id,
  runId: delivery.runId,
  nodeId: delivery.nodeId,
  visit: delivery.visit,
  batchRuns: delivery.batchRuns,
  cohortId: delivery.cohortId,
  request: plainJson(delivery.request),
  timeoutMs: delivery.timeoutMs,
  responseFormat: delivery.responseFormat,
  integrationId: delivery.integrationId,
  policyId: delivery.policyId,
  priority: delivery.priority,
  retry: plainJson(delivery.retry),
  status: delivery.status,
  attempts: delivery.attempts,
  availableAt: delivery.availableAt,
  leaseUntil: delivery.leaseUntil,
  owner: delivery.owner,
  createdAt: delivery.createdAt,
});

export const toDelivery = (doc: DeliveryDocument): DeliveryRecord => ({
  id: doc._id,
  runId: doc.runId,
  nodeId: doc.nodeId,
  visit: doc.visit,
  batchRuns: doc.batchRuns ?? null,
  cohortId: doc.cohortId ?? null,
  request: doc.request,
  timeoutMs: doc.timeoutMs,
  responseFormat: doc.responseFormat,
  integrationId: doc.integrationId,
  policyId: doc.policyId ?? null,
  priority: doc.priority ?? 'event',
  retry: doc.retry,
  status: doc.status,
  attempts: doc.attempts,
  availableAt: doc.availableAt,
  leaseUntil: doc.leaseUntil,
  owner: doc.owner ?? null,
  createdAt: doc.createdAt,
});
