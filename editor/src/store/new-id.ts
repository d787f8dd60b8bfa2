const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

function randomPart(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

/**
 * A stable node id (`webhook-k3x9q2`): readable in run history, valid for the schema
 * (letters, digits, `-`, `_`), and never reused, since runs and edges refer to it.
 */
export function newNodeId(type: string, taken: ReadonlySet<string>): string {
  const prefix = type.startsWith('trigger.') ? 'trigger' : type.replace(/[^A-Za-z0-9_-]/g, '-');
  for (;;) {
    const id = `${prefix}-${randomPart(6)}`;
    if (!taken.has(id)) return id;
  }
}

export function newEdgeId(): string {
  return `e-${randomPart(10)}`;
}
