import { randomUUID } from 'node:crypto';
import type { BuildState, BuilderStep, Communicator, RunContext } from '@kiln/engine';
import ssh2 from 'ssh2';
import { PluginFailure } from '../../common/errors.ts';
import type { SshConfig } from './config.ts';
import { type SshEndpoint, openSshCommunicator } from './open.ts';

/** The name of the build's temporary private key in `ctx.secrets`. */
export const TEMPORARY_KEY_SECRET = 'ssh-temporary-private-key';
export const TEMPORARY_KEY_STEP = 'create-temporary-ssh-key';
export const CLEAR_TEMPORARY_KEY_STEP = 'clear-temporary-ssh-key';

interface TemporaryKeyRecord {
  secret: string;
  keyPairName: string;
}

function generate(config: SshConfig, comment: string): { private: string; public: string } {
  switch (config.temporaryKeyPairType) {
    case 'ed25519':
      return ssh2.utils.generateKeyPairSync('ed25519', { comment });
    case 'ecdsa':
      return ssh2.utils.generateKeyPairSync('ecdsa', {
        bits: config.temporaryKeyPairBits as 256 | 384 | 521,
        comment,
      });
    default:
      return ssh2.utils.generateKeyPairSync('rsa', { bits: config.temporaryKeyPairBits, comment });
  }
}

/**
 * Packer's `StepSSHKeyGen`, for builders that make a machine: a key pair of
 * `temporary_key_pair_type` / `_bits`. The private key goes ONLY to `ctx.secrets` (never the state);
 * the public key, as an authorized_keys line ending in the key pair's name, to `build.SSHPublicKey`.
 */
export function temporaryKeyPairStep<C>(sshOf: (config: C) => SshConfig): BuilderStep<C> {
  return {
    name: TEMPORARY_KEY_STEP,
    async run(config, state, ctx) {
      const ssh = sshOf(config);
      const keyPairName = `packer_${randomUUID()}`;
      const pair = generate(ssh, keyPairName);
      await ctx.secrets.put(TEMPORARY_KEY_SECRET, pair.private);
      ctx.ui.say(`Creating temporary ${ssh.temporaryKeyPairType} SSH key for instance...`);
      const record: TemporaryKeyRecord = { secret: TEMPORARY_KEY_SECRET, keyPairName };
      return {
        action: 'continue',
        state: {
          ...state,
          generated: { ...state.generated, SSHPublicKey: `${pair.public.trim()}` },
          resources: { ...state.resources, [TEMPORARY_KEY_STEP]: { ...record } },
        },
      };
    },
    async cleanup() {},
  };
}

function record(state: BuildState): TemporaryKeyRecord | undefined {
  const found = state.resources[TEMPORARY_KEY_STEP] as Partial<TemporaryKeyRecord> | undefined;
  return found?.secret && found.keyPairName
    ? { secret: found.secret, keyPairName: found.keyPairName }
    : undefined;
}

/** Where the temporary key is, for `openSshCommunicator`, when the build made one. */
export function temporaryKeyEndpoint(state: BuildState): Pick<SshEndpoint, 'temporaryKeySecret'> {
  const found = record(state);
  return found ? { temporaryKeySecret: found.secret } : {};
}

/**
 * Packer's `StepCleanupTempKeys` (`ssh_clear_authorized_keys`): removes the temporary public key
 * from the user's ~/.ssh/authorized_keys, after provisioning, so the image does not trust it.
 */
export async function clearTemporaryKey(
  communicator: Communicator,
  state: BuildState,
  ctx: RunContext,
): Promise<void> {
  const found = record(state);
  if (!found) return;
  ctx.ui.say('Trying to remove ephemeral keys from authorized_keys files');
  const name = found.keyPairName.replace(/[^A-Za-z0-9_-]/g, '');
  const result = await communicator.exec(
    `sed -i.bak '/ ${name}$/d' ~/.ssh/authorized_keys; rm -f ~/.ssh/authorized_keys.bak`,
    { signal: ctx.signal, onStderr: (text) => ctx.ui.error(text.trimEnd()) },
  );
  if (result.exitStatus !== 0) {
    throw new PluginFailure(
      'provisioner-failed',
      `could not remove the temporary key ${name} from ~/.ssh/authorized_keys (exit ${result.exitStatus ?? 'unknown'})`,
    );
  }
}

/**
 * The builder step after PROVISION_HOOK that runs `clearTemporaryKey` when `ssh_clear_authorized_keys`
 * is set and the build made a temporary key; `endpointOf` says where the machine is.
 */
export function clearAuthorizedKeysStep<C>(
  sshOf: (config: C) => SshConfig,
  endpointOf: (config: C, state: BuildState) => Omit<SshEndpoint, 'temporaryKeySecret'>,
): BuilderStep<C> {
  return {
    name: CLEAR_TEMPORARY_KEY_STEP,
    async run(config, state, ctx) {
      const ssh = sshOf(config);
      if (!ssh.clearAuthorizedKeys || !record(state)) return { action: 'continue', state };
      const endpoint = { ...endpointOf(config, state), ...temporaryKeyEndpoint(state) };
      const communicator = await openSshCommunicator(ssh, endpoint, ctx);
      try {
        await clearTemporaryKey(communicator, state, ctx);
      } finally {
        await communicator.close();
      }
      return { action: 'continue', state };
    },
    async cleanup() {},
  };
}
