import { describe, expect, it } from 'vitest';
import { createAddressPolicy, unmapIpv4 } from './address-policy.ts';

describe('address policy', () => {
  const policy = createAddressPolicy();

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
  ])('allows the public address %s', (address) => {
    expect(policy.refusal(address)).toBeUndefined();
  });

  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.255.254', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['0:0:0:0:0:0:0:1', 'a loopback address'],
    ['169.254.169.254', 'the cloud metadata address'],
    ['fd00:ec2::254', 'the cloud metadata address'],
    ['169.254.1.1', 'a link-local address'],
    ['fe80::abcd', 'a link-local address'],
    ['10.0.0.1', 'a private (RFC 1918) address'],
    ['172.16.5.4', 'a private (RFC 1918) address'],
    ['192.168.0.10', 'a private (RFC 1918) address'],
    ['100.64.0.1', 'a carrier-grade NAT (RFC 6598) address'],
    ['fc00::1', 'a unique local (private) address'],
    ['::ffff:127.0.0.1', 'a loopback address (IPv4-mapped)'],
    ['::ffff:7f00:1', 'a loopback address (IPv4-mapped)'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'the cloud metadata address (IPv4-mapped)'],
    ['::ffff:10.0.0.1', 'a private (RFC 1918) address (IPv4-mapped)'],
    ['::127.0.0.1', 'an IPv4-compatible address'],
    ['64:ff9b::7f00:1', 'a NAT64 address'],
    ['0.0.0.0', 'an unspecified ("this network") address'],
    ['::', 'the unspecified address'],
    ['224.0.0.1', 'a multicast address'],
    ['255.255.255.255', 'a reserved address'],
  ])('refuses %s as %s', (address, why) => {
    expect(policy.refusal(address)).toBe(why);
  });

  it('unmaps IPv4-mapped IPv6 in both spellings, and nothing else', () => {
    expect(unmapIpv4('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(unmapIpv4('::FFFF:c000:0201')).toBe('192.0.2.1');
    expect(unmapIpv4('2001:db8::ffff:1:2')).toBeUndefined();
    expect(unmapIpv4('127.0.0.1')).toBeUndefined();
  });

  it('lets the addresses and ranges an operator allows through, and only those', () => {
    const allowing = createAddressPolicy(['127.0.0.1', '10.20.0.0/16', 'fd00:1::/32']);
    expect(allowing.refusal('127.0.0.1')).toBeUndefined();
    expect(allowing.refusal('::ffff:127.0.0.1')).toBeUndefined();
    expect(allowing.refusal('10.20.30.40')).toBeUndefined();
    expect(allowing.refusal('fd00:1::5')).toBeUndefined();
    expect(allowing.refusal('127.0.0.2')).toBe('a loopback address');
    expect(allowing.refusal('10.21.0.1')).toBe('a private (RFC 1918) address');
    expect(allowing.refusal('169.254.169.254')).toBe('the cloud metadata address');
  });

  it('refuses what is not an IP address', () => {
    expect(policy.refusal('example.com')).toBe('not an IP address');
  });
});
