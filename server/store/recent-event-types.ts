import type { EventTypeSeen, RecentTypesQuery } from './ports/event-store.ts';

/** The index reads `recentEventTypes` needs; each is one seek in an index on (type, receivedAt). */
export interface EventTypeIndex {
  /** The first type after `after` in name order (null: from the start), or null after the last. */
  nextType(after: string | null): Promise<string | null>;
  /** `receivedAt` of the type's latest event. */
  lastSeen(type: string): Promise<string>;
  /** Events of the type received since `since`, counted up to `cap`. */
  countSince(type: string, since: string, cap: number): Promise<number>;
}

/**
 * `EventStore.recentTypes` over either adapter's index: a loose index scan (one seek per
 * distinct type, at most `scanTypes`), so its cost follows the number of types, not of events.
 */
export async function recentEventTypes(
  index: EventTypeIndex,
  options: RecentTypesQuery,
): Promise<EventTypeSeen[]> {
  const seen: EventTypeSeen[] = [];
  let type = await index.nextType(null);
  for (let scanned = 0; type !== null && scanned < options.scanTypes; scanned += 1) {
    const lastSeen = await index.lastSeen(type);
    if (lastSeen >= options.since)
      seen.push({ type, lastSeen, count: await index.countSince(type, options.since, options.countCap) });
    type = await index.nextType(type);
  }
  seen.sort((a, b) =>
    a.lastSeen === b.lastSeen ? a.type.localeCompare(b.type) : a.lastSeen < b.lastSeen ? 1 : -1,
  );
  return seen.slice(0, options.limit);
}
