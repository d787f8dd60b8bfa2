import { CHANNELS, type Channel } from '../../../engine/scenario/channels.ts';
import type { EventType } from '../../../engine/subscriptions/event-catalog.ts';
import { defaultTemplate } from '../../../engine/subscriptions/event-payload.ts';
import { formatDate } from '../scenarios/format-date.ts';
import {
  type Subscription,
  type SubscriptionInput,
  SubscriptionInputSchema,
} from '../../../engine/subscriptions/subscription-schema.ts';

/** A new subscription: no name, URL or events yet, every setting at the schema's default. */
export function emptySubscription(): SubscriptionInput {
  const defaults = SubscriptionInputSchema.parse({ name: 'new', url: 'https://example.com' });
  return { ...defaults, name: '', url: '' };
}

/** The writable part of a stored subscription (what PUT takes). */
export function inputOf(subscription: Subscription | SubscriptionInput): SubscriptionInput {
  const { name, url, integrationId, events, settings, enabled } = subscription;
  return { name, url, integrationId, events, settings, enabled };
}

/** Ticks or unticks an event type; a newly ticked webhook event reports every channel. */
export function toggleEvent(input: SubscriptionInput, type: EventType, on: boolean): SubscriptionInput {
  const events = input.events.filter((event) => event.type !== type);
  if (on) events.push({ type, channels: [...CHANNELS] });
  return { ...input, events };
}

/** Ticks or unticks one channel of a webhook event type (the event is ticked with it). */
export function toggleChannel(
  input: SubscriptionInput,
  cell: { type: EventType; channel: Channel },
  on: boolean,
): SubscriptionInput {
  const { type, channel } = cell;
  const current = input.events.find((event) => event.type === type);
  const channels = new Set(current?.channels ?? []);
  if (on) channels.add(channel);
  else channels.delete(channel);
  const ordered = CHANNELS.filter((candidate) => channels.has(candidate));
  if (!current) return { ...input, events: [...input.events, { type, channels: ordered }] };
  return {
    ...input,
    events: input.events.map((event) => (event.type === type ? { ...event, channels: ordered } : event)),
  };
}

/**
 * Sets an event's template; the default payload's own text (or nothing) means no custom
 * template, so "Reset" and an edit undone by hand both leave the default.
 */
export function setTemplate(
  input: SubscriptionInput,
  type: EventType,
  text: string | undefined,
): SubscriptionInput {
  const custom =
    text !== undefined && text.trim() !== '' && text !== defaultTemplate(type) ? text : undefined;
  return {
    ...input,
    events: input.events.map((event) => {
      if (event.type !== type) return event;
      const { template: _old, ...rest } = event;
      return custom === undefined ? rest : { ...rest, template: custom };
    }),
  };
}

/** The server's issues by field (`events[0].template`), first message per field. */
export function errorsByField(
  issues: readonly { field?: string; message: string }[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues)
    if (issue.field && !(issue.field in errors)) errors[issue.field] = issue.message;
  return errors;
}

/** Whether a stored subscription needs the user's attention, and why, in words. */
export function healthProblem(subscription: Subscription): string | null {
  const { health } = subscription;
  const calls = `${health.consecutiveFailures} failed ${health.consecutiveFailures === 1 ? 'call' : 'calls'} in a row`;
  if (health.disabledAt)
    return `Disabled after ${calls}. Fix the endpoint, then save or send a test event to enable it again.`;
  if (health.failingSince) return `Failing since ${formatDate(health.failingSince)} (${calls}).`;
  return null;
}
