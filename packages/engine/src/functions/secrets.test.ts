import { describe, expect, it } from 'vitest';
import { nullVal, STRING, stringVal } from '../values/index.ts';
import type { SecretProvider } from './context.ts';
import { callIn, testContext } from './test-support.ts';

const provider: SecretProvider = {
  vault: (path, key) => {
    if (path === 'secret/data/app' && key === 'password') return 'hunter2';
    throw new Error(`no key ${key} at ${path}`);
  },
  consulKey: (key) => `consul:${key}`,
  awsSecret: (name, key) => `${name}/${key ?? '(first)'}`,
  awsSecretRaw: (name) => `{"raw":"${name}"}`,
};

describe('secret functions', () => {
  const ctx = testContext({}, { secrets: provider });

  it('read through the provider and mark the result sensitive', () => {
    const v = callIn(ctx, 'vault', stringVal('secret/data/app'), stringVal('password'));
    expect(v.isSensitive).toBe(true);
    expect(v.unmark().asString()).toBe('hunter2');
    expect(callIn(ctx, 'consul_key', stringVal('app/db')).unmark().asString()).toBe('consul:app/db');
    expect(callIn(ctx, 'aws_secretsmanager', stringVal('db'), stringVal('user')).unmark().asString()).toBe(
      'db/user',
    );
    expect(callIn(ctx, 'aws_secretsmanager', stringVal('db'), nullVal(STRING)).unmark().asString()).toBe(
      'db/(first)',
    );
    expect(callIn(ctx, 'aws_secretsmanager_raw', stringVal('db')).unmark().asString()).toBe('{"raw":"db"}');
  });

  it('report lookup failures with the function name', () => {
    expect(() => callIn(ctx, 'vault', stringVal('secret/data/app'), stringVal('user'))).toThrow(
      'Call to function "vault" failed: vault: no key user at secret/data/app.',
    );
  });

  it('fail clearly without a provider', () => {
    expect(() => callIn(testContext(), 'vault', stringVal('a'), stringVal('b'))).toThrow(
      'vault: no Vault secret provider is configured for this evaluation',
    );
    expect(() => callIn(testContext(), 'aws_secretsmanager_raw', stringVal('a'))).toThrow(
      'aws_secretsmanager_raw: no AWS Secrets Manager secret provider is configured',
    );
  });
});
