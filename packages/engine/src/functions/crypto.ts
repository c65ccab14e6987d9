import { NUMBER, STRING, type Value, ValueError, stringVal } from '../values/index.ts';
import type { FunctionContext, HashAlgorithm } from './context.ts';
import { arg, base64Decode, defineFunction, fromUtf8, hex, param, utf8 } from './define.ts';
import { ArgumentError, type KilnFunction } from './function.ts';

const str = (args: readonly Value[], i: number) => arg(args, i).asString();

function digest(ctx: FunctionContext, algorithm: HashAlgorithm, data: Uint8Array): Uint8Array {
  if (!ctx.hash) throw new ValueError(`${algorithm} hashing is not available in this environment`);
  return ctx.hash(algorithm, data);
}

function randomBytes(ctx: FunctionContext, length: number): Uint8Array {
  if (ctx.randomBytes) return ctx.randomBytes(length);
  const cryptoApi = (globalThis as { crypto?: { getRandomValues(a: Uint8Array): Uint8Array } }).crypto;
  if (!cryptoApi) throw new ValueError('random numbers are not available in this environment');
  return cryptoApi.getRandomValues(new Uint8Array(length));
}

function formatUuid(b: Uint8Array): string {
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

function parseUuid(text: string): Uint8Array | undefined {
  const h = text.replace(/^urn:uuid:/i, '').replace(/^\{|\}$/g, '');
  if (!/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/.test(h))
    return undefined;
  const digits = h.replace(/-/g, '');
  return Uint8Array.from({ length: 16 }, (_, i) => Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16));
}

/** A UUID version 5 (SHA-1 of namespace and name), as RFC 4122. */
export function uuidV5(ctx: FunctionContext, namespace: Uint8Array, name: string): string {
  const nameBytes = utf8(name);
  const input = new Uint8Array(namespace.length + nameBytes.length);
  input.set(namespace);
  input.set(nameBytes, namespace.length);
  const b = digest(ctx, 'sha1', input).slice(0, 16);
  b[6] = ((b[6] as number) & 0x0f) | 0x50;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  return formatUuid(b);
}

function stringHash(ctx: FunctionContext, name: string, algorithm: HashAlgorithm): KilnFunction {
  return defineFunction(name, {
    description: `The ${algorithm} digest of a string (as UTF-8), in hexadecimal.`,
    params: [param('str', STRING)],
    returns: STRING,
    impl: (args) => {
      const d = digest(ctx, algorithm, utf8(str(args, 0)));
      return stringVal(hex(d));
    },
  });
}

export function cryptoFunctions(ctx: FunctionContext): KilnFunction[] {
  return [
    stringHash(ctx, 'md5', 'md5'),
    stringHash(ctx, 'sha1', 'sha1'),
    stringHash(ctx, 'sha256', 'sha256'),
    stringHash(ctx, 'sha512', 'sha512'),
    defineFunction('bcrypt', {
      description: 'A bcrypt hash of a string, with an optional cost (default 10).',
      params: [param('str', STRING)],
      variadic: param('cost', NUMBER),
      returns: STRING,
      impl: (args) => {
        if (args.length > 2)
          throw new ValueError(`bcrypt() takes no more than two arguments, but got ${args.length}`);
        const costArg = args[1];
        const asked = costArg ? costArg.asNumber().toSafeInteger() : 10;
        if (asked === undefined || asked > 31) {
          throw new ArgumentError(1, 'crypto/bcrypt: cost must be a whole number between 4 and 31');
        }
        // Go's bcrypt uses its default cost (10) for any cost below its minimum (4).
        const cost = asked < 4 ? 10 : asked;
        if (!ctx.bcrypt) throw new ValueError('bcrypt hashing is not available in this environment');
        return stringVal(ctx.bcrypt(str(args, 0), cost));
      },
    }),
    defineFunction('uuidv4', {
      description: 'A random UUID (version 4).',
      params: [],
      returns: STRING,
      impl: () => {
        const b = randomBytes(ctx, 16);
        b[6] = ((b[6] as number) & 0x0f) | 0x40;
        b[8] = ((b[8] as number) & 0x3f) | 0x80;
        return stringVal(formatUuid(b));
      },
    }),
    defineFunction('uuidv5', {
      description: 'A name-based UUID (version 5) in a namespace: dns, url, oid, x500 or a UUID.',
      params: [param('namespace', STRING), param('name', STRING)],
      returns: STRING,
      impl: (args) => {
        const ns = str(args, 0);
        const bytes = parseUuid(NAMESPACES[ns] ?? ns);
        if (!bytes) throw new ArgumentError(0, `uuidv5() doesn't support namespace ${ns}`);
        return stringVal(uuidV5(ctx, bytes, str(args, 1)));
      },
    }),
    defineFunction('rsadecrypt', {
      description: 'Decrypts Base64-encoded RSA ciphertext with a PEM private key.',
      params: [param('ciphertext', STRING), param('privatekey', STRING)],
      returns: STRING,
      impl: (args) => {
        if (!ctx.rsaDecrypt) throw new ValueError('RSA decryption is not available in this environment');
        const data = base64Decode(str(args, 0));
        if (!data) throw new ArgumentError(0, 'failed to decode input: the ciphertext is not valid Base64');
        let plain: Uint8Array;
        try {
          plain = ctx.rsaDecrypt(data, str(args, 1));
        } catch (error) {
          throw new ValueError(
            `failed to decrypt: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        const text = fromUtf8(plain);
        if (text === undefined) throw new ValueError('the decrypted text is not valid UTF-8');
        return stringVal(text);
      },
    }),
  ];
}
