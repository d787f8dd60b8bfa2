import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { explainIssues, formatIssuePath, jsonBoundsProblem } from '../../../engine/validation/index.ts';

const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

describe('jsonBoundsProblem', () => {
  it('counts the value itself as the first level, and leaves do not count', () => {
    const bounds = { maxDepth: 2, maxBytes: Infinity };
    expect(jsonBoundsProblem({ a: { b: 1 } }, bounds)).toBeNull();
    expect(jsonBoundsProblem([[1, 'x', null]], bounds)).toBeNull();
    expect(jsonBoundsProblem({ a: { b: {} } }, bounds)).toBe('nested deeper than 2 levels');
    expect(jsonBoundsProblem([[[]]], { maxDepth: 1, maxBytes: Infinity })).toBe('nested deeper than 1 level');
    expect(jsonBoundsProblem('text', { maxDepth: 0, maxBytes: Infinity })).toBeNull();
  });

  it('measures exactly the UTF-8 bytes JSON.stringify writes, escapes and non-ASCII text included', () => {
    const samples: unknown[] = [
      { plan: 'pro', n: 1.5, ok: true, none: null, list: [1, 'two', { three: [] }] },
      { 'quote"key': 'line\nbreak\ttab\\', control: '\u0001' },
      { euro: '€', accent: 'é', emoji: '😀', han: '漢字', lone: '\ud800x' },
      [[], {}, '', 0, -0, 1e21],
    ];
    for (const value of samples) {
      const bytes = utf8(value);
      expect(jsonBoundsProblem(value, { maxDepth: 10, maxBytes: bytes }), JSON.stringify(value)).toBeNull();
      expect(jsonBoundsProblem(value, { maxDepth: 10, maxBytes: bytes - 1 })).toBe(
        `larger than ${bytes - 1} bytes as JSON`,
      );
    }
    expect(jsonBoundsProblem({ s: 'x'.repeat(2000) }, { maxDepth: 1, maxBytes: 1024 })).toBe(
      'larger than 1 KiB as JSON',
    );
  });

  it('walks a million levels without recursing', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 1_000_000; level += 1) deep = [deep];
    expect(jsonBoundsProblem(deep, { maxDepth: 32, maxBytes: Infinity })).toBe(
      'nested deeper than 32 levels',
    );
    expect(jsonBoundsProblem(deep, { maxDepth: 2_000_000, maxBytes: Infinity })).toBeNull();
  });
});

describe('issue paths', () => {
  it('writes paths as accessors', () => {
    expect(formatIssuePath([])).toBe('(root)');
    expect(formatIssuePath([1, 'type'])).toBe('[1].type');
    expect(formatIssuePath(['properties', 'a', 'b'])).toBe('properties.a.b');
    expect(formatIssuePath(['targets', 0, 'first-name'])).toBe('targets[0]["first-name"]');
    expect(formatIssuePath(['attributes', '0'])).toBe('attributes["0"]');
  });

  it('explains a failed union by the option that fits the kind of value', () => {
    const item = z.object({ type: z.string() });
    const schema = z.object({ body: z.union([item, z.array(item).max(2, 'at most 2')]) });
    const explain = (value: unknown) => {
      const result = schema.safeParse(value);
      return result.success ? [] : explainIssues(result.error.issues);
    };
    expect(explain({ body: { type: 1 } })).toEqual([
      { path: ['body', 'type'], message: 'Invalid input: expected string, received number' },
    ]);
    expect(explain({ body: [{ type: 't' }, {}] })).toEqual([
      { path: ['body', 1, 'type'], message: 'Invalid input: expected string, received undefined' },
    ]);
    expect(explain({ body: [{ type: 't' }, { type: 't' }, { type: 't' }] })).toEqual([
      { path: ['body'], message: 'at most 2' },
    ]);
    expect(explain({ body: 5 })).toEqual([{ path: ['body'], message: 'Invalid input' }]);
  });
});
