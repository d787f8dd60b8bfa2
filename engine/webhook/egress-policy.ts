import ipaddr from 'ipaddr.js';

/**
 * Which outgoing addresses webhooks may reach. Only globally routable unicast addresses are
 * allowed by default; loopback, private, link-local (cloud metadata), CGNAT, multicast and
 * reserved ranges are refused unless the operator allow-lists them. IPv6 forms that embed
 * an IPv4 address (mapped, NAT64, 6to4) are judged by the embedded address.
 */
export class EgressPolicy {
  private readonly ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  private readonly hosts = new Set<string>();

  /** Entries: an IP (`127.0.0.1`), a CIDR range (`10.0.0.0/8`) or a host name (`hooks.internal`). */
  constructor(allow: readonly string[] = []) {
    for (const entry of allow) {
      if (entry.includes('/')) this.ranges.push(ipaddr.parseCIDR(entry));
      else if (ipaddr.isValid(entry)) {
        const address = ipaddr.parse(entry);
        this.ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      } else this.hosts.add(entry.toLowerCase());
    }
  }

  /** A reason to refuse connecting to `address` (reached through `hostname`), or null when allowed. */
  refusal(address: string, hostname: string): string | null {
    if (this.hosts.has(hostname.toLowerCase().replace(/\.$/, ''))) return null;
    if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
    const parsed = ipaddr.parse(address);
    if (this.ranges.some(([range, bits]) => matches(parsed, range, bits))) return null;
    const effective = embeddedIPv4(parsed) ?? parsed;
    if (effective !== parsed && this.ranges.some(([range, bits]) => matches(effective, range, bits)))
      return null;
    const range = effective.range();
    if (range === 'unicast') return null;
    return `${address} is a ${range} address; webhooks may only reach public addresses unless HOOKFLOW_EGRESS_ALLOW lists it`;
  }
}

function matches(
  address: ipaddr.IPv4 | ipaddr.IPv6,
  range: ipaddr.IPv4 | ipaddr.IPv6,
  bits: number,
): boolean {
  return address.kind() === range.kind() && address.match(range, bits);
}

/** The IPv4 address hidden in an IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
function embeddedIPv4(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | null {
  if (address.kind() !== 'ipv6') return null;
  const v6 = address as ipaddr.IPv6;
  const parts = v6.parts;
  const range = v6.range();
  if (range === 'ipv4Mapped') return v6.toIPv4Address();
  if (range === 'rfc6052' || range === 'rfc6145') return fromWords(parts[6] ?? 0, parts[7] ?? 0);
  if (range === '6to4') return fromWords(parts[1] ?? 0, parts[2] ?? 0);
  return null;
}

function fromWords(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}
