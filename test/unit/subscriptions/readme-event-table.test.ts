import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../engine/subscriptions/index.ts';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe("the README's event table", () => {
  it('lists every event type of the catalogue, with its description and its properties in order', () => {
    const section = README.slice(README.indexOf('### Events'), README.indexOf('### Custom payloads'));
    const rows = section
      .split('\n')
      .filter((line) => /^\| `[a-z_.]+` \|/.test(line))
      .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| /, '').replace(/ \|$/, '')));
    expect(rows).toEqual(
      EVENT_TYPES.map((info) => [
        `\`${info.type}\``,
        info.description,
        info.properties.map((name) => `\`${name}\``).join(', '),
      ]),
    );
  });
});
