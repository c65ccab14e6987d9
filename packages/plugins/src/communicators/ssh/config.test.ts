import { parseTemplate, type PluginConfig, validateTemplate } from '@kiln/engine';
import { describe, expect, it } from 'vitest';
import { SettingsReader } from '../../common/settings.ts';
import { createPluginRegistry } from '../../index.ts';
import { readCommunicatorSettings } from './config.ts';

function read(config: PluginConfig) {
  const settings = new SettingsReader(config, 'source "x"');
  return {
    result: readCommunicatorSettings(settings),
    summaries: settings.diagnostics.map((d) => d.summary),
  };
}

describe('communicator settings', () => {
  it("keeps communicator none, Packer's way", () => {
    expect(read({ communicator: 'none' })).toEqual({ result: { type: 'none' }, summaries: [] });
  });

  it('lets the bastion take the key file and user of the target, on port 22', () => {
    const { result } = read({
      ssh_username: 'u',
      ssh_private_key_file: 'k',
      ssh_bastion_host: 'jump',
    });
    expect(result).toMatchObject({
      type: 'ssh',
      ssh: { bastion: { host: 'jump', port: 22, username: 'u', privateKeyFile: 'k', agentAuth: false } },
    });
  });

  it('takes ssh_timeout alone without handshake attempts, and a negative keep-alive as none', () => {
    const { result } = read({ ssh_username: 'u', ssh_timeout: '30s', ssh_keep_alive_interval: '-1s' });
    expect(result).toMatchObject({
      ssh: { timeoutMs: 30_000, handshakeAttempts: 0, keepAliveIntervalMs: 0 },
    });
  });

  it('checks temporary key pair types and bits', () => {
    expect(read({ ssh_username: 'u', temporary_key_pair_type: 'ed25519' }).result).toMatchObject({
      ssh: { temporaryKeyPairType: 'ed25519', temporaryKeyPairBits: 256 },
    });
    expect(
      read({ ssh_username: 'u', temporary_key_pair_type: 'ecdsa', temporary_key_pair_bits: 300 }).summaries,
    ).toEqual(['source "x": temporary_key_pair_bits for ecdsa must be one of 256, 384, 521']);
    expect(read({ ssh_username: 'u', temporary_key_pair_bits: 1024 }).summaries).toEqual([
      'source "x": temporary_key_pair_bits 1024 is too small: rsa keys need at least 2048',
    ]);
    expect(read({ ssh_username: 'u', ssh_file_transfer_method: 'ftp' }).summaries).toEqual([
      'source "x": ssh_file_transfer_method (\'ftp\') is invalid, valid methods: sftp, scp',
    ]);
  });

  it('refuses winrm when the template is validated, at the source', () => {
    const content = `source "null" "win" {
  communicator = "winrm"
}
build {
  sources = ["source.null.win"]
}
`;
    const { template } = parseTemplate([{ filename: 'win.pkr.hcl', content }]);
    const errors = validateTemplate(template!, createPluginRegistry()).filter((d) => d.severity === 'error');
    expect(errors).toMatchObject([
      {
        summary: 'source "null": communicator "winrm" is not supported',
        subject: { filename: 'win.pkr.hcl', start: { line: 1 } },
      },
    ]);
  });
});
