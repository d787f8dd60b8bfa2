import type { PersistedRunSnapshot } from '../../engine/run/index.ts';
import type { Scenario, ScenarioDefinition } from '../../engine/scenario/index.ts';
import type { DeliveryRecord } from '../../server/store/ports/delivery-store.ts';
import type { EventRecord } from '../../server/store/ports/event-store.ts';
import type { RunRecord, RunStepRecord } from '../../server/store/ports/run-store.ts';
import type { RunChange, Store } from '../../server/store/ports/store.ts';

/** A fixed epoch so every timestamp in the suite is predictable. */
export const T0 = Date.parse('2024-05-01T10:00:00.000Z');

/** The ISO string `seconds` after T0 (ISO strings sort like the times they name). */
export const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

/** The epoch-ms time `seconds` after T0. */
export const ms = (seconds: number): number => T0 + seconds * 1000;

/** A frozen definition: trigger -> end, as activation would store it. */
export const definition = (eventType = 'signup'): ScenarioDefinition => ({
  nodes: [
    {
      id: 'trigger',
      type: 'trigger.event',
      position: { x: 0, y: 0 },
      config: { eventType, conditions: { rules: [] } },
    },
    { id: 'end', type: 'end', position: { x: 0, y: 200 }, config: {} },
  ],
  edges: [{ id: 'e1', source: 'trigger', target: 'end', sourceHandle: 'out' }],
});

export const scenario = (overrides: Partial<Scenario> = {}): Scenario => ({
  id: 'scn_1',
  name: 'Welcome',
  description: 'Greets new customers',
  status: 'draft',
  definition: {
    nodes: [{ id: 'trigger', type: 'trigger.event', position: { x: 1, y: 2 }, config: { eventType: '' } }],
    edges: [],
  },
  activeVersion: null,
  createdAt: at(0),
  updatedAt: at(0),
  updatedBy: null,
  ...overrides,
});

export const event = (overrides: Partial<EventRecord> = {}): EventRecord => ({
  id: 'evt_1',
  customerId: 'cus_1',
  type: 'signup',
  timestamp: at(0),
  properties: { plan: 'pro', tags: ['a', 'b'], nested: { amount: 12.5, none: null } },
  receivedAt: at(1),
  ...overrides,
});

/** A persisted actor snapshot as XState would produce it (JSON only). */
const snapshot = (nodeId: string | null): PersistedRunSnapshot =>
  ({
    status: 'active',
    value: nodeId ?? 'completed',
    context: { visit: 2, customer: { id: 'cus_1', plan: 'pro' }, webhooks: [], lastError: null },
    children: {},
    historyValue: {},
  }) as unknown as PersistedRunSnapshot;

export const run = (overrides: Partial<RunRecord> = {}): RunRecord => ({
  id: 'run_1',
  scenarioId: 'scn_1',
  version: 1,
  customerId: 'cus_1',
  eventId: null,
  status: 'running',
  nodeId: 'trigger',
  snapshot: snapshot(overrides.nodeId ?? 'trigger'),
  rev: 1,
  stepCount: 0,
  wakeAt: null,
  wakeVisit: null,
  createdAt: at(0),
  updatedAt: at(0),
  ...overrides,
});

export const step = (runId: string, seq: number, overrides: Partial<RunStepRecord> = {}): RunStepRecord => ({
  runId,
  seq,
  at: at(seq),
  nodeId: 'trigger',
  kind: 'entered',
  detail: { note: `step ${seq}` },
  ...overrides,
});

export const delivery = (overrides: Partial<DeliveryRecord> = {}): DeliveryRecord => ({
  id: 'dlv_1',
  runId: 'run_1',
  nodeId: 'hook',
  visit: 2,
  batchRuns: null,
  cohortId: null,
  request: {
    method: 'POST',
    url: 'https://example.test/hook',
    headers: { 'content-type': 'application/json' },
    body: '{"hello":"world"}',
  },
  timeoutMs: 5000,
  responseFormat: 'json',
  integrationId: null,
  policyId: null,
  priority: 'event',
  retry: { maxAttempts: 5, maxTotalMs: 3_600_000, initialDelayMs: 1000, maxDelayMs: 60_000 },
  status: 'pending',
  attempts: 0,
  availableAt: ms(0),
  leaseUntil: null,
  owner: null,
  createdAt: at(0),
  ...overrides,
});

/** A run change inserting `record` (expectedRev null) unless told otherwise. */
export const change = (record: RunRecord, overrides: Partial<RunChange> = {}): RunChange => ({
  run: record,
  expectedRev: null,
  steps: [],
  deliveries: [],
  ...overrides,
});

/** The next revision of a stored run, as one step of the engine would save it. */
export const advanced = (record: RunRecord, overrides: Partial<RunRecord> = {}): RunRecord => ({
  ...record,
  rev: record.rev + 1,
  stepCount: record.stepCount + 1,
  updatedAt: at(100),
  ...overrides,
});

/** A heartbeat of process `id` at `at` (epoch ms): leases it holds count as alive after that. */
export const beat = (store: Store, id: string, at: number) =>
  store.processes.beat({ id, host: 'h', pid: 1, startedAt: new Date(at).toISOString(), heartbeatAt: at });
