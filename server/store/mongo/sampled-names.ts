import type { Collection, Document, Filter } from 'mongodb';
import type { NameCount } from '../ports/customer-store.ts';

/**
 * Top-level key names of the object `field` in the `sample` latest documents matching `match`
 * (latest by `sortedBy`, which an index must serve), with how many carry each, most common
 * first: grouped by the server, the documents never reach the process.
 */
export async function namesOfLatest<T extends Document>(
  collection: Collection<T>,
  query: { match: Filter<T>; sortedBy: string; field: string; sample: number; limit: number },
): Promise<NameCount[]> {
  if (query.sample <= 0 || query.limit <= 0) return [];
  const rows = await collection
    .aggregate<{ _id: string; count: number }>([
      { $match: query.match },
      { $sort: { [query.sortedBy]: -1 } },
      { $limit: query.sample },
      { $project: { _id: 0, value: `$${query.field}` } },
      { $match: { value: { $type: 'object' } } },
      { $project: { name: { $map: { input: { $objectToArray: '$value' }, in: '$$this.k' } } } },
      { $unwind: '$name' },
      { $group: { _id: '$name', count: { $sum: 1 } } },
      { $sort: { count: -1, _id: 1 } },
      { $limit: query.limit },
    ])
    .toArray();
  return rows.map((row) => ({ name: row._id, count: row.count }));
}
