import { eventTypeInfo } from './event-catalog.ts';
import type { EventNotice } from './event-payload.ts';
import type { SubscribedEvent, SubscriptionInput } from './subscription-schema.ts';

/** What a subscription makes of one event. */
export type SubscriptionMatch =
  /** Send it, with these properties (attribute changes narrowed to the chosen keys). */
  | { kind: 'send'; event: SubscribedEvent; properties: Record<string, unknown> }
  /** Not for this subscription (another type, channel, source or key). */
  | { kind: 'ignore' }
  /** Wanted, but `external_message_id required` holds it back: counted as skipped. */
  | { kind: 'skip' };

/** Decides whether (and what of) an event goes to a subscription; the caller checks it is enabled. */
export function matchSubscription(subscription: SubscriptionInput, notice: EventNotice): SubscriptionMatch {
  const event = subscription.events.find((candidate) => candidate.type === notice.type);
  if (!event) return { kind: 'ignore' };
  const { properties } = notice;
  if (eventTypeInfo(notice.type).channel && !event.channels.includes(properties['channel'] as never))
    return { kind: 'ignore' };
  let narrowed = properties;
  if (notice.type === 'customer.attributes_changed') {
    const { attributeKeys, excludeSources } = subscription.settings;
    if (excludeSources.includes(properties['source'] as never)) return { kind: 'ignore' };
    if (attributeKeys.length > 0) {
      const changes = (properties['changes'] ?? {}) as Record<string, unknown>;
      const kept = Object.fromEntries(Object.entries(changes).filter(([key]) => attributeKeys.includes(key)));
      if (Object.keys(kept).length === 0) return { kind: 'ignore' };
      narrowed = { ...properties, changes: kept };
    }
  }
  const external = properties['external_message_id'];
  if (
    subscription.settings.externalMessageIdRequired &&
    (external === undefined || external === null || external === '')
  )
    return { kind: 'skip' };
  return { kind: 'send', event, properties: narrowed };
}
