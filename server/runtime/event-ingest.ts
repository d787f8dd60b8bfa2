import { evaluateFilter, filterCustomer } from '../../engine/audience/index.ts';
import type { CustomerView, EventInput, EventView } from '../../engine/run/index.ts';
import { newId } from '../ids.ts';
import type { EventRecord } from '../store/ports/event-store.ts';
import type { CommitBatch, RunChange, Store } from '../store/ports/store.ts';
import type { Clock } from './clock.ts';
import type { CommitQueue } from './commit-queue.ts';
import type { EffectDispatcher } from './effect-dispatcher.ts';
import type { RunStepper } from './run-stepper.ts';
import type { ScenarioCatalog } from './scenario-catalog.ts';
import { TimeSlice } from './time-slice.ts';
import type { SubscriptionIndex } from '../subscriptions/subscription-index.ts';

export interface IngestedEvent {
  id: string;
  duplicate: boolean;
  runIds: string[];
}

/**
 * Records events and starts the runs their triggers match, all in one transaction; the runs'
 * first effects are dispatched once saved.
 */
export class EventIngest {
  private readonly store: Store;
  private readonly catalog: ScenarioCatalog;
  private readonly stepper: RunStepper;
  private readonly dispatcher: EffectDispatcher;
  private readonly clock: Clock;
  private readonly commits: CommitQueue;
  private readonly subscriptions: Pick<SubscriptionIndex, 'customerWatch'> | null;

  constructor(options: {
    store: Store;
    commits: CommitQueue;
    catalog: ScenarioCatalog;
    stepper: RunStepper;
    dispatcher: EffectDispatcher;
    clock: Clock;
    /** Which customer events to decide with the write (none without it). */
    subscriptions?: Pick<SubscriptionIndex, 'customerWatch'>;
  }) {
    this.subscriptions = options.subscriptions ?? null;
    this.store = options.store;
    this.catalog = options.catalog;
    this.stepper = options.stepper;
    this.dispatcher = options.dispatcher;
    this.clock = options.clock;
    this.commits = options.commits;
  }

  async ingest(inputs: readonly EventInput[]): Promise<IngestedEvent[]> {
    const now = this.clock.now();
    const receivedAt = new Date(now).toISOString();
    const events: EventRecord[] = inputs.map((input) => ({
      id: input.id ?? newId('evt', now),
      customerId: input.customer_id,
      type: input.type,
      timestamp: input.timestamp ? new Date(input.timestamp).toISOString() : receivedAt,
      properties: input.properties,
      receivedAt,
    }));
    const seen = await this.store.events.existing(
      events.filter((_, i) => inputs[i]?.id).map((event) => event.id),
    );
    const stored = await this.store.customers.getMany(events.map((event) => event.customerId));
    // Each customer's attributes as its events merge them in order: runs read them as merged.
    const customers = new Map([...stored].map(([id, customer]) => [id, customer.attributes]));
    const attributes = new Map<string, Record<string, unknown>>();
    const results: IngestedEvent[] = [];
    const fresh: EventRecord[] = [];
    const changes: RunChange[] = [];
    const slice = new TimeSlice();
    for (const [index, event] of events.entries()) {
      await slice.maybeYield();
      const duplicate = seen.has(event.id);
      seen.add(event.id);
      const merged = inputs[index]?.attributes;
      if (!duplicate && merged) {
        attributes.set(event.id, merged);
        customers.set(event.customerId, { ...customers.get(event.customerId), ...merged });
      }
      const started = duplicate ? [] : this.startRuns(event, customers.get(event.customerId));
      if (!duplicate) fresh.push(event);
      changes.push(...started);
      results.push({ id: event.id, duplicate, runIds: started.map((change) => change.run.id) });
    }
    const watch = this.subscriptions?.customerWatch();
    const outcome = await this.commits.commit({
      customers: customerWrites(fresh, attributes),
      ...(watch ? { watch } : {}),
      events: fresh,
      runs: changes,
      now: receivedAt,
    });
    const late = new Set(outcome.duplicateEvents);
    await this.dispatcher.dispatch(changes.filter((change) => !late.has(change.run.eventId ?? '')));
    return results.map((result) =>
      late.has(result.id) ? { ...result, duplicate: true, runIds: [] } : result,
    );
  }

  private startRuns(event: EventRecord, attributes: Record<string, unknown> | undefined): RunChange[] {
    const triggers = this.catalog.triggersFor(event.type);
    if (triggers.length === 0) return [];
    const customer: CustomerView = { ...attributes, id: event.customerId };
    const view: EventView = {
      id: event.id,
      type: event.type,
      timestamp: event.timestamp,
      properties: event.properties,
    };
    const filtered = { customer: filterCustomer(customer), event: view };
    const changes: RunChange[] = [];
    for (const { compiled, node } of triggers) {
      if (!evaluateFilter(node.config.conditions, filtered)) continue;
      const input = { triggerNodeId: node.id, customer, event: view };
      changes.push(this.stepper.start({ compiled, input, eventId: event.id }));
    }
    return changes;
  }
}

/**
 * The customer writes of the fresh events, in order: each customer's first event is its
 * activity (creating a missing customer; it may fire customer.created or customer.returned),
 * and every event's `attributes` are merged with it. Each write is tied to its event, so an
 * event another process stored first (a duplicate found at commit) merges nothing again.
 */
function customerWrites(
  fresh: readonly EventRecord[],
  attributes: ReadonlyMap<string, Record<string, unknown>>,
): NonNullable<CommitBatch['customers']> {
  const active = new Set<string>();
  const writes: NonNullable<CommitBatch['customers']> = [];
  for (const event of fresh) {
    const first = !active.has(event.customerId);
    active.add(event.customerId);
    const merged = attributes.get(event.id);
    if (!first && !merged) continue;
    writes.push({
      id: event.customerId,
      attributes: merged ?? {},
      eventId: event.id,
      source: 'event',
      ...(first
        ? {
            activity: {
              triggerId: event.id,
              externalMessageId: event.properties['external_message_id'] ?? null,
            },
          }
        : {}),
    });
  }
  return writes;
}
