import { describe, expect, it } from 'vitest';
import { HostAllowList } from '../../../server/hooks/host-allow-list.ts';

const clock = { now: () => 0 };
const resolve = async (host: string) =>
  ({ 'partner.example.com': ['198.51.100.20', '2001:db8::20'] })[host] ?? [];

describe('HostAllowList', () => {
  const list = new HostAllowList({ clock, resolve });

  it.each([
    [[], '203.0.113.9', true],
    [['203.0.113.9'], '203.0.113.9', true],
    [['203.0.113.9'], '::ffff:203.0.113.9', true],
    [['203.0.113.9'], '203.0.113.10', false],
    [['10.0.0.0/8'], '10.20.30.40', true],
    [['10.0.0.0/8'], '11.0.0.1', false],
    [['2001:db8::/32'], '2001:db8:1::5', true],
    [['2001:db8::/32'], '10.0.0.1', false],
    [['partner.example.com'], '198.51.100.20', true],
    [['Partner.Example.com'], '2001:db8::20', true],
    [['partner.example.com'], '198.51.100.21', false],
    [['unknown.example.com'], '198.51.100.20', false],
    [['1'], '0.0.0.1', false],
    [['not a host!'], '127.0.0.1', false],
  ])('entries %j and caller %s → %s', async (entries, caller, allowed) => {
    expect(await list.allows(entries, caller)).toBe(allowed);
  });

  it('resolves a host name once per minute', async () => {
    let lookups = 0;
    const counting = new HostAllowList({ clock, resolve: async () => (lookups++, ['192.0.2.1']) });
    await counting.allows(['a.example.com'], '192.0.2.1');
    await counting.allows(['a.example.com'], '192.0.2.2');
    expect(lookups).toBe(1);
  });
});
