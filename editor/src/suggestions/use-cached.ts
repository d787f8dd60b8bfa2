import { useEffect, useState } from 'react';

/** Answers kept this long: a field opened again soon reuses them, later ones see new data. */
const FRESH_MS = 15_000;

const answers = new Map<string, { at: number; value: Promise<unknown> }>();

/**
 * The value `load` gives for `key`, shared by every field that asks within 15 s (each field
 * opening would otherwise ask the server again); null while loading or when it failed, since a
 * suggestion is a help and never blocks editing. A null key asks nothing.
 */
export function useCached<T>(key: string | null, load: () => Promise<T>): T | null {
  const [value, setValue] = useState<{ key: string; value: T } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let current = answers.get(key);
    if (!current || Date.now() - current.at > FRESH_MS) {
      current = { at: Date.now(), value: load() };
      answers.set(key, current);
    }
    let stopped = false;
    current.value.then(
      (loaded) => !stopped && setValue({ key, value: loaded as T }),
      () => !stopped && setValue(null),
    );
    return () => {
      stopped = true;
    };
    // `load` is keyed by `key`: a new closure for the same key asks nothing new.
  }, [key]);
  return value && value.key === key ? value.value : null;
}
