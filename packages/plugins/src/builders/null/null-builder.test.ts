import { PROVISION_HOOK } from '@kiln/engine';
import { describe, expect, it } from 'vitest';
import { connectNullStep, nullBuilder, reportNullArtifactStep } from './index.ts';

describe('null builder', () => {
  it('accepts communicator "none", runs the provisioners and reports Packer\'s empty Null artifact', async () => {
    const { config, diagnostics } = nullBuilder.prepare({ communicator: 'none' });
    expect(diagnostics).toEqual([]);
    const steps = nullBuilder.steps(config!);
    expect(steps).toEqual([PROVISION_HOOK, reportNullArtifactStep]);
    const reported = await reportNullArtifactStep.run(config!, { generated: {}, resources: {} }, {} as never);
    expect(reported).toEqual({
      action: 'continue',
      state: {
        generated: {},
        resources: {},
        artifact: {
          builderId: 'fnoeding.null',
          id: 'Null',
          platform: 'null',
          images: [{ region: 'null', externalId: 'Null' }],
          files: [],
          labels: {},
        },
      },
    });
  });

  it('refuses winrm at validate time, and an unknown communicator', () => {
    expect(nullBuilder.prepare({ communicator: 'winrm' }).diagnostics).toMatchObject([
      { severity: 'error', summary: 'source "null": communicator "winrm" is not supported' },
    ]);
    expect(nullBuilder.prepare({ communicator: 'telnet' }).diagnostics[0]?.summary).toBe(
      'source "null": Communicator type telnet is invalid',
    );
  });

  it("treats a missing communicator as Packer does, as ssh, with Packer's messages", () => {
    const { config, diagnostics } = nullBuilder.prepare({});
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => d.summary)).toEqual([
      'source "null": An ssh_username must be specified',
      'source "null": a Host must be specified, please reference your communicator documentation',
      'source "null": one authentication method must be specified, please reference your communicator documentation',
    ]);
  });

  it("applies Packer's SSH defaults and runs connect, provisioners, artifact", () => {
    const { config, diagnostics } = nullBuilder.prepare({
      ssh_host: '10.0.0.5',
      ssh_username: 'build',
      ssh_password: 'pw',
    });
    expect(diagnostics).toEqual([]);
    expect(config?.communicator).toEqual({
      type: 'ssh',
      ssh: {
        host: '10.0.0.5',
        port: 22,
        username: 'build',
        password: 'pw',
        agentAuth: false,
        timeoutMs: 300_000,
        handshakeAttempts: 10,
        keepAliveIntervalMs: 5000,
        readWriteTimeoutMs: 0,
        pty: false,
        clearAuthorizedKeys: false,
        disableAgentForwarding: false,
        fileTransferMethod: 'sftp',
        temporaryKeyPairType: 'rsa',
        temporaryKeyPairBits: 4096,
      },
    });
    expect(nullBuilder.steps(config!)).toEqual([connectNullStep, PROVISION_HOOK, reportNullArtifactStep]);
  });

  it('refuses two ways to log in, scp, a bad duration and a bastion without credentials', () => {
    const { diagnostics } = nullBuilder.prepare({
      ssh_host: 'h',
      ssh_username: 'u',
      ssh_password: 'pw',
      ssh_agent_auth: true,
      ssh_file_transfer_method: 'scp',
      ssh_timeout: '5 minutes',
      ssh_bastion_host: 'jump',
      temporary_key_pair_type: 'dsa',
    });
    expect(diagnostics.map((d) => d.summary)).toEqual([
      `source "null": error decoding 'ssh_timeout': time: unknown unit " minutes" in duration "5 minutes"`,
      'source "null": ssh_file_transfer_method "scp" is not supported',
      'source "null": temporary_key_pair_type "dsa" is not supported',
      'source "null": ssh_bastion_password, ssh_bastion_private_key_file or ssh_bastion_agent_auth must be specified',
      'source "null": only one of ssh_agent_auth, ssh_password, and ssh_private_key_file must be specified',
    ]);
    expect(
      nullBuilder.prepare({ ssh_host: 'h', ssh_username: 'u', ssh_password: 'pw', ssh_agent_auth: true })
        .diagnostics[0]?.summary,
    ).toBe(
      'source "null": only one of ssh_agent_auth, ssh_password, and ssh_private_key_file must be specified',
    );
  });

  it('marks the password settings sensitive', () => {
    const sensitive = nullBuilder.schema.settings.filter((s) => s.sensitive).map((s) => s.name);
    expect(sensitive).toEqual(['ssh_password', 'ssh_bastion_password']);
  });
});

describe('null builder artifact', () => {
  it("destroys nothing, as Packer's NullArtifact", async () => {
    expect(nullBuilder.destroyArtifact).toBeDefined();
    const artifact = {
      builderId: 'fnoeding.null',
      id: 'Null',
      platform: 'null',
      images: [],
      files: [],
      labels: {},
    };
    await expect(nullBuilder.destroyArtifact!(artifact, {} as never)).resolves.toBeUndefined();
  });
});
