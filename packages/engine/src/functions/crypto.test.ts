import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { stringVal } from '../values/index.ts';
import { createNodeFunctionContext } from './node-context.ts';
import { call, callIn, plain, testContext } from './test-support.ts';

describe('hash functions', () => {
  it('digests strings as UTF-8', () => {
    expect(plain('md5', 'hello world')).toBe('5eb63bbbe01eeed093cb22bb8f5acdc3');
    expect(plain('sha1', 'hello world')).toBe('2aae6c35c94fcfb415dbe95f408b9ce91ee846ed');
    expect(plain('sha256', 'hello world')).toBe(
      'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
    );
    expect(plain('sha512', 'hello world')).toBe(
      '309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f',
    );
  });

  it('fails clearly where hashing is not provided', () => {
    expect(() => callIn(testContext({}, { hash: undefined }), 'md5', stringVal('x'))).toThrow(
      'Call to function "md5" failed: md5 hashing is not available in this environment.',
    );
  });
});

describe('uuid functions', () => {
  it('builds name-based UUIDs', () => {
    expect(plain('uuidv5', 'dns', 'www.terraform.io')).toBe('a5008fae-b28c-5ba5-96cd-82b4c53552d6');
    expect(plain('uuidv5', 'url', 'https://www.terraform.io/')).toBe('9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5');
    expect(plain('uuidv5', '6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.terraform.io')).toBe(
      'a5008fae-b28c-5ba5-96cd-82b4c53552d6',
    );
    expect(() => call('uuidv5', 'nope', 'x')).toThrow("uuidv5() doesn't support namespace nope");
  });

  it('builds random version 4 UUIDs from the context randomness', () => {
    const ctx = testContext({}, { randomBytes: (n) => new Uint8Array(n).fill(0xff) });
    expect(callIn(ctx, 'uuidv4').asString()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(call('uuidv4').asString()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('bcrypt', () => {
  it('hashes with the given cost in the $2a$ form', () => {
    const ctx = createNodeFunctionContext({ baseDir: '/tmp' });
    const hash = callIn(ctx, 'bcrypt', stringVal('hello world'), stringVal('4')).asString();
    expect(hash.startsWith('$2a$04$')).toBe(true);
    expect(bcrypt.compareSync('hello world', hash)).toBe(true);
    expect(callIn(ctx, 'bcrypt', stringVal('x'), stringVal('3')).asString().startsWith('$2a$10$')).toBe(true);
    expect(() => callIn(ctx, 'bcrypt', stringVal('x'), stringVal('32'))).toThrow(
      'cost must be a whole number between 4 and 31',
    );
  });
});
