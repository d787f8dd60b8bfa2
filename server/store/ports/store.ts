import type { CustomerStore } from './customer-store.ts';
import type { DeliveryRecord, DeliveryStore } from './delivery-store.ts';
import type { EventRecord, EventStore } from './event-store.ts';
import type { IntegrationStore } from './integration-store.ts';
import type { PresetStore } from './preset-store.ts';
import type { RunRecord, RunStepRecord, RunStore } from './run-store.ts';
import type { ScenarioStore } from './scenario-store.ts';
import type { SettingsStore } from './settings-store.ts';
import type { ThroughputPolicyStore } from './throughput-policy-store.ts';

/** Everything one run changes in one step; applied all-or-nothing. */
export interface RunChange {
  run: RunRecord;
  /** The revision the change was computed from; null inserts a new run. */
  expectedRev: number | null;
  /** History entries of `run` (same runId), with consecutive seq from the run's previous stepCount. */
  steps: RunStepRecord[];
  deliveries: DeliveryRecord[];
  /** The delivery whose result produced this step, closed in the same transaction. */
  closeDelivery?: { id: string; status: 'done' | 'failed' };
  /** The delivery whose attempt failed and is to be sent again at `availableAt` (epoch ms). */
  retryDelivery?: { id: string; availableAt: number };
}

/**
 * One transaction: customers, events and run changes. Events are inserted once (a duplicate
 * id is skipped together with the runs started from it); a run change whose `expectedRev` no
 * longer matches is skipped whole. Nothing else is half-applied.
 */
export interface CommitBatch {
  /**
   * Attribute merges (shallow: top-level keys replace, a null is stored as null), creating
   * customers that do not exist; an empty merge only creates a missing customer.
   */
  customers?: { id: string; attributes: Record<string, unknown> }[];
  /** Inserted once by id; callers must not repeat an id within one batch (CommitQueue splits such groups). */
  events?: EventRecord[];
  runs?: RunChange[];
  /** Deliveries to close whatever happens to their run (results the run no longer awaits). */
  closeDeliveries?: { id: string; status: 'done' | 'failed' }[];
  now: string;
}

export interface CommitResult {
  /** Event ids that were already stored; their runs were not created. */
  duplicateEvents: string[];
  /** Run ids whose change was skipped because another step saved first. */
  conflicts: string[];
}

/** The persistence port the server is written against; adapters: SQLite (embedded), MongoDB. */
export interface Store {
  readonly kind: 'sqlite' | 'mongo';
  readonly scenarios: ScenarioStore;
  readonly customers: CustomerStore;
  readonly events: EventStore;
  readonly runs: RunStore;
  readonly deliveries: DeliveryStore;
  readonly integrations: IntegrationStore;
  readonly presets: PresetStore;
  readonly throughputPolicies: ThroughputPolicyStore;
  readonly settings: SettingsStore;
  commit(batch: CommitBatch): Promise<CommitResult>;
  close(): Promise<void>;
}
