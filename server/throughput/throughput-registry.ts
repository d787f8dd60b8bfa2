import {
  ConcurrencyLimiter,
  type ThroughputPolicyInput,
  type ThroughputPriority,
} from '../../engine/throughput/index.ts';
import { HookflowError, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Clock } from '../runtime/clock.ts';
import type { ScenarioStore } from '../store/ports/scenario-store.ts';
import type {
  ThroughputPolicyRecord,
  ThroughputPolicyStore,
} from '../store/ports/throughput-policy-store.ts';

/**
 * Throughput policies and their live limiters: every delivery of a policy, from any scenario,
 * takes a slot of the same limiter. A changed limit applies at once; a deleted policy lets its
 * remaining deliveries through unlimited. The limiters live in this process (the embedded store
 * has one process).
 */
export class ThroughputRegistry {
  private readonly store: ThroughputPolicyStore;
  private readonly scenarios: ScenarioStore;
  private readonly clock: Clock;
  private readonly limiters = new Map<string, ConcurrencyLimiter>();

  constructor(options: { store: ThroughputPolicyStore; scenarios: ScenarioStore; clock: Clock }) {
    this.store = options.store;
    this.scenarios = options.scenarios;
    this.clock = options.clock;
  }

  /**
   * Reads the policies from the store: at start, and whenever any process changed one (see
   * `ChangeWatcher`). A changed limit applies at once; a deleted policy lets its requests through.
   */
  async load(): Promise<void> {
    const policies = await this.store.list();
    const ids = new Set(policies.map((policy) => policy.id));
    for (const id of this.limiters.keys()) if (!ids.has(id)) this.limiters.delete(id);
    for (const policy of policies) {
      const limiter = this.limiters.get(policy.id);
      if (limiter) limiter.setLimit(policy.concurrency);
      else this.limiters.set(policy.id, new ConcurrencyLimiter(policy.concurrency));
    }
  }

  list(): Promise<ThroughputPolicyRecord[]> {
    return this.store.list();
  }

  async get(id: string): Promise<ThroughputPolicyRecord> {
    return (await this.store.get(id)) ?? Promise.reject(notFound('throughput policy', id));
  }

  async create(input: ThroughputPolicyInput): Promise<ThroughputPolicyRecord> {
    const now = new Date(this.clock.now()).toISOString();
    const record = { id: newId('tp', this.clock.now()), ...input, createdAt: now, updatedAt: now };
    await this.store.put(record);
    this.limiters.set(record.id, new ConcurrencyLimiter(record.concurrency));
    return record;
  }

  async update(id: string, input: ThroughputPolicyInput): Promise<ThroughputPolicyRecord> {
    const record = { ...(await this.get(id)), ...input, updatedAt: new Date(this.clock.now()).toISOString() };
    await this.store.put(record);
    this.limiters.get(id)?.setLimit(record.concurrency);
    return record;
  }

  /** Refused while an active scenario's webhook uses the policy; the error lists those scenarios. */
  async delete(id: string): Promise<void> {
    const policy = await this.get(id);
    const users = (await this.scenarios.listActiveVersions()).filter((version) =>
      version.definition.nodes.some(
        (node) => node.type === 'webhook' && node.config.throughputPolicyId === id,
      ),
    );
    if (users.length > 0) {
      const names = users.map((version) => `"${version.name}" (${version.scenarioId})`).join(', ');
      throw new HookflowError(
        'conflict',
        `throughput policy "${policy.name}" is used by active scenarios: ${names}; move them to another policy or stop them first`,
      );
    }
    await this.store.delete(id);
    this.limiters.delete(id);
  }

  /** Waits for a slot of the policy; resolves with the release function (a no-op without a policy). */
  async acquire(policyId: string | null, priority: ThroughputPriority): Promise<() => void> {
    const limiter = policyId ? this.limiters.get(policyId) : undefined;
    return limiter ? limiter.acquire(priority) : () => {};
  }

  /** Policies with as many requests waiting as they may run: claiming more of them would only queue. */
  saturated(): string[] {
    return [...this.limiters]
      .filter(([, limiter]) => limiter.queued >= limiter.running && limiter.queued > 0)
      .map(([id]) => id);
  }
}
