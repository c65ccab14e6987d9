import {
  type BuilderPlugin,
  type BuilderStep,
  type BuilderStepEntry,
  type PluginConfig,
  type PluginSchema,
  PROVISION_HOOK,
  type PrepareResult,
} from '@kiln/engine';
import { SettingsReader } from '../../common/settings.ts';
import {
  COMMUNICATOR_SETTINGS,
  type CommunicatorConfig,
  openSshCommunicator,
  readCommunicatorSettings,
  type SshConfig,
} from '../../communicators/ssh/index.ts';

export interface NullBuilderConfig {
  communicator: CommunicatorConfig;
}

export const nullBuilderSchema: PluginSchema = {
  kind: 'builder',
  type: 'null',
  settings: COMMUNICATOR_SETTINGS,
};

/**
 * Packer's null builder `Prepare`: the communicator settings, and for SSH a host, a user and exactly
 * one way to log in. Packer defaults `communicator` to "ssh".
 */
export function prepareNullBuilder(config: PluginConfig): PrepareResult<NullBuilderConfig> {
  const settings = new SettingsReader(config, 'source "null"');
  const communicator = readCommunicatorSettings(settings);
  if (communicator?.type === 'ssh') {
    const ssh = communicator.ssh;
    if (!ssh.host)
      settings.error('a Host must be specified, please reference your communicator documentation');
    const methods = [ssh.agentAuth, ssh.password !== undefined, ssh.privateKeyFile !== undefined].filter(
      Boolean,
    );
    if (methods.length === 0) {
      settings.error(
        'one authentication method must be specified, please reference your communicator documentation',
        'Set one of ssh_password, ssh_private_key_file or ssh_agent_auth.',
      );
    } else if (methods.length > 1) {
      settings.error('only one of ssh_agent_auth, ssh_password, and ssh_private_key_file must be specified');
    }
  }
  if (!communicator || settings.diagnostics.some((d) => d.severity === 'error')) {
    return { diagnostics: settings.diagnostics };
  }
  return { config: { communicator }, diagnostics: settings.diagnostics };
}

function sshOf(config: NullBuilderConfig): SshConfig {
  if (config.communicator.type !== 'ssh') throw new Error('the null source has no SSH communicator');
  return config.communicator.ssh;
}

/**
 * Packer's `StepConnect` for the null builder: waits for SSH (up to ssh_timeout) so that a host that
 * cannot be reached fails here, clearly, and makes the connection known as `build.Host`,
 * `build.Port`, `build.User`, `build.ConnType`. `build.Password` and `build.SSHPrivateKey` are
 * secrets: they stay out of the build state, so the template reads them from its own variables.
 */
export const connectNullStep: BuilderStep<NullBuilderConfig> = {
  name: 'connect',
  async run(config, state, ctx) {
    const ssh = sshOf(config);
    ctx.ui.say('Using SSH communicator to connect: ' + (ssh.host ?? ''));
    ctx.ui.say('Waiting for SSH to become available...');
    const started = Date.now();
    const communicator = await openSshCommunicator(ssh, {}, ctx);
    await communicator.close();
    ctx.ui.say(`Connected to SSH! (${Date.now() - started} ms)`);
    return {
      action: 'continue',
      state: {
        ...state,
        generated: {
          ...state.generated,
          ConnType: 'ssh',
          Host: ssh.host ?? '',
          Port: String(ssh.port),
          User: ssh.username,
          SSHPublicKey: '',
        },
      },
    };
  },
  async cleanup() {},
};

/** Packer's null builder id. */
export const NULL_BUILDER_ID = 'fnoeding.null';

/**
 * Packer's `NullArtifact`, once the provisioners are done: id `Null`, no files; the registry
 * knows it as image `Null` in region `null` of platform `null`, as HCP Packer does.
 */
export const reportNullArtifactStep: BuilderStep<NullBuilderConfig> = {
  name: 'report-artifact',
  async run(_config, state) {
    return {
      action: 'continue',
      state: {
        ...state,
        artifact: {
          builderId: NULL_BUILDER_ID,
          id: 'Null',
          platform: 'null',
          images: [{ region: 'null', externalId: 'Null' }],
          files: [],
          labels: {},
        },
      },
    };
  },
  async cleanup() {},
};

/**
 * Packer's `null` builder: no machine of its own; it connects to an existing host (or none), runs the
 * provisioners there and reports an empty artifact, which destroys nothing, as `NullArtifact.Destroy()`.
 */
export const nullBuilder: BuilderPlugin<NullBuilderConfig> = {
  kind: 'builder',
  schema: nullBuilderSchema,
  prepare: prepareNullBuilder,
  steps: (config): BuilderStepEntry<NullBuilderConfig>[] =>
    config.communicator.type === 'ssh'
      ? [connectNullStep, PROVISION_HOOK, reportNullArtifactStep]
      : [PROVISION_HOOK, reportNullArtifactStep],
  connect: async (config, _state, ctx) =>
    config.communicator.type === 'ssh' ? openSshCommunicator(config.communicator.ssh, {}, ctx) : undefined,
  destroyArtifact: async () => {},
};
