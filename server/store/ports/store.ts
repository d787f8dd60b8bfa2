import type { ApiKeyStore } from './api-key-store.ts';
import type { BacklogStore } from './backlog-store.ts';
import type { BatchItemRecord, BatchItemStore } from './batch-item-store.ts';
import type { ChangeStampStore } from './change-stamp-store.ts';
import type { CohortChange, CohortStore } from './cohort-store.ts';
import type { CustomerStore } from './customer-store.ts';
import type { DeliveryRecord, DeliveryStore } from './delivery-store.ts';
import type { EventRecord, EventStore } from './event-store.ts';
import type { FanOutPage, FanOutStore } from './fan-out-store.ts';
import type { IntegrationStore } from './integration-store.ts';
import type { LaunchHookStore } from './launch-hook-store.ts';
import type { CustomerNoticeWatch, CustomerWriteCause, NoticeDraft, NoticeStore } from './notice-store.ts';
import type { PresetStore } from './preset-store.ts';
import type { ProcessStore } from './process-store.ts';
import type { RateBucketStore } from './rate-bucket-store.ts';
import type { RunRecord, RunStepRecord, RunStore } from './run-store.ts';
import type { ScenarioStore } from './scenario-store.ts';
import type { SettingsStore } from './settings-store.ts';
import type { SubscriptionStore } from './subscription-store.ts';
import type { ThroughputPolicyStore } from './throughput-policy-store.ts';

/** A delivery closed: answered 2xx (done) or given up (failed, with the last attempt's reason). */
export interface DeliveryClose {
  id: string;
  status: 'done' | 'failed';
  /** Kept on the delivery: the endpoints' health view shows the last one per host. */
  error?: string | null;
}

/** Everything one run changes in one step; applied all-or-nothing. */
export interface RunChange {
  run: RunRecord;
  /** The revision the change was computed from; null inserts a new run. */
  expectedRev: number | null;
  /** History entries of `run` (same runId), with consecutive seq from the run's previous stepCount. */
  steps: RunStepRecord[];
  deliveries: DeliveryRecord[];
  /** Customers of `run` queued at a batch webhook node. */
  batchItems?: BatchItemRecord[];
  /** The delivery whose result produced this step, closed in the same transaction. */
  closeDelivery?: DeliveryClose;
  /** The delivery whose attempt failed and is to be sent again at `availableAt` (epoch ms). */
  retryDelivery?: { id: string; availableAt: number };
  /**
   * History the run shared with a cohort before it parted from it (see `CohortRecord`), saved
   * with the run but not counted again in the node figures: the cohort counted it.
   */
  copiedSteps?: RunStepRecord[];
  /** Attributes the step set on the run's customer (a shallow merge), saved only with the run. */
  customerAttributes?: Record<string, unknown>;
  /** Events of this step for subscriptions (run.*, webhook.*), saved only with the run, in order. */
  notices?: NoticeDraft[];
  /**
   * Where the customer events of `customerAttributes` go among `notices` (before the run's end,
   * after its start); absent: after them all.
   */
  attributeNoticesAt?: number;
  /**
   * The outputs the run left nodes by in this step (`yes`, `no`, `success`, `failure`, `out`), in
   * order: each adds one to the node's branch counter (`NodeStats.branches`) with the run.
   */
  branches?: { nodeId: string; handle: string }[];
}

/**
 * One transaction: customers, events and run changes. Events are inserted once (a duplicate
 * id is skipped together with the runs started from it); a run change whose `expectedRev` no
 * longer matches is skipped whole. Nothing else is half-applied.
 */
export interface CommitBatch {
  /**
   * Attribute merges (shallow: top-level keys replace, a null is stored as null), creating
   * customers that do not exist; an empty merge only creates a missing customer. `cause` is what
   * `customer.*` events report. A merge with an `eventId` is applied only when that event of
   * `events` is stored by this commit: a duplicate event's attributes are not merged again.
   */
  customers?: ({ id: string; attributes: Record<string, unknown>; eventId?: string } & CustomerWriteCause)[];
  /**
   * Which customer events to decide from the stored customers, for every customer write of the
   * batch (merges above and run changes' attributes); absent or empty: none.
   */
  watch?: CustomerNoticeWatch;
  /** Inserted once by id; callers must not repeat an id within one batch (CommitQueue splits such groups). */
  events?: EventRecord[];
  runs?: RunChange[];
  /**
   * Batch requests formed from queued items: each delivery is inserted and its items removed,
   * or, when one of the items is gone already (another process formed that batch), the whole
   * entry is skipped and reported in `staleBatches`.
   */
  batches?: { delivery: DeliveryRecord; itemIds: string[] }[];
  /** Batch items removed without a request (their batch could not be rendered). */
  dropBatchItems?: string[];
  /**
   * A fan-out page: the progress saved with the runs the page started (see `FanOutStore`). It
   * applies only while the fan-out is running with its cursor still at `after`; otherwise the
   * whole batch is refused, nothing is written and `staleFanOutPage` is true (another process
   * saved this page first, or the fan-out ended). Commit such a batch directly, not through
   * the CommitQueue.
   */
  fanOutPage?: FanOutPage;
  /**
   * Cohorts inserted or changed (skipped whole, and reported in `conflicts`, when `expectedRev`
   * no longer matches), with their deliveries and the per-node counts of their new steps: each
   * of the last `addedSteps` steps counts once per member.
   */
  cohorts?: CohortCommit[];
  /** Deliveries to close whatever happens to their run (results the run no longer awaits). */
  closeDeliveries?: DeliveryClose[];
  /**
   * `later`: nobody is answered on this commit (background bookkeeping: webhook answers, woken
   * runs, batches, fan-out pages), so it may return before it is on disk. It is flushed with the
   * next commit that is not `later`, and at the latest by the claim that hands what it created
   * to the delivery worker (claims are flushed), so a delivery is on disk before it is sent.
   * SQLite with `synchronous=full` commits it with `synchronous=normal`; MongoDB ignores it
   * (every commit is acknowledged by a majority).
   */
  flush?: 'later';
  now: string;
}

/** A cohort's change with what it brings along, like a `RunChange`. */
export interface CohortCommit extends CohortChange {
  /** How many of the cohort's last steps this change added (all of them for a new cohort). */
  addedSteps: number;
  deliveries: DeliveryRecord[];
  /** The delivery whose result produced this change, closed with it. */
  closeDelivery?: DeliveryClose;
  /** The delivery whose attempt failed and is sent again at `availableAt` (epoch ms). */
  retryDelivery?: { id: string; availableAt: number };
  /** Outputs the cohort left nodes by, as on `RunChange`: each counts once per member. */
  branches?: RunChange['branches'];
}

export interface CommitResult {
  /** Event ids that were already stored; their runs were not created. */
  duplicateEvents: string[];
  /** Run (and cohort) ids whose change was skipped because another step saved first. */
  conflicts: string[];
  /** Delivery ids of `batches` entries skipped because their items were taken already. */
  staleBatches?: string[];
  /** True when `fanOutPage` was refused, and with it the whole batch. */
  staleFanOutPage?: boolean;
}

/** The persistence port the server is written against; adapters: SQLite (embedded), MongoDB. */
export interface Store {
  readonly kind: 'sqlite' | 'mongo';
  readonly scenarios: ScenarioStore;
  readonly customers: CustomerStore;
  readonly events: EventStore;
  readonly runs: RunStore;
  readonly deliveries: DeliveryStore;
  readonly batchItems: BatchItemStore;
  readonly integrations: IntegrationStore;
  readonly presets: PresetStore;
  readonly throughputPolicies: ThroughputPolicyStore;
  readonly settings: SettingsStore;
  readonly fanOuts: FanOutStore;
  readonly apiKeys: ApiKeyStore;
  readonly launchHooks: LaunchHookStore;
  readonly subscriptions: SubscriptionStore;
  /** Fan-out customers advancing as one record (see `CohortRecord`). */
  readonly cohorts: CohortStore;
  /** Heartbeats of the processes sharing the store: who owns leased work. */
  readonly processes: ProcessStore;
  /** Launch hooks' rate limits, shared by the processes. */
  readonly rateBuckets: RateBucketStore;
  /** Stamps that move when cached data changes in any process (see `ChangeWatcher`). */
  readonly changes: ChangeStampStore;
  /** Counts of the work waiting, over every process (what `/metrics` reports). */
  readonly backlog: BacklogStore;
  /** The event subscriptions' outbox. */
  readonly notices: NoticeStore;
  commit(batch: CommitBatch): Promise<CommitResult>;
  close(): Promise<void>;
}
