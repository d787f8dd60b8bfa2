import type { DatabaseSync } from 'node:sqlite';
import type { CommitBatch, CommitResult, Store } from '../ports/store.ts';
import type { LoopLogger } from '../../runtime/resilient-loop.ts';
import { retryingWhileBusy, retryWhileBusy } from './busy-retry.ts';
import { openDatabase, type SqliteSynchronous } from './open-database.ts';
import { WalCheckpointer } from './wal-checkpointer.ts';
import { sqliteCommit } from './sqlite-commit.ts';
import { type CommitTimer, timedCommit } from '../timed-commit.ts';
import { SqliteApiKeyStore } from './sqlite-api-key-store.ts';
import { SqliteBacklogStore } from './sqlite-backlog-store.ts';
import { SqliteBatchItemStore } from './sqlite-batch-item-store.ts';
import { SqliteChangeStampStore } from './sqlite-change-stamp-store.ts';
import { SqliteCohortStore } from './sqlite-cohort-store.ts';
import { SqliteCustomerStore } from './sqlite-customer-store.ts';
import { SqliteDeliveryStore } from './sqlite-delivery-store.ts';
import { SqliteEventStore } from './sqlite-event-store.ts';
import { SqliteFanOutStore } from './sqlite-fan-out-store.ts';
import { SqliteIntegrationStore } from './sqlite-integration-store.ts';
import { SqliteLaunchHookStore } from './sqlite-launch-hook-store.ts';
import { SqlitePresetStore } from './sqlite-preset-store.ts';
import { SqliteProcessStore } from './sqlite-process-store.ts';
import { SqliteRateBucketStore } from './sqlite-rate-bucket-store.ts';
import { SqliteRunStore } from './sqlite-run-store.ts';
import { SqliteScenarioStore } from './sqlite-scenario-store.ts';
import { SqliteSettingsStore } from './sqlite-settings-store.ts';
import { SqliteSubscriptionStore } from './sqlite-subscription-store.ts';
import { SqliteNoticeStore } from './sqlite-notice-store.ts';
import { SqliteThroughputPolicyStore } from './sqlite-throughput-policy-store.ts';

export interface SqliteStoreOptions {
  /** When a commit is on disk; default `full` (see `SqliteSynchronous`). */
  synchronous?: SqliteSynchronous;
  /** Where the WAL checkpointer reports failures; silent when absent. */
  logger?: LoopLogger;
  /** Told how long each commit took (`/metrics`); nobody when absent. */
  commitTimer?: CommitTimer;
}

const QUIET: LoopLogger = { error: () => {}, info: () => {} };

/** The embedded store: one SQLite file (WAL) holding every port's tables and Agenda's jobs. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: DatabaseSync;
  readonly scenarios: SqliteScenarioStore;
  readonly customers: SqliteCustomerStore;
  readonly events: SqliteEventStore;
  readonly runs: SqliteRunStore;
  readonly deliveries: SqliteDeliveryStore;
  readonly batchItems: SqliteBatchItemStore;
  readonly integrations: SqliteIntegrationStore;
  readonly presets: SqlitePresetStore;
  readonly throughputPolicies: SqliteThroughputPolicyStore;
  readonly settings: SqliteSettingsStore;
  readonly fanOuts: SqliteFanOutStore;
  readonly apiKeys: SqliteApiKeyStore;
  readonly launchHooks: SqliteLaunchHookStore;
  readonly subscriptions: SqliteSubscriptionStore;
  readonly changes: SqliteChangeStampStore;
  readonly processes: SqliteProcessStore;
  readonly cohorts: SqliteCohortStore;
  readonly backlog: SqliteBacklogStore;
  readonly rateBuckets: SqliteRateBucketStore;
  readonly notices: SqliteNoticeStore;

  private readonly checkpointer: WalCheckpointer;
  private readonly commitTimer: CommitTimer | undefined;
  private readonly synchronous: SqliteSynchronous;

  /**
   * @example
   * const store = new SqliteStore('data/hookflow.db', { synchronous: 'full', logger });
   */
  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.synchronous = options.synchronous ?? 'full';
    this.db = openDatabase(file, { synchronous: this.synchronous });
    this.checkpointer = new WalCheckpointer({ db: this.db, logger: options.logger ?? QUIET });
    if (file !== ':memory:') this.checkpointer.start();
    this.scenarios = retryingWhileBusy(new SqliteScenarioStore(this.db));
    this.customers = retryingWhileBusy(new SqliteCustomerStore(this.db));
    this.events = retryingWhileBusy(new SqliteEventStore(this.db));
    this.runs = retryingWhileBusy(new SqliteRunStore(this.db));
    this.deliveries = retryingWhileBusy(new SqliteDeliveryStore(this.db));
    this.batchItems = retryingWhileBusy(new SqliteBatchItemStore(this.db));
    this.integrations = retryingWhileBusy(new SqliteIntegrationStore(this.db));
    this.presets = retryingWhileBusy(new SqlitePresetStore(this.db));
    this.throughputPolicies = retryingWhileBusy(new SqliteThroughputPolicyStore(this.db));
    this.settings = retryingWhileBusy(new SqliteSettingsStore(this.db));
    this.fanOuts = retryingWhileBusy(new SqliteFanOutStore(this.db));
    this.apiKeys = retryingWhileBusy(new SqliteApiKeyStore(this.db));
    this.launchHooks = retryingWhileBusy(new SqliteLaunchHookStore(this.db));
    this.subscriptions = retryingWhileBusy(new SqliteSubscriptionStore(this.db));
    this.changes = retryingWhileBusy(new SqliteChangeStampStore(this.db));
    this.processes = retryingWhileBusy(new SqliteProcessStore(this.db));
    this.cohorts = retryingWhileBusy(new SqliteCohortStore(this.db));
    this.backlog = retryingWhileBusy(new SqliteBacklogStore(this.db));
    this.commitTimer = options.commitTimer;
    this.rateBuckets = retryingWhileBusy(new SqliteRateBucketStore(this.db));
    this.notices = retryingWhileBusy(new SqliteNoticeStore(this.db));
  }

  async commit(batch: CommitBatch): Promise<CommitResult> {
    return timedCommit(this.commitTimer, () => retryWhileBusy(() => this.commitAtItsDurability(batch)));
  }

  private commitAtItsDurability(batch: CommitBatch): CommitResult {
    if (batch.flush !== 'later' || this.synchronous === 'normal') return sqliteCommit(this.db, batch);
    // The WAL is one file written in order: the next flushed commit puts this one on disk too.
    this.db.exec('PRAGMA synchronous = NORMAL');
    try {
      return sqliteCommit(this.db, batch);
    } finally {
      this.db.exec('PRAGMA synchronous = FULL');
    }
  }

  async close(): Promise<void> {
    this.checkpointer.stop();
    if (this.db.isOpen) this.db.close();
  }
}
