import type { Filter } from '../../../engine/audience/index.ts';
import type { CustomerNoticeWatch } from './notice-store.ts';

/** A person the scenarios run for; attributes are free-form JSON. */
export interface CustomerRecord {
  id: string;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** Customers. Called by the customers routes and by event ingestion (reads before a commit). */
export interface CustomerStore {
  get(id: string): Promise<CustomerRecord | null>;
  /** Fetches several at once; missing ids are simply absent from the map. */
  getMany(ids: readonly string[]): Promise<Map<string, CustomerRecord>>;
  /** Replaces all attributes (creates when missing). */
  put(id: string, attributes: Record<string, unknown>, now: string): Promise<CustomerRecord>;
  /** False when the customer did not exist. */
  delete(id: string): Promise<boolean>;
  /** Ordered by id; `after` is the last id of the previous page. */
  list(options: { limit: number; after?: string }): Promise<CustomerRecord[]>;
  /**
   * Creates or updates one customer and says which. `replace` swaps all attributes (as `put`);
   * `merge` sets the given top-level attributes, removes those given as null and keeps the rest.
   * Called by the customers routes (PUT, PATCH).
   */
  upsert(
    id: string,
    change: CustomerChange,
    now: string,
  ): Promise<{ customer: CustomerRecord; created: boolean }>;
  /**
   * The customers an audience filter selects, ordered by id and paged like `list`: exactly those
   * `matchesAudience(filter, customer)` accepts (engine/audience), evaluated by the store so a
   * million customers never pass through memory. `filter` must be a valid `AudienceFilterSchema`
   * (every field under `customer.`). Called by the customers list route and audience fan-outs.
   * Example: `search({ filter: { rules: [{ field: 'customer.plan', criteria: 'equals', value: 'pro', join: 'and' }] }, limit: 100 })`.
   */
  search(query: { filter: Filter; limit: number; after?: string }): Promise<CustomerRecord[]>;
  /**
   * Counts the customers `filter` selects among the next `scan` customers in id order after
   * `after` (`scanned` of them were read, the last being `last`; fewer than `scan` means the end).
   * A bounded step, so a million customers are counted a slice at a time without holding the
   * process. Called by fan-outs to learn their audience's size.
   */
  countMatching(query: {
    filter: Filter;
    scan: number;
    after?: string;
  }): Promise<{ matched: number; scanned: number; last: string | null }>;
  /**
   * The top-level attribute names of the `sample` most recently updated customers, with how
   * many of them carry each, most common first (ties by name), at most `limit`. Reads `sample`
   * customers through an index on the update time, whatever the number stored: the editor's
   * field suggestions call it. Example: `attributeNames({ sample: 1000, limit: 200 })` →
   * `[{ name: 'plan', count: 812 }, { name: 'email', count: 640 }]`.
   */
  attributeNames(options: { sample: number; limit: number }): Promise<NameCount[]>;
}

/** A property or attribute name and how many of the sampled records carry it. */
export interface NameCount {
  name: string;
  count: number;
}

export interface CustomerChange {
  attributes: Record<string, unknown>;
  mode: 'replace' | 'merge';
  /** Customer events to decide and save with the write (its source is `api`); absent: none. */
  watch?: CustomerNoticeWatch;
}
