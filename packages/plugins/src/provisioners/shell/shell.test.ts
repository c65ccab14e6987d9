import { describe, expect, it } from 'vitest';
import { recordingContext } from '../../../test/run-context.ts';
import { prepareShell, shellProvisioner } from './index.ts';

describe('shell provisioner settings', () => {
  it("applies Packer's defaults", () => {
    const { config, diagnostics } = prepareShell({ inline: ['echo hi'] });
    expect(diagnostics).toEqual([]);
    expect(config).toMatchObject({
      inline: ['echo hi'],
      scripts: [],
      envVarFormat: "%s='%s' ",
      executeCommand: 'chmod +x {{.Path}}; {{.Vars}} {{.Path}}',
      inlineShebang: '/bin/sh -e',
      remoteFolder: '/tmp',
      expectDisconnect: false,
      validExitCodes: [0],
      skipClean: false,
      startRetryTimeoutMs: 300_000,
      pauseAfterMs: 0,
      useEnvVarFile: false,
      binary: false,
    });
    expect(config?.remotePath).toMatch(/^\/tmp\/script_\d{1,4}\.sh$/);
  });

  it('switches the defaults for use_env_var_file, and takes remote_path as given', () => {
    const { config } = prepareShell({ script: 'a.sh', use_env_var_file: true, remote_path: '/opt/run.sh' });
    expect(config).toMatchObject({
      scripts: ['a.sh'],
      executeCommand: 'chmod +x {{.Path}}; . {{.EnvVarFile}} && {{.Path}}',
      envVarFormat: "export %s='%s'\n",
      remotePath: '/opt/run.sh',
    });
    expect(config?.envVarFile).toMatch(/^\/tmp\/varfile_\d{1,4}\.sh$/);
  });

  it("reports every mistake with Packer's messages", () => {
    const where = 'provisioner "shell": ';
    expect(prepareShell({}).diagnostics.map((d) => d.summary)).toEqual([
      `${where}Either a script file or inline script must be specified.`,
    ]);
    expect(
      prepareShell({
        inline: ['x'],
        script: 'a.sh',
        scripts: ['b.sh'],
        environment_vars: ['=x', 'NOVALUE'],
        execute_command: '{{.Script}}',
        env_var_format: '%s',
        start_retry_timeout: 'soon',
      }).diagnostics.map((d) => d.summary),
    ).toEqual([
      `${where}error decoding 'start_retry_timeout': time: invalid duration "soon"`,
      `${where}Only one of script or scripts can be specified.`,
      `${where}Only a script file or an inline script can be specified, not both.`,
      `${where}Environment variable not in format 'key=value': =x`,
      `${where}Environment variable not in format 'key=value': NOVALUE`,
      `${where}Unknown placeholder {{.Script}} in execute_command`,
      `${where}env_var_format must contain %s twice`,
    ]);
  });

  it('lets the plugin render execute_command ({{.Vars}}, {{.Path}})', () => {
    expect(shellProvisioner.schema.settings.find((s) => s.name === 'execute_command')?.renderedBy).toBe(
      'plugin',
    );
  });

  it('fails clearly without a communicator', async () => {
    const { config } = prepareShell({ inline: ['true'] });
    const { ctx } = recordingContext('/nonexistent');
    await expect(
      shellProvisioner.provision(config!, { generated: {}, resources: {} }, ctx),
    ).rejects.toMatchObject({
      failureClass: 'bad-config',
      message: expect.stringContaining('communicator = "none"'),
    });
  });
});
