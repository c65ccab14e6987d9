import { describe, expect, it } from 'vitest';
import { parseBasicCredentials } from './basic-auth.ts';

const header = (raw: string) => `Basic ${Buffer.from(raw).toString('base64')}`;

describe('parseBasicCredentials', () => {
  it('splits at the first colon, so secrets may contain colons', () => {
    expect(parseBasicCredentials(header('client:se:cret'))).toEqual({
      clientId: 'client',
      clientSecret: 'se:cret',
    });
  });

  it('URL-decodes both parts, as HCP clients escape them', () => {
    expect(parseBasicCredentials(header('my%20client:a%2Bb%3D'))).toEqual({
      clientId: 'my client',
      clientSecret: 'a+b=',
    });
  });

  it('rejects missing, non-Basic, colon-less and badly escaped credentials', () => {
    expect(parseBasicCredentials(null)).toBeNull();
    expect(parseBasicCredentials('Bearer token')).toBeNull();
    expect(parseBasicCredentials(header('no-colon'))).toBeNull();
    expect(parseBasicCredentials(header('id:%E0%A4%A'))).toBeNull();
  });
});
