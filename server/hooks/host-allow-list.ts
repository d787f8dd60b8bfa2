import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import type { Clock } from '../runtime/clock.ts';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Resolves a host name to its addresses; `dns.lookup` by default, a table in tests. */
export type HostResolver = (hostname: string) => Promise<string[]>;

const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** How long a host name's addresses are trusted before being resolved again. */
const RESOLVE_TTL_MS = 60_000;

/**
 * Checks a caller's address against a launch hook's allowed hosts. Each entry is an IP address
 * (`203.0.113.7`, `2001:db8::1`), a CIDR range (`10.0.0.0/8`) or a host name. A host name is
 * resolved forward (A/AAAA, cached for a minute) and allows the addresses it resolves to: the
 * owner of a name controls its forward records, whereas reverse (PTR) records belong to the
 * owner of the address and prove nothing about the name. Entries that are none of these never
 * match. IPv4-mapped IPv6 callers (`::ffff:1.2.3.4`) compare as IPv4.
 */
export class HostAllowList {
  private readonly resolve: HostResolver;
  private readonly clock: Clock;
  private readonly resolved = new Map<string, { addresses: Address[]; until: number }>();

  constructor(options: { clock: Clock; resolve?: HostResolver }) {
    this.clock = options.clock;
    this.resolve = options.resolve ?? systemResolver;
  }

  /** True when `entries` is empty (anyone may call) or one entry covers `callerIp`. */
  async allows(entries: readonly string[], callerIp: string): Promise<boolean> {
    if (entries.length === 0) return true;
    const caller = parseAddress(callerIp);
    if (!caller) return false;
    for (const entry of entries) if (matchesLiteral(entry.trim(), caller)) return true;
    for (const entry of entries) {
      const host = entry.trim().toLowerCase();
      if (isHostName(host) && (await this.addressesOf(host)).some((address) => sameAddress(address, caller)))
        return true;
    }
    return false;
  }

  private async addressesOf(host: string): Promise<Address[]> {
    const now = this.clock.now();
    const cached = this.resolved.get(host);
    if (cached && cached.until > now) return cached.addresses;
    const addresses = await this.resolve(host).then(
      (found) => found.map(parseAddress).filter((address): address is Address => address !== null),
      () => [] as Address[],
    );
    this.resolved.set(host, { addresses, until: now + RESOLVE_TTL_MS });
    return addresses;
  }
}

/** Dotted-quad IPv4 or IPv6 only: `ipaddr.isValid` would also take legacy forms such as `1` or `0x7f.1`. */
const isAddress = (text: string): boolean =>
  ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);

function parseAddress(text: string): Address | null {
  return isAddress(text) ? ipaddr.process(text) : null;
}

function matchesLiteral(entry: string, caller: Address): boolean {
  if (entry.includes('/')) {
    if (!ipaddr.isValidCIDR(entry)) return false;
    const [range, bits] = ipaddr.parseCIDR(entry);
    return range.kind() === caller.kind() && caller.match(range as never, bits);
  }
  const address = parseAddress(entry);
  return address !== null && sameAddress(address, caller);
}

const sameAddress = (a: Address, b: Address): boolean =>
  a.kind() === b.kind() && a.toString() === b.toString();

/** A DNS name: labels of letters, digits and hyphens. */
const isHostName = (text: string): boolean =>
  !isAddress(text) &&
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/.test(text);
