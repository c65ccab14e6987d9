import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './safe-callback.ts';

describe('safeCallbackPath', () => {
  it.each([
    ['/orgs/demo', '/orgs/demo'],
    ['/orgs/demo?tab=runs#top', '/orgs/demo?tab=runs#top'],
    ['/', '/'],
    ['orgs/demo', '/orgs/demo'],
    ['http://127.0.0.1:3000/orgs/demo?x=1', '/orgs/demo?x=1'],
    // Scheme-relative: a path of this site; the normalised path (not the raw text) is what is handed back.
    ['http:evil.com', '/evil.com'],
  ])('keeps the site path %s as %s', (input, expected) => {
    expect(safeCallbackPath(input, 'http://127.0.0.1:3000')).toBe(expected);
  });

  it.each([
    '/\\evil.com',
    '/\\evil.com/path',
    '\\\\evil.com',
    '//evil.com',
    '///evil.com',
    '/\t/evil.com',
    '/\n/evil.com',
    ' //evil.com',
    'https://evil.com/orgs/demo',
    'http://127.0.0.1:3001/orgs/demo',
    'https://127.0.0.1:3000.evil.com/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '',
    undefined,
  ])('sends %j home instead of to another origin', (input) => {
    expect(safeCallbackPath(input, 'http://127.0.0.1:3000')).toBe('/');
  });
});
