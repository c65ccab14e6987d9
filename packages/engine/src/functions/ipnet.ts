import { NUMBER, STRING, type Value, ValueError, listOf, listVal, stringVal } from '../values/index.ts';
import { arg, defineFunction, param } from './define.ts';
import { ArgumentError, type KilnFunction } from './function.ts';
import { toGoInt } from './go-math.ts';

/** An IP network: address bits as a bigint, family width (32 or 128) and prefix length. */
export interface Network {
  address: bigint;
  bits: 32 | 128;
  prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string) => (s === '' ? [] : s.split(':'));
  const left = parse(halves[0] as string);
  const right = halves.length === 2 ? parse(halves[1] as string) : [];
  const missing = 8 - left.length - right.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...left, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(`0x${g}`);
  }
  if (tailV4 !== undefined) n = (n & ~0xffffffffn) | tailV4;
  return n;
}

/** Go's net.ParseCIDR: the network (address masked to the prefix). */
export function parseCidr(text: string): Network {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  const fail = () => new ValueError(`invalid CIDR expression: invalid CIDR address: ${text}`);
  if (!m) throw fail();
  const addr = m[1] as string;
  const prefix = Number.parseInt(m[2] as string, 10);
  const v4 = addr.includes(':') ? undefined : parseIpv4(addr);
  const v6 = v4 === undefined ? parseIpv6(addr) : undefined;
  const bits = v4 !== undefined ? 32 : 128;
  const value = v4 ?? v6;
  if (value === undefined || prefix > bits) throw fail();
  return { address: value & mask(bits, prefix), bits, prefix };
}

function mask(bits: number, prefix: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - prefix)) - 1n);
}

/** Go's net.IP.String: dotted IPv4, or IPv6 with the longest run of zero groups as `::`. */
export function formatIp(address: bigint, bits: 32 | 128): string {
  if (bits === 32) {
    return [24n, 16n, 8n, 0n].map((s) => String((address >> s) & 255n)).join('.');
  }
  if (address >> 32n === 0xffffn) return formatIp(address & 0xffffffffn, 32);
  const groups = Array.from({ length: 8 }, (_, i) => Number((address >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hexes = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hexes.join(':');
  return `${hexes.slice(0, bestStart).join(':')}::${hexes.slice(bestStart + bestLen).join(':')}`;
}

function formatNetwork(n: Network): string {
  return `${formatIp(n.address, n.bits)}/${n.prefix}`;
}

/**
 * go-cidr's `Subnet` as Packer's cidrsubnet calls it: a negative newbits shortens the prefix
 * (the address is kept as it is), and its netnum bound then wraps to "any".
 */
function extendPrefix(base: Network, newbits: number, netnum: bigint): Network {
  if (netnum < 0n) throw new ValueError('subnet number must not be negative');
  const prefix = base.prefix + newbits;
  if (prefix > base.bits || prefix < 0) {
    throw new ValueError(`insufficient address space to extend prefix of ${base.prefix} by ${newbits}`);
  }
  if (newbits >= 0 && newbits < 64 && netnum > (1n << BigInt(newbits)) - 1n) {
    throw new ValueError(`prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
  }
  const shifted = (netnum << BigInt(base.bits - prefix)) & ((1n << BigInt(base.bits)) - 1n);
  return { address: base.address | shifted, bits: base.bits, prefix };
}

function cidrArg(v: Value, index: number): Network {
  try {
    return parseCidr(v.asString());
  } catch (error) {
    throw new ArgumentError(index, (error as Error).message);
  }
}

function integerArg(v: Value, index: number, name: string): bigint {
  const n = v.asNumber();
  if (!n.isInteger()) throw new ArgumentError(index, `${name} must be a whole number`);
  return n.toBigInt();
}

export function ipnetFunctions(): KilnFunction[] {
  return [
    defineFunction('cidrhost', {
      description:
        'The address of a host number within a network prefix (negative numbers count from the end).',
      params: [param('prefix', STRING), param('hostnum', NUMBER)],
      returns: STRING,
      impl: (args) => {
        const net = cidrArg(arg(args, 0), 0);
        const host = integerArg(arg(args, 1), 1, 'hostnum');
        const size = 1n << BigInt(net.bits - net.prefix);
        const index = host < 0n ? size + host : host;
        if (index < 0n || index >= size) {
          throw new ValueError(`prefix of ${net.prefix} does not accommodate a host numbered ${host}`);
        }
        return stringVal(formatIp(net.address | index, net.bits));
      },
    }),
    defineFunction('cidrnetmask', {
      description: 'The netmask of an IPv4 network prefix in dotted notation.',
      params: [param('prefix', STRING)],
      returns: STRING,
      impl: (args) => {
        const net = cidrArg(arg(args, 0), 0);
        return stringVal(formatIp(mask(net.bits, net.prefix), net.bits));
      },
    }),
    defineFunction('cidrsubnet', {
      description: 'A subnet of a network prefix: the prefix extended by newbits, numbered netnum.',
      params: [param('prefix', STRING), param('newbits', NUMBER), param('netnum', NUMBER)],
      returns: STRING,
      impl: (args) => {
        const newbits = Number(toGoInt(arg(args, 1).asNumber()));
        const netnum = toGoInt(arg(args, 2).asNumber());
        const net = cidrArg(arg(args, 0), 0);
        if (newbits > 32) throw new ValueError('may not extend prefix by more than 32 bits');
        return stringVal(formatNetwork(extendPrefix(net, newbits, netnum)));
      },
    }),
    defineFunction('cidrsubnets', {
      description: 'Consecutive subnets of a network prefix, one per given number of additional bits.',
      params: [param('prefix', STRING)],
      variadic: param('newbits', NUMBER),
      returns: listOf(STRING),
      impl: (args) => {
        const net = cidrArg(arg(args, 0), 0);
        const out: Value[] = [];
        let next = net.address;
        args.slice(1).forEach((v, i) => {
          const newbits = Number(integerArg(v, i + 1, 'newbits'));
          const prefix = net.prefix + newbits;
          if (newbits < 1 || prefix > net.bits) {
            throw new ArgumentError(
              i + 1,
              `would extend prefix to ${prefix} bits, which is too long for an IPv${net.bits === 32 ? 4 : 6} address`,
            );
          }
          const step = 1n << BigInt(net.bits - prefix);
          // Align to the subnet size, as each allocation starts at the next boundary.
          const start = ((next + step - 1n) / step) * step;
          const end = net.address + (1n << BigInt(net.bits - net.prefix));
          if (start + step > end) {
            throw new ArgumentError(
              i + 1,
              `not enough remaining address space for a subnet with a prefix of ${prefix} bits after ${formatIp(next, net.bits)}`,
            );
          }
          out.push(stringVal(formatNetwork({ address: start, bits: net.bits, prefix })));
          next = start + step;
        });
        return listVal(out, STRING);
      },
    }),
  ];
}
