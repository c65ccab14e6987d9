import { createHash, privateDecrypt, randomBytes, constants as cryptoConstants } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import bcrypt from 'bcryptjs';
import type { FunctionContext } from './context.ts';
import { goGzip } from './go-gzip.ts';

export interface NodeFunctionContextOptions {
  /** Directory of the template: relative paths in file functions resolve against it. */
  baseDir: string;
  /** The build start, for legacy_isotime/legacy_strftime; defaults to now. */
  startTime?: Date;
  /** Environment for `env()`; pass it only for variable defaults (also sets allowEnv). */
  env?: Readonly<Record<string, string | undefined>>;
  secrets?: FunctionContext['secrets'];
  renderTemplate?: FunctionContext['renderTemplate'];
  /** Clock override, for tests. */
  now?: () => Date;
}

/** A FunctionContext over Node's fs, crypto, zlib and os modules. Worker/activity code only. */
export function createNodeFunctionContext(options: NodeFunctionContextOptions): FunctionContext {
  const env = options.env;
  return {
    baseDir: options.baseDir,
    now: options.now ?? (() => new Date()),
    ...(options.startTime ? { startTime: options.startTime } : {}),
    cwd: process.cwd(),
    homeDir: homedir(),
    readFile: (path) => new Uint8Array(readFileSync(path)),
    stat: (path) => {
      try {
        const s = statSync(path);
        return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
      } catch {
        return undefined;
      }
    },
    readDir: (path) => readdirSync(path),
    hash: (algorithm, data) => new Uint8Array(createHash(algorithm).update(data).digest()),
    gzip: goGzip,
    randomBytes: (length) => new Uint8Array(randomBytes(length)),
    bcrypt: (password, cost) =>
      bcrypt.hashSync(password, bcrypt.genSaltSync(cost)).replace(/^\$2b\$/, '$2a$'),
    rsaDecrypt: (ciphertext, pem) =>
      new Uint8Array(privateDecrypt({ key: pem, padding: cryptoConstants.RSA_PKCS1_PADDING }, ciphertext)),
    ...(env ? { env: (name: string) => env[name], allowEnv: true } : {}),
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.renderTemplate ? { renderTemplate: options.renderTemplate } : {}),
  };
}
