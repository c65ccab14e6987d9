import { BlockList, isIP } from 'node:net';

/** Address ranges the `http` data source never connects to, each with the name its error gives. */
const REFUSED_RANGES: readonly [cidr: string, what: string][] = [
  ['0.0.0.0/8', 'an unspecified ("this network") address'],
  ['10.0.0.0/8', 'a private (RFC 1918) address'],
  ['100.64.0.0/10', 'a carrier-grade NAT (RFC 6598) address'],
  ['127.0.0.0/8', 'a loopback address'],
  ['169.254.169.254/32', 'the cloud metadata address'],
  ['169.254.0.0/16', 'a link-local address'],
  ['172.16.0.0/12', 'a private (RFC 1918) address'],
  ['192.0.0.0/24', 'an IETF protocol assignment address'],
  ['192.0.2.0/24', 'a documentation address'],
  ['192.168.0.0/16', 'a private (RFC 1918) address'],
  ['198.18.0.0/15', 'a benchmarking address'],
  ['198.51.100.0/24', 'a documentation address'],
  ['203.0.113.0/24', 'a documentation address'],
  ['224.0.0.0/4', 'a multicast address'],
  ['240.0.0.0/4', 'a reserved address'],
  ['::/128', 'the unspecified address'],
  ['::1/128', 'a loopback address'],
  ['::/96', 'an IPv4-compatible address'],
  ['64:ff9b::/96', 'a NAT64 address'],
  ['64:ff9b:1::/48', 'a NAT64 address'],
  ['100::/64', 'a discard-only address'],
  ['2001:db8::/32', 'a documentation address'],
  ['2002::/16', 'a 6to4 address'],
  ['fd00:ec2::254/128', 'the cloud metadata address'],
  ['fc00::/7', 'a unique local (private) address'],
  ['fe80::/10', 'a link-local address'],
  ['fec0::/10', 'a site-local address'],
  ['ff00::/8', 'a multicast address'],
];

function blockListOf(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', bits] = cidr.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

const refused = REFUSED_RANGES.map(([cidr, what]) => ({ list: blockListOf([cidr]), what }));

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted IPv4 part converted). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, `::ffff:7f00:1`), else undefined. */
export function unmapIpv4(address: string): string | undefined {
  if (isIP(address) !== 6) return undefined;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).some((g) => g !== 0) || groups[5] !== 0xffff) return undefined;
  const [high = 0, low = 0] = groups.slice(6);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

export interface AddressPolicy {
  /** Why `address` (an IP address) may not be reached, or undefined when it may. */
  refusal(address: string): string | undefined;
}

/**
 * The addresses the http data source refuses: loopback, link-local, private (RFC 1918, CGNAT, ULA),
 * metadata, and the other special-purpose ranges, IPv4-mapped IPv6 forms included. `allow` (IP addresses
 * or CIDR ranges, set by tests and operators only, never by a template) lets some of them through.
 */
export function createAddressPolicy(allow: readonly string[] = []): AddressPolicy {
  const allowed = blockListOf(allow);
  const check = (address: string): string | undefined => {
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (allowed.check(address, family)) return undefined;
    return refused.find((range) => range.list.check(address, family))?.what;
  };
  return {
    refusal(address) {
      if (isIP(address) === 0) return 'not an IP address';
      const v4 = unmapIpv4(address);
      if (v4 === undefined) return check(address);
      const inner = check(v4);
      return inner === undefined ? undefined : `${inner} (IPv4-mapped)`;
    },
  };
}
