/**
 * What a process keeps in memory and must re-read when any process changes it: the active
 * scenario catalogue, integrations (their resolved secrets) and event subscriptions (which
 * events are recorded; a subscription disabled by failures counts).
 */
export const CHANGE_TOPICS = ['catalog', 'integrations', 'subscriptions'] as const;
export type ChangeTopic = (typeof CHANGE_TOPICS)[number];

/**
 * Counters that move whenever the data of a topic changes, whichever process changed it. A
 * process polls them (the change watcher) and refreshes what it caches when one moved. The store
 * moves them itself (SQLite triggers, Mongo change streams), so no write path can forget to.
 * Example: `(await store.changes.read()).catalog` went from 4 to 5 after an activation.
 */
export interface ChangeStampStore {
  /** The current stamp of every topic. Called by the change watcher, a few times a second. */
  read(): Promise<Record<ChangeTopic, number>>;
}
