import { type Db, MongoClient } from 'mongodb';
import type { CommitBatch, CommitResult, Store } from '../ports/store.ts';
import { type MongoCollections, mongoCollections, prepareCollections } from './mongo-collections.ts';
import { mongoCommit } from './mongo-commit.ts';
import { type CommitTimer, timedCommit } from '../timed-commit.ts';
import { MongoApiKeyStore } from './mongo-api-key-store.ts';
import { MongoBacklogStore } from './mongo-backlog-store.ts';
import { MongoBatchItemStore } from './mongo-batch-item-store.ts';
import { MongoChangeStampStore } from './mongo-change-stamp-store.ts';
import { MongoCohortStore } from './mongo-cohort-store.ts';
import { MongoCustomerStore } from './mongo-customer-store.ts';
import { MongoDeliveryStore } from './mongo-delivery-store.ts';
import { MongoEventStore } from './mongo-event-store.ts';
import { MongoFanOutStore } from './mongo-fan-out-store.ts';
import { MongoIntegrationStore } from './mongo-integration-store.ts';
import { MongoLaunchHookStore } from './mongo-launch-hook-store.ts';
import { MongoPolicyClaims } from './mongo-policy-claims.ts';
import { MongoPresetStore } from './mongo-preset-store.ts';
import { MongoProcessStore } from './mongo-process-store.ts';
import { MongoRateBucketStore } from './mongo-rate-bucket-store.ts';
import { MongoRunStore } from './mongo-run-store.ts';
import { MongoScenarioStore } from './mongo-scenario-store.ts';
import { MongoSettingsStore } from './mongo-settings-store.ts';
import { MongoSubscriptionStore } from './mongo-subscription-store.ts';
import { MongoNoticeStore } from './mongo-notice-store.ts';
import { MongoThroughputPolicyStore } from './mongo-throughput-policy-store.ts';

/**
 * The production store: one MongoDB database shared by every server process. Commits are
 * multi-document transactions, so the server must be a replica set (a single-node one will do)
 * or a sharded cluster.
 */
export class MongoStore implements Store {
  readonly kind = 'mongo' as const;
  readonly client: MongoClient;
  readonly db: Db;
  readonly scenarios: MongoScenarioStore;
  readonly customers: MongoCustomerStore;
  readonly events: MongoEventStore;
  readonly runs: MongoRunStore;
  readonly deliveries: MongoDeliveryStore;
  readonly batchItems: MongoBatchItemStore;
  readonly integrations: MongoIntegrationStore;
  readonly presets: MongoPresetStore;
  readonly settings: MongoSettingsStore;
  readonly fanOuts: MongoFanOutStore;
  readonly throughputPolicies: MongoThroughputPolicyStore;
  readonly apiKeys: MongoApiKeyStore;
  readonly launchHooks: MongoLaunchHookStore;
  readonly subscriptions: MongoSubscriptionStore;
  readonly changes: MongoChangeStampStore;
  readonly processes: MongoProcessStore;
  readonly cohorts: MongoCohortStore;
  readonly backlog: MongoBacklogStore;
  readonly rateBuckets: MongoRateBucketStore;
  readonly notices: MongoNoticeStore;
  private readonly collections: MongoCollections;
  private readonly commitTimer: CommitTimer | undefined;

  constructor(client: MongoClient, db: Db, options: { commitTimer?: CommitTimer } = {}) {
    this.client = client;
    this.db = db;
    this.collections = mongoCollections(db);
    this.scenarios = new MongoScenarioStore(client, this.collections);
    this.customers = new MongoCustomerStore(this.collections.customers);
    this.events = new MongoEventStore(this.collections.events);
    this.runs = new MongoRunStore(this.collections);
    this.processes = new MongoProcessStore(this.collections.processes);
    this.cohorts = new MongoCohortStore(this.collections.cohorts);
    this.deliveries = new MongoDeliveryStore({
      deliveries: this.collections.deliveries,
      processes: this.processes,
      policyClaims: new MongoPolicyClaims({
        client,
        deliveries: this.collections.deliveries,
        policies: this.collections.throughputPolicies,
        slots: this.collections.policySlots,
      }),
    });
    this.batchItems = new MongoBatchItemStore(this.collections.batchItems, this.processes);
    this.integrations = new MongoIntegrationStore(this.collections.integrations);
    this.presets = new MongoPresetStore(client, this.collections);
    this.settings = new MongoSettingsStore(this.collections.settings);
    this.fanOuts = new MongoFanOutStore(client, this.collections, this.processes);
    this.throughputPolicies = new MongoThroughputPolicyStore(client, this.collections);
    this.apiKeys = new MongoApiKeyStore(this.collections.apiKeys);
    this.launchHooks = new MongoLaunchHookStore(db.collection('launch_hooks'));
    this.subscriptions = new MongoSubscriptionStore(client, this.collections);
    this.changes = new MongoChangeStampStore(db);
    this.backlog = new MongoBacklogStore(this.collections);
    this.commitTimer = options.commitTimer;
    this.rateBuckets = new MongoRateBucketStore(db.collection('rate_buckets'));
    this.notices = new MongoNoticeStore(client, this.collections, this.processes);
  }

  /** Checks that transactions are available and creates collections and indexes (idempotent). */
  async init(): Promise<void> {
    const hello = await this.db.admin().command({ hello: 1 });
    if (!hello['setName'] && hello['msg'] !== 'isdbgrid') {
      throw new Error('MongoDB must be a replica set or a sharded cluster: commits use transactions');
    }
    await prepareCollections(this.db, this.collections);
    await this.launchHooks.prepare();
    this.changes.open();
  }

  commit(batch: CommitBatch): Promise<CommitResult> {
    return timedCommit(this.commitTimer, () => mongoCommit(this.client, this.collections, batch));
  }

  async close(): Promise<void> {
    await this.changes.close();
    await this.client.close();
  }
}

/**
 * Connects, checks and prepares the database, e.g.
 * `await openMongoStore('mongodb://127.0.0.1:27017/?replicaSet=rs0', { dbName: 'hookflow' })`.
 * Without `dbName`, the database named in the URI is used; `commitTimer` is told how long each
 * commit took.
 */
export async function openMongoStore(
  uri: string,
  options: { dbName?: string; commitTimer?: CommitTimer } = {},
): Promise<MongoStore> {
  const client = new MongoClient(uri);
  try {
    await client.connect();
    const store = new MongoStore(client, client.db(options.dbName), { commitTimer: options.commitTimer });
    await store.init();
    return store;
  } catch (error) {
    await client.close();
    throw error;
  }
}
