import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSealer, generateSealingKey, sealingKeyFrom } from './sealer.ts';

describe('createSealer', () => {
  const sealer = createSealer(randomBytes(32));

  it('opens what it sealed, with the same associated data only', () => {
    const sealed = sealer.seal('hunter2 ✓', 'build-run:1:variables');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('hunter2');
    expect(sealer.open(sealed, 'build-run:1:variables')).toBe('hunter2 ✓');
    expect(() => sealer.open(sealed, 'build-run:2:variables')).toThrow(/does not open/);
  });

  it('seals the same value differently each time (a fresh IV)', () => {
    expect(sealer.seal('x', 'a')).not.toBe(sealer.seal('x', 'a'));
  });

  it('refuses an altered value and a value sealed with another key', () => {
    const sealed = sealer.seal('secret', 'a');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2]!, 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[2] = body.toString('base64url');
    expect(() => sealer.open(parts.join('.'), 'a')).toThrow(/does not open/);
    expect(() => createSealer(randomBytes(32)).open(sealed, 'a')).toThrow(/does not open/);
    expect(() => sealer.open('v0.x', 'a')).toThrow(/unknown format/);
  });

  it('takes a key of 32 bytes only', () => {
    expect(() => createSealer(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('sealingKeyFrom', () => {
  it('reads the key from the value or the file, and says what is wrong', () => {
    const key = generateSealingKey();
    expect(Buffer.from(sealingKeyFrom({ key })).toString('base64')).toBe(key);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kiln-key-')), 'sealing.key');
    writeFileSync(file, `${key}\n`);
    expect(Buffer.from(sealingKeyFrom({ keyFile: file })).toString('base64')).toBe(key);
    expect(() => sealingKeyFrom({})).toThrow(/KILN_SEALING_KEY/);
    expect(() => sealingKeyFrom({ key: 'c2hvcnQ=' })).toThrow(/decodes to 5/);
  });
});
