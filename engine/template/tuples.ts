/**
 * Lists that stand for Jinja tuples: `(a, b)` literals, `groupby` groups and `dict.items()`
 * pairs. They are ordinary lists everywhere, except on the right of `%`, where Python takes a
 * tuple as the list of values to format and any other value (a list included) as one value.
 */
const tuples = new WeakSet<readonly unknown[]>();

export function markTuple<T extends readonly unknown[]>(list: T): T {
  tuples.add(list);
  return list;
}

export function isTuple(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && tuples.has(value);
}
