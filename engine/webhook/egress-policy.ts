import ipaddr from 'ipaddr.js';

/**
 * What each range `ipaddr.js` names is, as the end of "<address> is …": one entry per special
 * range of IPv4 and IPv6 (a unit test holds the table to the library's own list), so a refusal
 * reads as a sentence, never as a library range name.
 */
export const RANGE_SENTENCES: Readonly<Record<string, string>> = {
  unspecified: 'an unspecified address ("this host" or "this network"), which names no server',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address (this machine)',
  carrierGradeNat: 'a carrier-grade NAT address (shared address space)',
  private: 'a private network address',
  reserved: 'a reserved address (documentation, benchmarking or future use)',
  as112: 'an AS112 address (a sink for stray DNS queries)',
  as112v6: 'an AS112 address (a sink for stray DNS queries)',
  amt: 'an AMT relay address (multicast tunnelling)',
  uniqueLocal: 'a unique local address (a private IPv6 network)',
  deprecatedSiteLocal: 'a site-local address (a private IPv6 network)',
  ipv4Mapped: 'an IPv4-mapped IPv6 address',
  rfc6145: 'an IPv4-translated IPv6 address',
  rfc6052: 'a NAT64 address',
  '6to4': 'a 6to4 address',
  teredo: 'a Teredo tunnel address',
  discard: 'a discard-only address',
  benchmarking: 'a benchmarking address',
  deprecatedOrchid: 'an ORCHID identifier, not a routable address',
  orchid2: 'an ORCHID identifier, not a routable address',
  droneRemoteIdProtocolEntityTags: 'a drone remote ID tag, not a routable address',
  segmentRouting: 'a segment routing (SRv6) address',
};

const ALLOW_HINT = 'webhooks may only reach public addresses unless HOOKFLOW_EGRESS_ALLOW lists it';

/** "… is a link-local address": the range's sentence, or the range named plainly if the table lacks it. */
function rangeSentence(range: string): string {
  return RANGE_SENTENCES[range] ?? `in the special-purpose range "${range}", not a public address`;
}

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

  /**
   * True when the operator listed this host: by name, or as an IP address inside an allowed
   * range. Lets plain-http event subscriptions reach hosts the operator trusts (only those).
   */
  lists(hostname: string): boolean {
    const host = hostname
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1')
      .replace(/\.$/, '');
    if (this.hosts.has(host)) return true;
    if (!ipaddr.isValid(host)) return false;
    const parsed = ipaddr.parse(host);
    return this.ranges.some(([range, bits]) => matches(parsed, range, bits));
  }

  /**
   * A reason to refuse connecting to `address` (reached through `hostname`), or null when allowed.
   * Example: `refusal('169.254.169.254', 'metadata')` → "169.254.169.254 is a link-local address;
   * webhooks may only reach public addresses unless HOOKFLOW_EGRESS_ALLOW lists it".
   */
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
    const what =
      effective === parsed
        ? `${address} is ${rangeSentence(range)}`
        : `${address} embeds the IPv4 address ${effective.toString()}, which is ${rangeSentence(range)}`;
    return `${what}; ${ALLOW_HINT}`;
  }

  /**
   * A reason to refuse a URL's host when it is an IP literal, or null: for an allowed address, and
   * for a host name, which is judged by the addresses it resolves to when a request is sent.
   * `hostname` is as the WHATWG URL parser gives it: IPv4 in four decimal parts whatever the
   * notation written (`0x7f.1`, `2130706433`), IPv6 in brackets.
   */
  hostRefusal(hostname: string): string | null {
    const bracketed = /^\[(.*)\]$/.exec(hostname)?.[1];
    if (bracketed !== undefined) return this.refusal(bracketed, bracketed);
    if (!ipaddr.IPv4.isValidFourPartDecimal(hostname)) return null;
    return this.refusal(hostname, hostname);
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
