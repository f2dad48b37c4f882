import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which IP addresses a user-supplied URL may reach. Anything that is not plainly public unicast is
 * refused: the fetcher must never become a way into the host's network (SSRF). Ranges follow the
 * IANA IPv4 and IPv6 Special-Purpose Address Registries; IPv6 forms that embed an IPv4 address
 * (IPv4-mapped, NAT64 well-known prefix, 6to4) are judged by the IPv4 address they carry.
 */

/** Why an address is refused, for logs and tests; null means public and allowed. */
export type AddressVerdict = string | null;

interface Range4 {
  base: number;
  bits: number;
  reason: string;
}
interface Range6 {
  base: bigint;
  bits: number;
  reason: string;
}

/** Parses dotted-quad IPv4 into an unsigned 32-bit number; null when not strict dotted decimal. */
export function parseIPv4(text: string): number | null {
  if (!isIPv4(text)) return null;
  return text.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** Parses any IPv6 text form (with "::" and a trailing dotted quad) into a 128-bit bigint. */
export function parseIPv6(text: string): bigint | null {
  if (!isIPv6(text)) return null;
  let hex = text;
  const lastColon = hex.lastIndexOf(':');
  const tail = hex.slice(lastColon + 1);
  if (tail.includes('.')) {
    const n = parseIPv4(tail);
    if (n === null) return null;
    hex = `${hex.slice(0, lastColon + 1)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = hex.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(halves[0]);
  const right = groups(halves[1]);
  const fill = 8 - left.length - right.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null;
  const all = [...left, ...new Array<number>(fill).fill(0), ...right];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

const v4 = (cidr: string, reason: string): Range4 => {
  const [ip = '', bits = '32'] = cidr.split('/');
  return { base: parseIPv4(ip) ?? 0, bits: Number(bits), reason };
};
const v6 = (cidr: string, reason: string): Range6 => {
  const [ip = '', bits = '128'] = cidr.split('/');
  return { base: parseIPv6(ip) ?? 0n, bits: Number(bits), reason };
};

// More specific ranges first: the first match names the reason.
const refused4: Range4[] = [
  v4('169.254.169.254/32', 'cloud metadata'),
  v4('100.100.100.200/32', 'cloud metadata'),
  v4('255.255.255.255/32', 'broadcast'),
  v4('0.0.0.0/32', 'unspecified'),
  v4('0.0.0.0/8', 'this network'),
  v4('10.0.0.0/8', 'private'),
  v4('100.64.0.0/10', 'carrier-grade NAT'),
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local'),
  v4('172.16.0.0/12', 'private'),
  v4('192.0.0.0/24', 'IETF protocol assignment'),
  v4('192.0.2.0/24', 'documentation'),
  v4('192.88.99.0/24', '6to4 relay anycast'),
  v4('192.168.0.0/16', 'private'),
  v4('198.18.0.0/15', 'benchmarking'),
  v4('198.51.100.0/24', 'documentation'),
  v4('203.0.113.0/24', 'documentation'),
  v4('224.0.0.0/4', 'multicast'),
  v4('240.0.0.0/4', 'reserved'),
];

const refused6: Range6[] = [
  v6('::/128', 'unspecified'),
  v6('::1/128', 'loopback'),
  v6('fd00:ec2::254/128', 'cloud metadata'),
  // IPv4-compatible addresses are deprecated (RFC 4291); nothing legitimate uses them.
  v6('::/96', 'IPv4-compatible'),
  v6('64:ff9b:1::/48', 'NAT64 local-use'),
  v6('100::/64', 'discard-only'),
  // Teredo hides the real IPv4 endpoints (obfuscated) and is unused by web servers.
  v6('2001::/32', 'Teredo'),
  v6('2001:2::/48', 'benchmarking'),
  v6('2001:db8::/32', 'documentation'),
  v6('2001::/23', 'IETF protocol assignment'),
  v6('3fff::/20', 'documentation'),
  v6('5f00::/16', 'segment routing'),
  v6('fc00::/7', 'unique local'),
  v6('fe80::/10', 'link-local'),
  v6('fec0::/10', 'site-local'),
  v6('ff00::/8', 'multicast'),
];

function in4(ip: number, r: Range4): boolean {
  if (r.bits === 0) return true;
  const shift = 32 - r.bits;
  return ip >>> shift === r.base >>> shift;
}

function in6(ip: bigint, r: Range6): boolean {
  const shift = BigInt(128 - r.bits);
  return ip >> shift === r.base >> shift;
}

export function classifyIPv4(ip: number): AddressVerdict {
  return refused4.find((r) => in4(ip, r))?.reason ?? null;
}

const MAPPED = parseIPv6('::ffff:0:0') ?? 0n;
const NAT64 = parseIPv6('64:ff9b::') ?? 0n;
const SIX_TO_FOUR = parseIPv6('2002::') ?? 0n;
const LOW32 = 0xffffffffn;

export function classifyIPv6(ip: bigint): AddressVerdict {
  // Forms that carry an IPv4 address are as dangerous as that address.
  if (ip >> 32n === MAPPED >> 32n) return embedded('IPv4-mapped', Number(ip & LOW32));
  if (ip >> 32n === NAT64 >> 32n) return embedded('NAT64', Number(ip & LOW32));
  if (ip >> 112n === SIX_TO_FOUR >> 112n) return embedded('6to4', Number((ip >> 80n) & LOW32));
  const special = refused6.find((r) => in6(ip, r));
  if (special) return special.reason;
  // Only global unicast (2000::/3) is public; the rest of the space is reserved.
  return ip >> 125n === 1n ? null : 'reserved';
}

function embedded(form: string, ip4: number): AddressVerdict {
  const inner = classifyIPv4(ip4);
  return inner === null ? null : `${form} ${inner}`;
}

/**
 * Classifies an address as returned by DNS or written in a URL (IPv6 without brackets). Anything
 * unparseable is refused, and so is an IPv6 zone id ("fe80::1%eth0"): zones only exist on-link.
 */
export function classifyAddress(address: string): AddressVerdict {
  const text = address.trim().toLowerCase();
  if (text.includes('%')) return 'scoped (zone id)';
  const a4 = parseIPv4(text);
  if (a4 !== null) return classifyIPv4(a4);
  const a6 = parseIPv6(text);
  if (a6 !== null) return classifyIPv6(a6);
  return 'not an IP address';
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === null;
}
