import type { Logger } from 'pino';
import { createTemplateEngine } from '../../engine/template/index.ts';
import type { EgressPolicy } from '../../engine/webhook/index.ts';
import type { HttpSender } from '../http/http-sender.ts';
import type { RequestAuthorizer } from '../integrations/request-authorizer.ts';
import type { Clock } from '../runtime/clock.ts';
import type { ProcessRegistry } from '../runtime/process-registry.ts';
import type { Store } from '../store/ports/store.ts';
import type { StoreHealth } from '../store/store-health.ts';
import { NoticeExpander } from './notice-expander.ts';
import { Notifier } from './notifier.ts';
import { SubscriptionAlerts } from './subscription-alerts.ts';
import { SubscriptionDeliveries } from './subscription-deliveries.ts';
import { SubscriptionIndex } from './subscription-index.ts';
import { SubscriptionSender } from './subscription-sender.ts';
import { SubscriptionService } from './subscription-service.ts';

export interface SubscriptionsOptions {
  store: Store;
  sender: HttpSender;
  authorizer: RequestAuthorizer;
  egress: EgressPolicy;
  clock: Clock;
  logger: Logger;
  health?: StoreHealth;
}

/**
 * Event subscriptions in one process: the index every step consults (`index.refresh` is the
 * change watcher's `subscriptions` topic), the service the routes use, and the notifier that
 * sends, started once the process's heartbeat exists (its leases name the process).
 */
export class Subscriptions {
  readonly index: SubscriptionIndex;
  readonly service: SubscriptionService;
  readonly deliveries: SubscriptionDeliveries;
  private readonly options: SubscriptionsOptions;
  private readonly payloads = createTemplateEngine({ output: 'json' });
  private notifier: Notifier | null = null;
  private registry: Pick<ProcessRegistry, 'id'> | null = null;

  constructor(options: SubscriptionsOptions) {
    this.options = options;
    const { store, clock } = options;
    this.index = new SubscriptionIndex({ store: store.subscriptions, clock });
    this.service = new SubscriptionService({
      store: store.subscriptions,
      integrations: store.integrations,
      payloads: this.payloads,
      egress: options.egress,
      clock,
      changed: () => this.index.refresh(),
    });
    this.deliveries = new SubscriptionDeliveries({
      subscriptions: store.subscriptions,
      notices: store.notices,
      payloads: this.payloads,
      sender: options.sender,
      authorizer: options.authorizer,
      clock,
      changed: async () => {
        await this.index.refresh();
        this.nudge();
      },
    });
    this.index.onChange(() => this.notifier?.nudge());
  }

  /** JSON-output template engine of payload templates (the template check route renders with it). */
  get templates(): typeof this.payloads {
    return this.payloads;
  }

  /** Reads the subscriptions: call before the first event is taken in. */
  async load(): Promise<void> {
    await this.index.refresh();
  }

  /** Starts sending, as `registry`'s process, below scenario webhooks (`busy`). */
  startSending(options: { registry: Pick<ProcessRegistry, 'id' | 'liveSince'>; busy: () => boolean }): void {
    const { store, clock, logger, health } = this.options;
    const { registry } = options;
    const index = this.index;
    this.registry = registry;
    this.notifier = new Notifier({
      expander: new NoticeExpander({
        notices: store.notices,
        customers: store.customers,
        active: () => index.active(),
        payloads: this.payloads,
        clock,
        registry,
      }),
      sender: new SubscriptionSender({
        notices: store.notices,
        subscription: (id) => index.get(id),
        activeIds: () => index.active().map((subscription) => subscription.id),
        sender: this.options.sender,
        authorizer: this.options.authorizer,
        clock,
        logger,
        registry,
        onDisabled: () => void index.refresh().catch(() => {}),
      }),
      alerts: new SubscriptionAlerts({
        store: store.subscriptions,
        sender: this.options.sender,
        clock,
        logger,
      }),
      busy: options.busy,
      clock,
      logger,
      ...(health ? { health } : {}),
    });
    this.notifier.start();
  }

  /** Tells the notifier new events were saved. */
  nudge(): void {
    this.notifier?.nudge();
  }

  /** Waits for the calls in flight, then hands back what this process still holds. */
  async stop(): Promise<void> {
    await this.notifier?.stop();
    if (this.registry) await this.options.store.notices.release(this.registry.id);
  }
}
