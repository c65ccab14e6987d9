import { describe, expect, it } from 'vitest';
import { ledgerIdentity } from './ledger-identity.ts';
import { createMemoryLedger, createMemorySecrets } from './memory-host.ts';

describe('ledgerIdentity', () => {
  it('is stable, at most 64 characters of [A-Za-z0-9-], and differs per build and key', () => {
    const a = ledgerIdentity('01JABCDEFGHJKMNPQRSTVWXYZ0', 'demo.amazon-ebs.ubuntu', 'instance');
    expect(a).toEqual(ledgerIdentity('01JABCDEFGHJKMNPQRSTVWXYZ0', 'demo.amazon-ebs.ubuntu', 'instance'));
    expect(a.idempotencyKey).toMatch(/^[A-Za-z0-9-]{1,64}$/);
    expect(a.tags).toEqual({
      'kiln:run': '01JABCDEFGHJKMNPQRSTVWXYZ0',
      'kiln:build': 'demo.amazon-ebs.ubuntu',
      'kiln:resource': 'instance',
    });
    const other = ledgerIdentity('01JABCDEFGHJKMNPQRSTVWXYZ0', 'demo.amazon-ebs.debian', 'instance');
    expect(other.idempotencyKey).not.toBe(a.idempotencyKey);
    const long = ledgerIdentity('r', 'b', 'x'.repeat(200));
    expect(long.idempotencyKey.length).toBeLessThanOrEqual(64);
  });
});

describe('createMemoryLedger', () => {
  it('records intent, creation, deletion and orphans; a second intend returns the entry as it stands', async () => {
    const ledger = createMemoryLedger('run1', 'b.null.x');
    const first = await ledger.intend({
      key: 'dir',
      kind: 'ssh-remote-folder',
      provider: 'ssh',
      description: 'temp',
    });
    expect(first.status).toBe('intended');
    await ledger.created('dir', '/tmp/kiln-1', { host: 'h' });
    const again = await ledger.intend({
      key: 'dir',
      kind: 'ssh-remote-folder',
      provider: 'ssh',
      description: 'temp',
    });
    expect(again).toMatchObject({ status: 'created', externalId: '/tmp/kiln-1', data: { host: 'h' } });
    await ledger.intend({
      key: 'key',
      kind: 'key-pair',
      provider: 'aws',
      region: 'eu-west-1',
      description: 'k',
    });
    await ledger.orphaned('key', 'access denied');
    await ledger.deleted('dir');
    expect((await ledger.entries()).map((e) => [e.key, e.status, e.reason])).toEqual([
      ['dir', 'deleted', undefined],
      ['key', 'orphaned', 'access denied'],
    ]);
    await expect(ledger.created('nope', 'x')).rejects.toThrow(/no resource "nope"/);
  });

  it('keeps secrets by name', async () => {
    const secrets = createMemorySecrets();
    await secrets.put('ssh_private_key', 'PEM');
    expect(await secrets.get('ssh_private_key')).toBe('PEM');
    expect(await secrets.get('other')).toBeUndefined();
  });
});
