import { describe, expect, it } from 'vitest';
import { classifyAddress, isPublicAddress, parseIPv6 } from '../../../src/ingest/address-policy.js';

// [address, expected reason or null for public]
const refusedV4: Array<[string, string]> = [
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'this network'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['100.127.255.254', 'carrier-grade NAT'],
  ['100.100.100.200', 'cloud metadata'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['169.254.0.1', 'link-local'],
  ['169.254.169.254', 'cloud metadata'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.0.0.8', 'IETF protocol assignment'],
  ['192.0.2.10', 'documentation'],
  ['192.88.99.1', '6to4 relay anycast'],
  ['192.168.1.1', 'private'],
  ['198.18.0.1', 'benchmarking'],
  ['198.19.255.255', 'benchmarking'],
  ['198.51.100.7', 'documentation'],
  ['203.0.113.9', 'documentation'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'broadcast'],
];

const publicV4 = [
  '93.184.216.34',
  '8.8.8.8',
  '1.1.1.1',
  '172.15.255.255',
  '172.32.0.1',
  '100.63.255.255',
  '100.128.0.1',
  '198.20.0.1',
  '11.0.0.1',
];

const refusedV6: Array<[string, string]> = [
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback'],
  ['::ffff:10.1.2.3', 'IPv4-mapped private'],
  ['::ffff:169.254.169.254', 'IPv4-mapped cloud metadata'],
  ['::127.0.0.1', 'IPv4-compatible'],
  ['::8.8.8.8', 'IPv4-compatible'],
  ['64:ff9b::127.0.0.1', 'NAT64 loopback'],
  ['64:ff9b::a00:1', 'NAT64 private'],
  ['64:ff9b::169.254.169.254', 'NAT64 cloud metadata'],
  ['64:ff9b:1::1', 'NAT64 local-use'],
  ['2002:7f00:1::1', '6to4 loopback'],
  ['2002:c0a8:101::1', '6to4 private'],
  ['2002:a9fe:a9fe::', '6to4 cloud metadata'],
  ['2001::1', 'Teredo'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
  ['2001:2::1', 'benchmarking'],
  ['2001:db8::1', 'documentation'],
  ['2001:db8:ffff::1', 'documentation'],
  ['3fff::1', 'documentation'],
  ['100::1', 'discard-only'],
  ['fc00::1', 'unique local'],
  ['fd12:3456:789a::1', 'unique local'],
  ['fd00:ec2::254', 'cloud metadata'],
  ['fe80::1', 'link-local'],
  ['febf::1', 'link-local'],
  ['fec0::1', 'site-local'],
  ['ff02::1', 'multicast'],
  ['ff05::1:3', 'multicast'],
  ['4000::1', 'reserved'],
  ['fe80::1%eth0', 'scoped (zone id)'],
];

const publicV6 = [
  '2606:4700:4700::1111',
  '2a00:1450:4001:82b::200e',
  '::ffff:93.184.216.34',
  '64:ff9b::808:808',
  '2002:808:808::1',
  '2400:cb00::1',
];

describe('address policy', () => {
  it.each(refusedV4)('refuses IPv4 %s (%s)', (address, reason) => {
    expect(classifyAddress(address)).toBe(reason);
  });

  it.each(publicV4)('allows public IPv4 %s', (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  it.each(refusedV6)('refuses IPv6 %s (%s)', (address, reason) => {
    expect(classifyAddress(address)).toBe(reason);
  });

  it.each(publicV6)('allows public IPv6 %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each(['', 'example.com', '127.1', '0x7f.0.0.1', '2130706433', '1.2.3.4.5', '::ffff:1.2.3', 'gggg::1'])(
    'refuses %j, which is not a canonical IP address (URL parsing normalises spellings first)',
    (text) => {
      expect(classifyAddress(text)).toBe('not an IP address');
    },
  );

  it('parses every IPv6 spelling to the same number', () => {
    const forms = ['::ffff:127.0.0.1', '::ffff:7f00:1', '0:0:0:0:0:ffff:7f00:1', '0000::FFFF:7F00:0001'];
    const values = new Set(forms.map((f) => parseIPv6(f.toLowerCase())));
    expect(values).toEqual(new Set([0xffff7f000001n]));
  });
});
