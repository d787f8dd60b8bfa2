/**
 * Readers for a draft node's config, whose fields may be missing or of the wrong type while it
 * is unfinished (the editor's forms, and validation of nodes that fail their schema).
 */

export const text = (value: unknown, fallback = ''): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;

export const numberOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

export const listOf = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export const recordOf = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
