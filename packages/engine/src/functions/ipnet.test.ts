import { describe, expect, it } from 'vitest';
import { call, plain } from './test-support.ts';

describe('cidr functions', () => {
  it('computes host addresses', () => {
    expect(plain('cidrhost', '10.12.112.0/20', 16)).toBe('10.12.112.16');
    expect(plain('cidrhost', '10.12.112.0/20', 268)).toBe('10.12.113.12');
    expect(plain('cidrhost', '10.12.112.0/20', -1)).toBe('10.12.127.255');
    expect(plain('cidrhost', 'fd00:fd12:3456:7890:00a2::/72', 34)).toBe('fd00:fd12:3456:7890::22');
    expect(() => call('cidrhost', '10.0.0.0/30', 4)).toThrow(
      'prefix of 30 does not accommodate a host numbered 4',
    );
    expect(() => call('cidrhost', '10.0.0/8', 1)).toThrow('invalid CIDR expression');
  });

  it('computes netmasks', () => {
    expect(plain('cidrnetmask', '172.16.0.0/12')).toBe('255.240.0.0');
    expect(plain('cidrnetmask', '10.0.0.0/32')).toBe('255.255.255.255');
  });

  it('computes subnets', () => {
    expect(plain('cidrsubnet', '172.16.0.0/12', 4, 2)).toBe('172.18.0.0/16');
    expect(plain('cidrsubnet', '10.1.2.0/24', 4, 15)).toBe('10.1.2.240/28');
    expect(plain('cidrsubnet', '10.1.2.0/24', -1, 0)).toBe('10.1.2.0/23');
    expect(() => call('cidrsubnet', 'fd00::/8', 120, 1)).toThrow(
      'may not extend prefix by more than 32 bits',
    );
    expect(() => call('cidrsubnet', 'fd00::/64', 16, 2 ** 64)).toThrow('value must be a whole number');
    expect(() => call('cidrsubnet', '10.1.2.0/24', 4, -1)).toThrow('subnet number must not be negative');
    expect(plain('cidrsubnet', 'fd00:fd12:3456:7890::/56', 16, 162)).toBe('fd00:fd12:3456:7800:a200::/72');
    expect(() => call('cidrsubnet', '10.1.2.0/24', 4, 16)).toThrow(
      'prefix extension of 4 does not accommodate a subnet numbered 16',
    );
    expect(() => call('cidrsubnet', '10.1.2.0/24', 9, 0)).toThrow(
      'insufficient address space to extend prefix of 24 by 9',
    );
  });

  it('allocates consecutive subnets', () => {
    expect(plain('cidrsubnets', '10.1.0.0/16', 4, 4, 8, 4)).toEqual([
      '10.1.0.0/20',
      '10.1.16.0/20',
      '10.1.32.0/24',
      '10.1.48.0/20',
    ]);
    expect(plain('cidrsubnets', 'fd00:fd12:3456:7890::/56', 16, 16, 16, 32)).toEqual([
      'fd00:fd12:3456:7800::/72',
      'fd00:fd12:3456:7800:100::/72',
      'fd00:fd12:3456:7800:200::/72',
      'fd00:fd12:3456:7800:300::/88',
    ]);
    expect(() => call('cidrsubnets', '10.0.0.0/30', 1, 1, 1)).toThrow('not enough remaining address space');
  });
});
