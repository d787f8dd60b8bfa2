import { lookupMember } from '../member-access.ts';

/**
 * Reads `attribute` (a dotted path like "address.city", or an index) from items, through the
 * same sandboxed lookup as `item.address.city` in a template: filters such as `sort`,
 * `groupby`, `map` and `sum` cannot reach what the template itself cannot.
 */
export function attributeGetter(attribute: unknown): (item: unknown) => unknown {
  if (attribute === undefined || attribute === null || attribute === '') return (item) => item;
  const path = typeof attribute === 'number' ? [attribute] : String(attribute).split('.');
  return (item) => path.reduce<unknown>((value, part) => lookupMember(value, part), item);
}
