import type { DatabaseSync } from 'node:sqlite';
import type { NameCount } from '../ports/customer-store.ts';
import { prepareCached } from './prepare-cached.ts';

/**
 * Top-level key names of the JSON objects a sampling query returns (column `value`), with how
 * many carry each, most common first: counted by SQLite, the rows never reach JavaScript.
 */
export function namesOfLatest(
  db: DatabaseSync,
  query: { sample: string; params: Record<string, string | number> },
): NameCount[] {
  return prepareCached(
    db,
    `SELECT key AS name, count(*) AS count FROM (${query.sample}) AS sampled, json_each(sampled.value)
     WHERE json_type(sampled.value) = 'object' GROUP BY key ORDER BY count DESC, key LIMIT :limit`,
  ).all(query.params) as unknown as NameCount[];
}
