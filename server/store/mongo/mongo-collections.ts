import { type Collection, type Db, MongoServerError } from 'mongodb';
import type { CustomerDocument } from './customer-documents.ts';
import type { ApiKeyDocument } from './mongo-api-key-store.ts';
import type { BatchItemDocument } from './mongo-batch-item-store.ts';
import type { CohortDocument } from './mongo-cohort-store.ts';
import type { DeliveryDocument } from './delivery-documents.ts';
import type { EventDocument } from './event-documents.ts';
import type { FanOutDocument } from './mongo-fan-out-store.ts';
import type { IntegrationDocument } from './mongo-integration-store.ts';
import type { PresetDocument, PresetVersionDocument } from './mongo-preset-store.ts';
import type { PolicySlotDocument } from './mongo-policy-claims.ts';
import type { ProcessDocument } from './mongo-process-store.ts';
import type { SettingDocument } from './mongo-settings-store.ts';
import type { SubscriptionDocument } from './mongo-subscription-store.ts';
import type { NoticeDocument, SubscriptionDeliveryDocument } from './mongo-notice-store.ts';
import type { ThroughputPolicyDocument } from './mongo-throughput-policy-store.ts';
import type { RunDocument, StepCountDocument, StepDocument } from './run-documents.ts';
import type { ScenarioDocument, VersionDocument } from './scenario-documents.ts';

export interface MongoCollections {
  scenarios: Collection<ScenarioDocument>;
  versions: Collection<VersionDocument>;
  customers: Collection<CustomerDocument>;
  events: Collection<EventDocument>;
  runs: Collection<RunDocument>;
  steps: Collection<StepDocument>;
  stepCounts: Collection<StepCountDocument>;
  deliveries: Collection<DeliveryDocument>;
  batchItems: Collection<BatchItemDocument>;
  integrations: Collection<IntegrationDocument>;
  presets: Collection<PresetDocument>;
  presetVersions: Collection<PresetVersionDocument>;
  settings: Collection<SettingDocument>;
  fanOuts: Collection<FanOutDocument>;
  throughputPolicies: Collection<ThroughputPolicyDocument>;
  apiKeys: Collection<ApiKeyDocument>;
  processes: Collection<ProcessDocument>;
  policySlots: Collection<PolicySlotDocument>;
  cohorts: Collection<CohortDocument>;
  subscriptions: Collection<SubscriptionDocument>;
  notices: Collection<NoticeDocument>;
  subscriptionDeliveries: Collection<SubscriptionDeliveryDocument>;
}

export function mongoCollections(db: Db): MongoCollections {
  return {
    scenarios: db.collection('scenarios'),
    versions: db.collection('scenario_versions'),
    customers: db.collection('customers'),
    events: db.collection('events'),
    runs: db.collection('runs'),
    steps: db.collection('run_steps'),
    stepCounts: db.collection('step_counts'),
    deliveries: db.collection('deliveries'),
    batchItems: db.collection('batch_items'),
    integrations: db.collection('integrations'),
    presets: db.collection('presets'),
    presetVersions: db.collection('preset_versions'),
    settings: db.collection('settings'),
    fanOuts: db.collection('fan_outs'),
    throughputPolicies: db.collection('throughput_policies'),
    apiKeys: db.collection('api_keys'),
    processes: db.collection('processes'),
    policySlots: db.collection('policy_slots'),
    cohorts: db.collection('cohorts'),
    subscriptions: db.collection('subscriptions'),
    notices: db.collection('notices'),
    subscriptionDeliveries: db.collection('subscription_deliveries'),
  };
}

/** MongoDB's code for "collection already exists" (another process created it first). */
const NAMESPACE_EXISTS = 48;

/**
 * Creates every collection and the indexes its queries use; idempotent, run once at start.
 * Collections are created up front because a transaction cannot always create one itself.
 */
export async function prepareCollections(db: Db, collections: MongoCollections): Promise<void> {
  const listed = await db.listCollections({}, { nameOnly: true }).toArray();
  const existing = new Set(listed.map((collection) => collection.name));
  for (const { collectionName } of Object.values(collections) as Collection[]) {
    if (!existing.has(collectionName)) await createCollection(db, collectionName);
  }
  await createIndexes(collections);
}

async function createCollection(db: Db, name: string): Promise<void> {
  try {
    await db.createCollection(name);
  } catch (error) {
    if (!(error instanceof MongoServerError && error.code === NAMESPACE_EXISTS)) throw error;
  }
}

/** Settings are read by _id only; customers and events also by recency, for the editor's suggestions. */
async function createIndexes(collections: MongoCollections): Promise<void> {
  const { scenarios, versions, runs, steps, deliveries, integrations, presets, presetVersions } = collections;
  await scenarios.createIndexes([{ key: { createdAt: -1, _id: -1 } }, { key: { status: 1 } }]);
  await versions.createIndexes([{ key: { scenarioId: 1, version: 1 }, unique: true }]);
  await runs.createIndexes([
    { key: { scenarioId: 1, _id: -1 } },
    { key: { scenarioId: 1, status: 1, _id: -1 } },
    { key: { status: 1, _id: -1 } },
    { key: { scenarioId: 1, version: 1, status: 1, nodeId: 1 } },
    { key: { wakeAt: 1, _id: 1 }, partialFilterExpression: { status: 'waiting' } },
  ]);
  await steps.createIndexes([
    { key: { runId: 1, seq: 1 }, unique: true },
    { key: { scenarioId: 1, version: 1, nodeId: 1 } },
    { key: { nodeId: 1, runId: 1 } },
  ]);
  await collections.stepCounts.createIndex(
    { scenarioId: 1, version: 1, node: 1, kind: 1, failed: 1 },
    { unique: true },
  );
  await deliveries.createIndexes([
    { key: { status: 1, availableAt: 1, _id: 1 } },
    { key: { status: 1, leaseUntil: 1 } },
    { key: { status: 1, policyId: 1, priority: 1, availableAt: 1, _id: 1 } },
  ]);
  await collections.cohorts.createIndexes([
    { key: { scenarioId: 1, status: 1, _id: -1 } },
    { key: { status: 1, _id: -1 } },
    // Node counts sum the members in flight from the index alone (see the SQLite migration).
    { key: { scenarioId: 1, status: 1, nodeId: 1, version: 1, memberCount: 1 } },
  ]);
  await collections.batchItems.createIndex({ owner: 1, scenarioId: 1, version: 1, nodeId: 1, _id: 1 });
  await integrations.createIndex({ name: 1, _id: 1 });
  await presets.createIndex({ name: 1, _id: 1 });
  await presetVersions.createIndex({ presetId: 1, version: 1 }, { unique: true });
  await collections.fanOuts.createIndexes([
    { key: { scenarioId: 1, _id: -1 } },
    { key: { scenarioId: 1, triggerNodeId: 1, _id: -1 } },
    { key: { status: 1, _id: 1 } },
    { key: { status: 1, owner: 1 } },
  ]);
  await collections.apiKeys.createIndex({ hash: 1 }, { unique: true });
  await collections.events.createIndex({ type: 1, receivedAt: 1 });
  await collections.customers.createIndex({ updatedAt: 1 });
  await collections.subscriptions.createIndex({ name: 1, _id: 1 });
  await collections.notices.createIndex({ leaseUntil: 1, _id: 1 });
  await collections.subscriptionDeliveries.createIndexes([
    { key: { status: 1, availableAt: 1, _id: 1 } },
    { key: { status: 1, leaseUntil: 1 } },
    { key: { subscriptionId: 1, orderKey: 1, status: 1, _id: 1 } },
    { key: { subscriptionId: 1, _id: -1 } },
  ]);
}
