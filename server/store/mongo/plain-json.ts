import type { Document } from 'mongodb';

/**
 * Free-form JSON (attributes, snapshots, requests) goes through JSON before it is stored, so a
 * document holds exactly what the SQLite adapter's JSON text gives back: no `undefined` keys,
 * no Dates or class instances, no -0.
 */
export function plainJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * An update-pipeline `$set` stage that stores each value as it is: `$literal` keeps strings
 * such as "$price" from being read as field paths and lets user keys start with "$" or hold
 * ".", which classic update operators refuse.
 */
export function literalSet(fields: Record<string, unknown>): Document {
  const entries = Object.entries(fields).map(([key, value]) => [key, { $literal: value }]);
  return { $set: Object.fromEntries(entries) };
}
