import { describe, expect, it } from 'vitest';
import { EgressPolicy } from '../../../engine/webhook/index.ts';

describe('the egress policy', () => {
  const strict = new EgressPolicy();

  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['192.168.0.10', 'private'],
    ['172.16.5.4', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['fd00::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['240.0.0.1', 'reserved'],
  ])('refuses %s (%s)', (address, range) => {
    expect(strict.refusal(address, address)).toContain(range);
  });

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
});
