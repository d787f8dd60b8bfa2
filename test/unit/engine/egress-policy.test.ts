import { describe, expect, it } from 'vitest';
import ipaddr from 'ipaddr.js';
import { EgressPolicy } from '../../../engine/webhook/index.ts';
import { RANGE_SENTENCES } from '../../../engine/webhook/egress-policy.ts';

describe('the egress policy', () => {
  const strict = new EgressPolicy();

  const HINT = '; webhooks may only reach public addresses unless HOOKFLOW_EGRESS_ALLOW lists it';

  it.each([
    ['127.0.0.1', '127.0.0.1 is a loopback address (this machine)'],
    ['::1', '::1 is a loopback address (this machine)'],
    ['10.1.2.3', '10.1.2.3 is a private network address'],
    ['192.168.0.10', '192.168.0.10 is a private network address'],
    ['172.16.5.4', '172.16.5.4 is a private network address'],
    ['169.254.169.254', '169.254.169.254 is a link-local address'],
    ['100.64.0.1', '100.64.0.1 is a carrier-grade NAT address (shared address space)'],
    ['224.0.0.1', '224.0.0.1 is a multicast address'],
    ['0.0.0.0', '0.0.0.0 is an unspecified address ("this host" or "this network"), which names no server'],
    ['255.255.255.255', '255.255.255.255 is the broadcast address'],
    ['fd00::1', 'fd00::1 is a unique local address (a private IPv6 network)'],
    ['fe80::1', 'fe80::1 is a link-local address'],
    [
      '::ffff:127.0.0.1',
      '::ffff:127.0.0.1 embeds the IPv4 address 127.0.0.1, which is a loopback address (this machine)',
    ],
    [
      '::ffff:169.254.169.254',
      '::ffff:169.254.169.254 embeds the IPv4 address 169.254.169.254, which is a link-local address',
    ],
    ['64:ff9b::a00:1', '64:ff9b::a00:1 embeds the IPv4 address 10.0.0.1, which is a private network address'],
    [
      '2002:7f00:1::',
      '2002:7f00:1:: embeds the IPv4 address 127.0.0.1, which is a loopback address (this machine)',
    ],
    ['240.0.0.1', '240.0.0.1 is a reserved address (documentation, benchmarking or future use)'],
    ['2001::1', '2001::1 is a Teredo tunnel address'],
  ])('refuses %s in a sentence', (address, sentence) => {
    expect(strict.refusal(address, address)).toBe(`${sentence}${HINT}`);
  });

  /** Every range ipaddr.js can name, IPv4 and IPv6, each as [name, its first address]. */
  const libraryRanges = (['IPv4', 'IPv6'] as const).flatMap((kind) => {
    type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];
    const special = (ipaddr[kind].prototype as unknown as { SpecialRanges: Record<string, Range | Range[]> })
      .SpecialRanges;
    return Object.entries(special).flatMap(([name, value]) => {
      const ranges = (Array.isArray(value[0]) ? value : [value]) as Range[];
      return ranges.map(([address]) => [name, address.toString()] as const);
    });
  });

  it('has a sentence for every range ipaddr.js names', () => {
    expect(libraryRanges.length).toBeGreaterThan(30);
    const names = new Set(libraryRanges.map(([name]) => name));
    expect([...names].filter((name) => !Object.hasOwn(RANGE_SENTENCES, name))).toEqual([]);
    for (const sentence of Object.values(RANGE_SENTENCES)) {
      expect(sentence).toMatch(/^(a|an|the) /);
      expect(sentence).not.toMatch(/[a-z][A-Z]/);
    }
  });

  it.each(libraryRanges)(
    'refuses every address of the %s range (%s) in a sentence, or allows it',
    (_name, address) => {
      const refusal = strict.refusal(address, address);
      if (refusal === null) {
        // Only forms that embed a public IPv4 address are allowed (e.g. ::ffff:0.0.0.0 embeds 0.0.0.0: refused).
        expect(ipaddr.parse(address).range()).toMatch(/^(ipv4Mapped|rfc6145|rfc6052|6to4)$/);
        return;
      }
      const parsed = ipaddr.parse(address);
      const range = parsed.range();
      const sentence = RANGE_SENTENCES[range];
      expect(
        refusal === `${address} is ${sentence}${HINT}` ||
          refusal.startsWith(`${address} embeds the IPv4 address `),
      ).toBe(true);
      expect(refusal).not.toMatch(/ is an? [a-z]+[A-Z]/);
    },
  );

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '64:ff9b::808:808'])(
    'allows public %s',
    (address) => {
      expect(strict.refusal(address, address)).toBeNull();
    },
  );

  it('allows what the operator lists: an IP, a range or a host name', () => {
    const policy = new EgressPolicy(['127.0.0.1', '10.0.0.0/8', 'hooks.internal']);
    expect(policy.refusal('127.0.0.1', 'localhost')).toBeNull();
    expect(policy.refusal('::ffff:127.0.0.1', 'localhost')).toBeNull();
    expect(policy.refusal('10.200.1.1', 'api.corp')).toBeNull();
    expect(policy.refusal('192.168.1.1', 'hooks.internal')).toBeNull();
    expect(policy.refusal('127.0.0.2', 'localhost')).toContain('loopback');
    expect(policy.refusal('192.168.1.1', 'other.internal')).toContain('private');
  });

  it('judges a URL host only when it is an IP literal, as the URL parser normalised it', () => {
    const policy = new EgressPolicy(['127.0.0.1']);
    const host = (url: string) => policy.hostRefusal(new URL(url).hostname);
    expect(host('http://10.0.0.1/')).toBe(`10.0.0.1 is a private network address${HINT}`);
    expect(host('http://0x0a.1/')).toBe(`10.0.0.1 is a private network address${HINT}`);
    expect(host('http://167772161/')).toBe(`10.0.0.1 is a private network address${HINT}`);
    expect(host('http://[::ffff:10.0.0.1]/')).toContain('embeds the IPv4 address 10.0.0.1');
    expect(host('http://[fe80::1]/')).toBe(`fe80::1 is a link-local address${HINT}`);
    expect(host('http://0177.0.0.1:8080/')).toBeNull();
    expect(host('http://internal.example/')).toBeNull();
    expect(host('http://8.8.8.8/')).toBeNull();
  });

  it('says which hosts the operator listed, by name or by address range', () => {
    const policy = new EgressPolicy(['10.0.0.0/8', '127.0.0.1', 'hooks.internal']);
    expect(policy.lists('hooks.internal')).toBe(true);
    expect(policy.lists('HOOKS.internal.')).toBe(true);
    expect(policy.lists('10.20.30.40')).toBe(true);
    expect(policy.lists('127.0.0.1')).toBe(true);
    expect(policy.lists('127.0.0.2')).toBe(false);
    expect(policy.lists('other.internal')).toBe(false);
    expect(policy.lists('[::1]')).toBe(false);
    expect(strict.lists('hooks.internal')).toBe(false);
  });
});
