import type { CustomerStore } from '../store/ports/customer-store.ts';
import type { FanOutTarget } from '../store/ports/fan-out-store.ts';

/** One targeted customer; `missing` when a customer named by id does not exist yet. */
export interface PageCustomer {
  id: string;
  attributes: Record<string, unknown>;
  missing: boolean;
}

/**
 * The next page of a fan-out's customers after `cursor` (the last id of the previous page), in
 * id order: an audience is paged by the store, so it never sits in memory whole; ids named
 * one by one are already in memory (sorted once, see `normalizeTarget`).
 */
export async function readPage(options: {
  customers: CustomerStore;
  target: FanOutTarget;
  cursor: string | null;
  limit: number;
}): Promise<PageCustomer[]> {
  const { customers, target, cursor, limit } = options;
  if (target.kind === 'audience') {
    const page = await customers.search({
      filter: target.filter,
      limit,
      ...(cursor === null ? {} : { after: cursor }),
    });
    return page.map((customer) => ({ id: customer.id, attributes: customer.attributes, missing: false }));
  }
  const start = cursor === null ? 0 : firstAfter(target.ids, cursor);
  const ids = target.ids.slice(start, start + limit);
  const found = await customers.getMany(ids);
  return ids.map((id) => {
    const customer = found.get(id);
    return { id, attributes: customer?.attributes ?? {}, missing: customer === undefined };
  });
}

/** Ids named one by one, without repeats and sorted, so a cursor can page through them. */
export function normalizeTarget(target: FanOutTarget): FanOutTarget {
  if (target.kind === 'audience') return target;
  return { kind: 'customers', ids: [...new Set(target.ids)].sort() };
}

/** Index of the first id greater than `cursor` in sorted `ids` (binary search). */
function firstAfter(ids: readonly string[], cursor: string): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ids[middle]! <= cursor) low = middle + 1;
    else high = middle;
  }
  return low;
}
