import type { DefinitionDiff } from './diff-definitions.ts';

/** "1 node", "3 nodes". */
export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

const count = (n: number, noun: string, verb: string) => (n > 0 ? `${plural(n, noun)} ${verb}` : '');

/** One line saying what a version changed, e.g. "2 nodes added · 1 node changed". */
export function diffSummary(diff: DefinitionDiff): string {
  const parts = [
    count(diff.added.length, 'node', 'added'),
    count(diff.removed.length, 'node', 'removed'),
    count(diff.changed.length, 'node', 'changed'),
    count(diff.edgesAdded.length, 'connection', 'added'),
    count(diff.edgesRemoved.length, 'connection', 'removed'),
  ].filter(Boolean);
  if (parts.length > 0) return parts.join(' · ');
  return diff.moved.length > 0 ? 'only moved nodes' : 'no changes';
}
