import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KilnError } from '../errors.ts';

/**
 * Seals secrets at rest with AES-256-GCM: `v1.<iv>.<ciphertext>.<tag>` (base64url). The associated
 * data binds a sealed value to where it is stored (e.g. `build-run:<id>:variables`), so a value copied
 * into another row does not open.
 */
export interface Sealer {
  seal(plaintext: string, associatedData: string): string;
  open(sealed: string, associatedData: string): string;
}

const VERSION = 'v1';

export function createSealer(key: Uint8Array): Sealer {
  if (key.length !== 32) {
    throw new KilnError('INVALID', `a sealing key is 32 bytes (AES-256); this one has ${key.length}`);
  }
  const keyBytes = Buffer.from(key);
  return {
    seal(plaintext, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keyBytes, iv);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, body, cipher.getAuthTag()]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open(sealed, associatedData) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== VERSION || iv === undefined || body === undefined || tag === undefined) {
        throw new KilnError('INTERNAL', `a sealed value has an unknown format (${version ?? 'empty'})`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', keyBytes, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (error) {
        throw new KilnError(
          'INTERNAL',
          'a sealed value does not open with this sealing key (another key, or the value was altered)',
          { cause: error },
        );
      }
    },
  };
}

/** A fresh random sealing key, base64-encoded as KILN_SEALING_KEY takes it. */
export function generateSealingKey(): string {
  return randomBytes(32).toString('base64');
}

/**
 * The sealing key from configuration: `KILN_SEALING_KEY` (base64 of 32 bytes) or the file named by
 * `KILN_SEALING_KEY_FILE` (the same, on one line). Callers pass their env module's values.
 */
export function sealingKeyFrom(config: { key?: string; keyFile?: string }): Uint8Array {
  const text = config.key?.trim() || (config.keyFile ? readFileSync(config.keyFile, 'utf8').trim() : '');
  if (!text) {
    throw new KilnError(
      'INVALID',
      'no sealing key: set KILN_SEALING_KEY (base64 of 32 random bytes, e.g. `openssl rand -base64 32`) or KILN_SEALING_KEY_FILE',
    );
  }
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new KilnError('INVALID', `the sealing key must be base64 of 32 bytes; it decodes to ${key.length}`);
  }
  return key;
}
