import type { Value } from '../values/index.ts';
import type { KilnFunction } from './function.ts';

export type HashAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha512';

/** What a directory entry is, for `fileexists` and `fileset`. */
export type EntryKind = 'file' | 'directory' | 'other';

/**
 * The outside world as the functions see it. Everything that touches the filesystem, the
 * clock, the environment, randomness or a secret store comes from here, so that evaluation
 * is deterministic in tests and the engine runs where `node:*` is not available. A function
 * whose capability is missing fails with an error naming the function.
 */
export interface FunctionContext {
  /** Directory that relative paths in `file()`, `fileset()`, ... resolve against (absolute, `/`-separated). */
  baseDir: string;
  /** The current time, for `timestamp()`. */
  now(): Date;
  /** The time the run started, for `legacy_isotime()` / `legacy_strftime()` (defaults to `now()` at table creation). */
  startTime?: Date;
  /** The current working directory for `abspath()` (defaults to `baseDir`). */
  cwd?: string;
  /** The user's home directory for `pathexpand()`. */
  homeDir?: string;
  /** Reads a whole file by absolute path. Throws when it cannot. */
  readFile?(path: string): Uint8Array;
  /** What is at an absolute path, undefined when nothing is. */
  stat?(path: string): EntryKind | undefined;
  /** Names of the entries of a directory, by absolute path. */
  readDir?(path: string): string[];
  /** A digest of some bytes. */
  hash?(algorithm: HashAlgorithm, data: Uint8Array): Uint8Array;
  /** A bcrypt hash (`$2a$` form, random salt) of a password with a cost, for `bcrypt()`. */
  bcrypt?(password: string, cost: number): string;
  /** gzip compression, for `base64gzip()`. */
  gzip?(data: Uint8Array): Uint8Array;
  /** Cryptographically random bytes, for `uuidv4()` and `bcrypt()` (defaults to `globalThis.crypto`). */
  randomBytes?(length: number): Uint8Array;
  /** RSA-decrypts base64-decoded ciphertext (PKCS #1 v1.5) with a PEM private key, for `rsadecrypt()`. */
  rsaDecrypt?(ciphertext: Uint8Array, privateKeyPem: string): Uint8Array;
  /** Environment variables. `env()` exists only in tables made with `allowEnv` (variable defaults). */
  env?(name: string): string | undefined;
  /** Makes `env()` available: Packer allows it only in variable default values. */
  allowEnv?: boolean;
  /** The secret stores behind `vault`, `consul_key`, `aws_secretsmanager`, `aws_secretsmanager_raw`. */
  secrets?: SecretProvider;
  /** Renders a template file for `templatefile()`; the template parser lives elsewhere. */
  renderTemplate?: TemplateRenderer;
}

/**
 * Renders `source` (the content of `filename`) as an HCL string template with `variables` in
 * scope and `functions` callable, returning the result (normally a string).
 */
export type TemplateRenderer = (request: {
  source: string;
  filename: string;
  variables: ReadonlyMap<string, Value>;
  functions: ReadonlyMap<string, KilnFunction>;
}) => Value;

/**
 * Secret stores. Functions are synchronous, so an implementation answers from data it already
 * holds (fetched before evaluation) or through a synchronous client. Throw an Error with a
 * message fit for the template author (never the secret) when a lookup fails.
 */
export interface SecretProvider {
  /** Vault KV: the value of `key` in the secret at `path`. */
  vault?(path: string, key: string): string;
  /** Consul KV: the value at `key`. */
  consulKey?(key: string): string;
  /** AWS Secrets Manager: the value of `key` in the JSON secret `name`, or the first value when `key` is absent. */
  awsSecret?(name: string, key: string | undefined): string;
  /** AWS Secrets Manager: the raw secret string of `name`. */
  awsSecretRaw?(name: string): string;
}
