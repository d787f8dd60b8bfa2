import type { Clock } from '../runtime/clock.ts';
import type { CustomerNoticeWatch } from '../store/ports/notice-store.ts';
import type { SubscriptionRecord, SubscriptionStore } from '../store/ports/subscription-store.ts';

const CUSTOMER_TYPES = ['customer.created', 'customer.returned', 'customer.attributes_changed'];

/** A subscription events are sent to: enabled by the user and not disabled by failures. */
export const isActive = (subscription: SubscriptionRecord): boolean =>
  subscription.enabled && subscription.health.disabledAt === null;

/**
 * This process's copy of the subscriptions, and of the event types some active one wants: the
 * hot path asks `wants(type)` (a set lookup) before it builds an event, so nothing is written
 * while nobody subscribes. Other processes change subscriptions too: the change watcher calls
 * `refresh` when the `subscriptions` stamp moves (within 250 ms), and this process's own
 * changes call it at once.
 */
export class SubscriptionIndex {
  private readonly store: SubscriptionStore;
  private readonly clock: Clock;
  private all: SubscriptionRecord[] = [];
  private wanted = new Set<string>();
  private customerTypes: readonly string[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(options: { store: SubscriptionStore; clock: Clock }) {
    this.store = options.store;
    this.clock = options.clock;
  }

  /** Re-reads the subscriptions. */
  async refresh(): Promise<void> {
    const all = await this.store.list();
    this.all = all;
    const active = all.filter(isActive);
    this.wanted = new Set(active.flatMap((subscription) => subscription.events.map((event) => event.type)));
    this.customerTypes = CUSTOMER_TYPES.filter((type) => this.wanted.has(type));
    for (const listener of this.listeners) listener();
  }

  /** Called after every refresh (the notifier looks again: a subscription may be back). */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Whether some active subscription receives events of this type. */
  wants(type: string): boolean {
    return this.wanted.has(type);
  }

  /** The customer events to decide in a store write, or undefined when nobody wants any. */
  customerWatch(): CustomerNoticeWatch | undefined {
    return this.customerTypes.length > 0 ? { types: this.customerTypes, now: this.clock.now() } : undefined;
  }

  /** One subscription as last read, active or not. */
  get(id: string): SubscriptionRecord | undefined {
    return this.all.find((subscription) => subscription.id === id);
  }

  active(): SubscriptionRecord[] {
    return this.all.filter(isActive);
  }
}
