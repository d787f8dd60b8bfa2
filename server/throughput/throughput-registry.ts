import type { ThroughputPolicyInput } from '../../engine/throughput/index.ts';
import { HookflowError, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Clock } from '../runtime/clock.ts';
import type { ScenarioStore } from '../store/ports/scenario-store.ts';
import type {
  ThroughputPolicyRecord,
  ThroughputPolicyStore,
} from '../store/ports/throughput-policy-store.ts';

/**
 * Throughput policies: named concurrency limits. The limit itself is enforced where deliveries
 * are claimed (`DeliveryStore.claim` counts the deliveries sending under a policy in every
 * process), so a changed limit applies everywhere at the next claim and nothing is cached here.
 */
export class ThroughputRegistry {
  private readonly store: ThroughputPolicyStore;
  private readonly scenarios: ScenarioStore;
  private readonly clock: Clock;

  constructor(options: { store: ThroughputPolicyStore; scenarios: ScenarioStore; clock: Clock }) {
    this.store = options.store;
    this.scenarios = options.scenarios;
    this.clock = options.clock;
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
    return record;
  }

  async update(id: string, input: ThroughputPolicyInput): Promise<ThroughputPolicyRecord> {
    const record = { ...(await this.get(id)), ...input, updatedAt: new Date(this.clock.now()).toISOString() };
    await this.store.put(record);
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
  }
}
