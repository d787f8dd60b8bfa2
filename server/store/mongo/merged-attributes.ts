import type { Document } from 'mongodb';
import { plainJson } from './plain-json.ts';

/**
 * The aggregation expression of a customer's attributes after a shallow merge of `change`:
 * each given top-level attribute replaces the stored one whole and the others stay. A null
 * is stored as null by commit merges (`nulls: 'keep'`) and removes the attribute in the merge
 * mode of `CustomerStore.upsert` (`nulls: 'remove'`).
 */
export function mergedAttributes(change: Record<string, unknown>, nulls: 'keep' | 'remove'): Document {
  const entries = Object.entries(plainJson(change));
  const removed = nulls === 'remove' ? entries.filter(([, value]) => value === null).map(([key]) => key) : [];
  const set = Object.fromEntries(entries.filter(([key]) => !removed.includes(key)));
  // $literal: user keys and values may start with "$".
  const merged = { $mergeObjects: [{ $ifNull: ['$attributes', {}] }, { $literal: set }] };
  if (removed.length === 0) return merged;
  const kept = { $not: [{ $in: ['$$this.k', { $literal: removed }] }] };
  return { $arrayToObject: { $filter: { input: { $objectToArray: merged }, cond: kept } } };
}
