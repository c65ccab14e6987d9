import { readFile } from 'node:fs/promises';
import type { RunContext } from '@kiln/engine';
import ssh2 from 'ssh2';
import { PluginFailure, errorMessage } from '../../common/errors.ts';
import { resolveInWorkDir } from '../../common/work-path.ts';
import { SshCommunicator } from './communicator.ts';
import type { SshConfig } from './config.ts';
import { type SshKey, type SshLogin, type SshTarget, connectSsh, describeLogin } from './connect.ts';

export interface SshEndpoint {
  /** Where to connect when the builder knows better than `ssh_host` (the machine it made). */
  host?: string;
  port?: number;
  /** The name in `ctx.secrets` of the build's temporary private key, when the builder made one. */
  temporaryKeySecret?: string;
}

const WHERE = 'communicator "ssh"';

async function readKeyFile(named: string, setting: string, ctx: RunContext): Promise<SshKey> {
  const file = resolveInWorkDir(ctx.workDir, named, setting, WHERE);
  let key: string;
  try {
    key = await readFile(file, 'utf8');
  } catch (error) {
    throw new PluginFailure('bad-config', `${setting} is invalid: ${errorMessage(error)}`);
  }
  checkKey(key, `${setting} is invalid`);
  return { name: setting, key };
}

function checkKey(key: string, what: string): void {
  const parsed = ssh2.utils.parseKey(key);
  if (parsed instanceof Error) throw new PluginFailure('bad-config', `${what}: ${parsed.message}`);
}

/** The worker's agent (the environment's SSH_AUTH_SOCK), for `ssh_agent_auth`. */
function agentSocket(setting: string): string {
  const socket = process.env.SSH_AUTH_SOCK;
  if (!socket) {
    throw new PluginFailure(
      'bad-config',
      `${setting} is set, but the worker has no SSH agent: SSH_AUTH_SOCK is not set in its environment`,
    );
  }
  return socket;
}

/**
 * Turns the SSH settings (and what the builder knows: the host, the temporary key's name) into how
 * to log in. Reads everything from config, the run folder and `ctx.secrets`, so any worker can.
 */
export async function resolveSshTarget(
  config: SshConfig,
  endpoint: SshEndpoint,
  ctx: RunContext,
): Promise<SshTarget> {
  const host = endpoint.host ?? config.host;
  if (!host) throw new PluginFailure('bad-config', `${WHERE}: no host to connect to: set ssh_host`);
  const keys: SshKey[] = [];
  if (config.privateKeyFile) keys.push(await readKeyFile(config.privateKeyFile, 'ssh_private_key_file', ctx));
  if (endpoint.temporaryKeySecret) {
    const key = await ctx.secrets.get(endpoint.temporaryKeySecret);
    if (key === undefined) {
      throw new PluginFailure(
        'internal',
        `${WHERE}: the build's temporary SSH key "${endpoint.temporaryKeySecret}" is not in the build's secrets`,
      );
    }
    keys.push({ name: 'temporary key pair', key });
  }
  const login: SshLogin = {
    host,
    port: endpoint.port ?? config.port,
    username: config.username,
    ...(config.password !== undefined ? { password: config.password } : {}),
    keys,
    ...(config.agentAuth ? { agent: agentSocket('ssh_agent_auth') } : {}),
  };
  let bastion: SshLogin | undefined;
  if (config.bastion) {
    const b = config.bastion;
    bastion = {
      host: b.host,
      port: b.port,
      username: b.username,
      ...(b.password !== undefined ? { password: b.password } : {}),
      keys: b.privateKeyFile
        ? [await readKeyFile(b.privateKeyFile, 'ssh_bastion_private_key_file', ctx)]
        : [],
      ...(b.agentAuth ? { agent: agentSocket('ssh_bastion_agent_auth') } : {}),
    };
  }
  return {
    ...login,
    ...(bastion ? { bastion } : {}),
    agentForward: config.agentAuth && !config.disableAgentForwarding,
    keepAliveIntervalMs: config.keepAliveIntervalMs,
    readWriteTimeoutMs: config.readWriteTimeoutMs,
    timeoutMs: config.timeoutMs,
    handshakeAttempts: config.handshakeAttempts,
  };
}

/** Connects (retrying until ssh_timeout) and returns the communicator provisioners use. */
export async function openSshCommunicator(
  config: SshConfig,
  endpoint: SshEndpoint,
  ctx: RunContext,
): Promise<SshCommunicator> {
  const target = await resolveSshTarget(config, endpoint, ctx);
  const connection = await connectSsh(target, ctx.signal);
  return new SshCommunicator(connection, describeLogin(target), {
    pty: config.pty,
    agentForward: target.agentForward,
  });
}
