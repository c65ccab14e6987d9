import { existsSync } from 'node:fs';
import { exec } from '@kiln/runtime';
import { describe, expect, it } from 'vitest';
import { startSshd } from './sshd.ts';

async function login(host: string, port: number, user: string, key: string): Promise<string> {
  const result = await exec('ssh', [
    '-i',
    key,
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-p',
    String(port),
    `${user}@${host}`,
    'id -un',
  ]);
  expect(result.stderr).not.toContain('Permission denied');
  return result.stdout.trim();
}

describe('sshd fixture', () => {
  for (const namespace of [false, true]) {
    it(`starts a throwaway host${namespace ? ' in a network namespace' : ' on loopback'} and removes everything on stop`, async () => {
      const sshd = await startSshd({ namespace });
      try {
        expect(await login(sshd.host, sshd.port, sshd.user, sshd.privateKeyPath)).toBe(sshd.user);
        if (namespace) {
          expect(sshd.host).toMatch(/^10\.\d+\.\d+\.2$/);
          expect(sshd.inner).toEqual({ host: '127.0.0.1', port: 2200 });
          const inside = await sshd.run('ip', ['-4', 'addr', 'show']);
          expect(inside.stdout).toContain(`${sshd.host}/30`);
        } else {
          expect(sshd.host).toBe('127.0.0.1');
        }
      } finally {
        await sshd.stop();
      }
      expect((await exec('id', [sshd.user])).code).not.toBe(0);
      expect(existsSync(sshd.home)).toBe(false);
      if (namespace) {
        expect(sshd.namespace).toMatch(/^kiln-ssh-/);
        expect((await exec('ip', ['netns', 'list'])).stdout).not.toContain(sshd.namespace!);
      }
    });
  }
});
