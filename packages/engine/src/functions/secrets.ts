import { SENSITIVE, STRING, type Value, ValueError, stringVal } from '../values/index.ts';
import type { FunctionContext, SecretProvider } from './context.ts';
import { arg, defineFunction, param } from './define.ts';
import type { KilnFunction } from './function.ts';

const str = (args: readonly Value[], i: number) => arg(args, i).asString();

/**
 * Looks a secret up through the provider, marking the result sensitive so that it never reaches
 * logs or plans in clear. A missing provider or lookup is an error that names the function.
 */
function lookup<K extends keyof SecretProvider>(
  ctx: FunctionContext,
  fn: string,
  store: string,
  method: K,
  call: (provider: NonNullable<SecretProvider[K]>) => string,
): Value {
  const impl = ctx.secrets?.[method];
  if (!impl) {
    throw new ValueError(`${fn}: no ${store} secret provider is configured for this evaluation`);
  }
  let secret: string;
  try {
    secret = call(impl.bind(ctx.secrets) as NonNullable<SecretProvider[K]>);
  } catch (error) {
    throw new ValueError(`${fn}: ${error instanceof Error ? error.message : String(error)}`, [], {
      cause: error,
    });
  }
  return stringVal(secret).mark(SENSITIVE);
}

export function secretFunctions(ctx: FunctionContext): KilnFunction[] {
  return [
    defineFunction('vault', {
      description: 'Reads a key of a secret from HashiCorp Vault KV.',
      params: [param('path', STRING), param('key', STRING)],
      returns: STRING,
      impl: (args) => lookup(ctx, 'vault', 'Vault', 'vault', (f) => f(str(args, 0), str(args, 1))),
    }),
    defineFunction('consul_key', {
      description: 'Reads a key from the Consul KV store.',
      params: [param('key', STRING)],
      returns: STRING,
      impl: (args) => lookup(ctx, 'consul_key', 'Consul', 'consulKey', (f) => f(str(args, 0))),
    }),
    defineFunction('aws_secretsmanager', {
      description: 'Reads a secret (or one key of a JSON secret) from AWS Secrets Manager.',
      params: [param('name', STRING), param('key', STRING, { allowNull: true })],
      returns: STRING,
      impl: (args) => {
        const key = arg(args, 1);
        return lookup(ctx, 'aws_secretsmanager', 'AWS Secrets Manager', 'awsSecret', (f) =>
          f(str(args, 0), key.isNull ? undefined : key.asString()),
        );
      },
    }),
    defineFunction('aws_secretsmanager_raw', {
      description: 'Reads the raw secret string from AWS Secrets Manager.',
      params: [param('name', STRING)],
      returns: STRING,
      impl: (args) =>
        lookup(ctx, 'aws_secretsmanager_raw', 'AWS Secrets Manager', 'awsSecretRaw', (f) => f(str(args, 0))),
    }),
  ];
}

/** `env(key)`: only in tables made for variable defaults (`allowEnv`); unset variables give "". */
export function envFunction(ctx: FunctionContext): KilnFunction {
  return defineFunction('env', {
    description: 'The value of an environment variable, or "" when it is not set. Only in variable defaults.',
    params: [param('key', STRING)],
    returns: STRING,
    impl: (args) => {
      if (!ctx.env) throw new ValueError('environment variables are not available in this environment');
      return stringVal(ctx.env(str(args, 0)) ?? '');
    },
  });
}
