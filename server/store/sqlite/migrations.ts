import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from './transaction.ts';

/** Ordered schema steps; `PRAGMA user_version` records how many have run. Append, never edit. */
export const STEPS: readonly string[] = [
  `
  CREATE TABLE scenarios (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    definition TEXT NOT NULL,
    active_version INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE scenario_versions (
    scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (scenario_id, version)
  ) WITHOUT ROWID;
  CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    attributes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE events (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    type TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    properties TEXT NOT NULL,
    received_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    scenario_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    customer_id TEXT NOT NULL,
    event_id TEXT,
    status TEXT NOT NULL,
    node_id TEXT,
    snapshot TEXT NOT NULL,
    rev INTEGER NOT NULL,
    step_count INTEGER NOT NULL,
    wake_at INTEGER,
    wake_visit INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX runs_by_scenario ON runs (scenario_id, status, id);
  CREATE INDEX runs_by_status ON runs (status, id);
  CREATE INDEX runs_wake ON runs (wake_at) WHERE status = 'waiting';
  CREATE TABLE run_steps (
    run_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    node_id TEXT,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL,
    node_id TEXT NOT NULL,
    visit INTEGER NOT NULL,
    request TEXT NOT NULL,
    timeout_ms INTEGER NOT NULL,
    response_format TEXT NOT NULL,
    retry TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    available_at INTEGER NOT NULL,
    lease_until INTEGER,
    created_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX deliveries_due ON deliveries (available_at) WHERE status = 'pending';
  CREATE INDEX deliveries_leased ON deliveries (lease_until) WHERE status = 'sending';
  `,
  `
  CREATE TABLE integrations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    endpoint_prefix TEXT NOT NULL,
    settings TEXT NOT NULL,
    secrets TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  ALTER TABLE deliveries ADD COLUMN integration_id TEXT;
  `,
  `
  CREATE TABLE presets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    needs_credentials INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE preset_versions (
    preset_id TEXT NOT NULL REFERENCES presets(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (preset_id, version)
  ) WITHOUT ROWID;
  `,
  // Audience lookups by the seed's ids; the paths must read exactly as audience-sql writes them.
  `
  CREATE INDEX customers_user_id ON customers (json_extract(attributes, '$.user_id'));
  CREATE INDEX customers_user_phone_number ON customers (json_extract(attributes, '$.user_phone_number'));
  CREATE INDEX customers_bot_channel ON customers (json_extract(attributes, '$.bot_channel'));
  `,
  `
  CREATE TABLE throughput_policies (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    concurrency INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;
  ALTER TABLE deliveries ADD COLUMN policy_id TEXT;
  `,
  // The durable batch buffer: customers waiting at a batch webhook node, in arrival order.
  `
  CREATE TABLE batch_items (
    id TEXT PRIMARY KEY,
    scenario_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    node_id TEXT NOT NULL,
    run_id TEXT NOT NULL,
    visit INTEGER NOT NULL,
    customer TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX batch_items_by_node ON batch_items (scenario_id, version, node_id, id);
  ALTER TABLE deliveries ADD COLUMN batch_runs TEXT;
  `,
  // Named API keys (only a hash of each key) and who changed a scenario: an API key's name.
  `
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    scope TEXT NOT NULL,
    hint TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT
  ) WITHOUT ROWID;
  ALTER TABLE scenario_versions ADD COLUMN author TEXT;
  ALTER TABLE scenarios ADD COLUMN updated_by TEXT;
  `,
  // Fan-outs: one scenario version started for many customers, page by page, resumable.
  `
  CREATE TABLE fan_outs (
    id TEXT PRIMARY KEY,
    scenario_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    trigger_node_id TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    set_attributes TEXT,
    status TEXT NOT NULL,
    cursor TEXT,
    started INTEGER NOT NULL,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT
  ) WITHOUT ROWID;
  CREATE INDEX fan_outs_by_scenario ON fan_outs (scenario_id, id);
  CREATE INDEX fan_outs_running ON fan_outs (id) WHERE status = 'running';
  `,
  // Launch hook tokens: capabilities, kept out of scenario definitions; gone with their scenario.
  `
  CREATE TABLE launch_hooks (
    scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
    node_id TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (scenario_id, node_id)
  ) WITHOUT ROWID;
  `,
  // Bulk sends (launch hooks, schedules) yield to on-event requests in a shared throughput policy.
  `
  ALTER TABLE deliveries ADD COLUMN priority TEXT NOT NULL DEFAULT 'event';
  `,
  // Per-node step counters kept by each commit: the canvas counts no longer group every step of
  // a version (seconds at a million runs). Backfilled from the history already stored.
  `
  CREATE TABLE step_counts (
    scenario_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    node_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    failed INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (scenario_id, version, node_id, kind, failed)
  ) WITHOUT ROWID;
  INSERT INTO step_counts (scenario_id, version, node_id, kind, failed, n)
    SELECT r.scenario_id, r.version, s.node_id, s.kind, json_extract(s.detail, '$.error') IS NOT NULL, count(*)
    FROM runs r JOIN run_steps s ON s.run_id = r.id
    WHERE s.node_id IS NOT NULL AND s.kind IN ('entered', 'webhook', 'wait', 'attributes')
    GROUP BY 1, 2, 3, 4, 5;
  `,
  // customer.user_id reads the user_id attribute, else the customer's id (field-accessor.ts).
  `
  DROP INDEX customers_user_id;
  CREATE INDEX customers_user_id ON customers (COALESCE(json_extract(attributes, '$.user_id'), id));
  `,
  // Event subscriptions: what the user set (JSON) and the endpoint's health, kept by the server.
  `
  CREATE TABLE IF NOT EXISTS subscriptions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    definition TEXT NOT NULL,
    consecutive_failures INTEGER NOT NULL,
    disabled_at TEXT,
    failing_since TEXT,
    last_error TEXT,
    last_failure_at TEXT,
    last_success_at TEXT,
    skipped INTEGER NOT NULL,
    last_alert_at INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // Change stamps: every process polls them and re-reads what it caches when one moved (an
  // activation through another process, a changed integration or policy). Triggers move them,
  // so no write path can forget to; draft edits do not touch the active catalogue.
  `
  CREATE TABLE IF NOT EXISTS change_stamps (topic TEXT PRIMARY KEY, stamp INTEGER NOT NULL) WITHOUT ROWID;
  INSERT OR IGNORE INTO change_stamps (topic, stamp) VALUES ('catalog', 0), ('integrations', 0), ('throughput', 0);
  CREATE TRIGGER IF NOT EXISTS catalog_stamp_insert AFTER INSERT ON scenarios
    BEGIN UPDATE change_stamps SET stamp = stamp + 1 WHERE topic = 'catalog'; END;
  CREATE TRIGGER IF NOT EXISTS catalog_stamp_update AFTER UPDATE OF status, active_version ON scenarios
    WHEN OLD.status IS NOT NEW.status OR OLD.active_version IS NOT NEW.active_version BEGIN UPDATE change_stamps SET stamp = stamp + 1 WHERE topic = 'catalog'; END;
  CREATE TRIGGER IF NOT EXISTS catalog_stamp_delete AFTER DELETE ON scenarios
    BEGIN UPDATE change_stamps SET stamp = stamp + 1 WHERE topic = 'catalog'; END;
  CREATE TRIGGER IF NOT EXISTS integrations_stamp_insert AFTER INSERT ON integrations
    BEGIN UPDATE change_stamps SET stamp = stamp + 1 WHERE topic = 'integrations'; END;
  CREATE TRIGGER IF NOT EXISTS integrations_stamp_update AFTER UPDATE ON integrations
    BEGIN UPDATE change_stamps SET stamp = stamp + 1 WHERE topic = 'integrations'; END;
  CREATE TRIGGER IF NOT EXISTS integrations_stamp_delete AFTER DELETE ON integrations
    BEGIN UPDATE change_stamps SET stamp = stamp + 1 WHERE topic = 'integrations'; END;
  CREATE TRIGGER IF NOT EXISTS throughput_stamp_insert AFTER INSERT ON throughput_policies
    BEGIN UPDATE change_stamps SET stamp = stamp + 1 WHERE topic = 'throughput'; END;
  CREATE TRIGGER IF NOT EXISTS throughput_stamp_update AFTER UPDATE ON throughput_policies
    BEGIN UPDATE change_stamps SET stamp = stamp + 1 WHERE topic = 'throughput'; END;
  CREATE TRIGGER IF NOT EXISTS throughput_stamp_delete AFTER DELETE ON throughput_policies
    BEGIN UPDATE change_stamps SET stamp = stamp + 1 WHERE topic = 'throughput'; END;
  `,
  // Processes sharing the store beat here; a delivery names the process whose worker holds it,
  // so the others take it over as soon as that process stops beating, not when the lease lapses.
  `
  CREATE TABLE processes (
    id TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    heartbeat_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  ALTER TABLE deliveries ADD COLUMN owner TEXT;
  `,
  // Throughput limits hold across processes: a claim counts the deliveries sending under each
  // policy (read from the store each time, so no process caches policies any more). Free
  // deliveries and each policy's have their own index: a long bulk backlog behind a small limit
  // is never scanned.
  `
  CREATE INDEX deliveries_due_free ON deliveries (available_at, id) WHERE status = 'pending' AND policy_id IS NULL;
  CREATE INDEX deliveries_due_by_policy ON deliveries (policy_id, priority, available_at, id)
    WHERE status = 'pending' AND policy_id IS NOT NULL;
  CREATE INDEX deliveries_sending_by_policy ON deliveries (policy_id) WHERE status = 'sending';
  DROP TRIGGER throughput_stamp_insert;
  DROP TRIGGER throughput_stamp_update;
  DROP TRIGGER throughput_stamp_delete;
  DELETE FROM change_stamps WHERE topic = 'throughput';
  `,
  // A running fan-out names the process paging through it, so the others take it over as soon
  // as that process stops beating (before: only a restart resumed it).
  `
  ALTER TABLE fan_outs ADD COLUMN owner TEXT;
  `,
  // A launch hook's rate limit holds across processes: its token bucket lives here.
  `
  CREATE TABLE rate_buckets (
    key TEXT PRIMARY KEY,
    tokens REAL NOT NULL,
    at INTEGER NOT NULL,
    granted INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // Each process's batcher sends the batch items it owns; the others take them over once it
  // stops beating. Items already queued have no owner: the first process to look takes them.
  `
  ALTER TABLE batch_items ADD COLUMN owner TEXT;
  DROP INDEX batch_items_by_node;
  CREATE INDEX batch_items_by_owner ON batch_items (owner, scenario_id, version, node_id, id);
  `,
  // The event subscriptions' outbox: notices (Hookflow's events, written in the transaction that
  // caused them) and, per subscription, deliveries with their attempts. customer.returned fires
  // at most once a day per customer: its last time is kept on the customer.
  `
  CREATE TABLE IF NOT EXISTS notices (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    at INTEGER NOT NULL,
    customer_id TEXT,
    properties TEXT NOT NULL,
    lease_until INTEGER,
    lease_owner TEXT
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS subscription_deliveries (
    id TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    notice_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    customer_id TEXT,
    order_key TEXT NOT NULL,
    request TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts TEXT NOT NULL,
    attempt_count INTEGER NOT NULL,
    available_at INTEGER NOT NULL,
    lease_until INTEGER,
    lease_owner TEXT,
    test INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS subscription_deliveries_due ON subscription_deliveries (available_at) WHERE status = 'pending';
  CREATE INDEX IF NOT EXISTS subscription_deliveries_leased ON subscription_deliveries (lease_until) WHERE status = 'sending';
  CREATE INDEX IF NOT EXISTS subscription_deliveries_order ON subscription_deliveries (subscription_id, order_key, status, id);
  CREATE INDEX IF NOT EXISTS subscription_deliveries_log ON subscription_deliveries (subscription_id, id);
  ALTER TABLE customers ADD COLUMN returned_at INTEGER;
  INSERT OR IGNORE INTO change_stamps (topic, stamp) VALUES ('subscriptions', 0);
  CREATE TRIGGER IF NOT EXISTS subscriptions_stamp_insert AFTER INSERT ON subscriptions
    BEGIN UPDATE change_stamps SET stamp = stamp + 1 WHERE topic = 'subscriptions'; END;
  CREATE TRIGGER IF NOT EXISTS subscriptions_stamp_update AFTER UPDATE OF definition, disabled_at ON subscriptions
    WHEN OLD.definition IS NOT NEW.definition OR OLD.disabled_at IS NOT NEW.disabled_at
    BEGIN UPDATE change_stamps SET stamp = stamp + 1 WHERE topic = 'subscriptions'; END;
  CREATE TRIGGER IF NOT EXISTS subscriptions_stamp_delete AFTER DELETE ON subscriptions
    BEGIN UPDATE change_stamps SET stamp = stamp + 1 WHERE topic = 'subscriptions'; END;
  `,
  // A closed delivery keeps its last reason to fail: the endpoints' health view shows it per host.
  `
  ALTER TABLE deliveries ADD COLUMN error TEXT;
  `,
  // How many customers a fan-out targets (counted in the background), for its progress on the canvas.
  `
  ALTER TABLE fan_outs ADD COLUMN audience INTEGER;
  CREATE INDEX fan_outs_by_node ON fan_outs (scenario_id, trigger_node_id, id);
  `,
  // The editor's suggestions read recent events of a type and recently updated customers: a few
  // index seeks, never a scan of the tables.
  `
  CREATE INDEX IF NOT EXISTS events_by_type ON events (type, received_at);
  CREATE INDEX IF NOT EXISTS customers_by_update ON customers (updated_at);
  `,
  // Cohorts: a fan-out page's customers taking the same path, saved as one record until their
  // paths part (see CohortRecord). The run store answers for their members as for runs.
  `
  CREATE TABLE cohorts (
    id TEXT PRIMARY KEY,
    scenario_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    trigger_node_id TEXT NOT NULL,
    customer_ids TEXT NOT NULL,
    member_count INTEGER NOT NULL,
    status TEXT NOT NULL,
    node_id TEXT,
    visit INTEGER NOT NULL,
    steps TEXT NOT NULL,
    rev INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX cohorts_by_scenario ON cohorts (scenario_id, status, id);
  CREATE INDEX cohorts_by_status ON cohorts (status, id);
  ALTER TABLE deliveries ADD COLUMN cohort_id TEXT;
  `,
  // The members standing on each node (an open editor's node counts) are summed from the cohorts
  // in flight; read from this index alone, not from rows that hold every member's id.
  `
  CREATE INDEX IF NOT EXISTS cohorts_in_flight ON cohorts (scenario_id, status, node_id, version, member_count);
  `,
  // Subscription deliveries are claimed from the head of the due ones, in (available_at, id)
  // order: an index in that order lets the claim read a window instead of sorting the backlog.
  `
  DROP INDEX IF EXISTS subscription_deliveries_due;
  CREATE INDEX subscription_deliveries_due ON subscription_deliveries (available_at, id) WHERE status = 'pending';
  `,
];

/**
 * Runs the steps not yet applied, one transaction each. The step number is read inside the
 * transaction, whose write lock is taken first (IMMEDIATE): processes starting together on a new
 * file apply each step once, the later ones finding it done.
 */
export function migrate(db: DatabaseSync): void {
  const applyNext = () => {
    const { user_version: step } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    if (step >= STEPS.length) return false;
    db.exec(STEPS[step]!);
    db.exec(`PRAGMA user_version = ${step + 1}`);
    return true;
  };
  while (inTransaction(db, applyNext));
}
