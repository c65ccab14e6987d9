import { describe, expect, it } from 'vitest';
import { satisfiesVersion } from './version.ts';

describe('satisfiesVersion', () => {
  it.each([
    ['>= 1.10.0', true],
    ['>= 1.10.0, < 2.0.0', true],
    ['~> 1.9', true],
    ['~> 1.15.0', false],
    ['~> 1.16.0', true],
    ['= 1.16.0', true],
    ['!= 1.16.0', false],
    ['> 1.16', false],
  ])('1.16.0 against %s', (constraint, expected) => {
    expect(satisfiesVersion('1.16.0', constraint)).toBe(expected);
  });

  it('reports malformed constraints', () => {
    expect(satisfiesVersion('1.16.0', '>= banana')).toEqual({
      error: '">= banana" is not a valid version constraint',
    });
  });
});
