import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import type { AnyAuthMethod } from 'ssh2';
import { PluginFailure, errorMessage } from '../../common/errors.ts';
import { waitUnlessAborted } from '../../common/wait.ts';

/** A private key to log in with, and what to call it in messages (never its contents). */
export interface SshKey {
  name: string;
  key: string;
}

/** How to log in to one SSH server: what `resolveSshTarget` makes of the settings. */
export interface SshLogin {
  host: string;
  port: number;
  username: string;
  password?: string;
  keys: SshKey[];
  /** The agent's socket. */
  agent?: string;
}

export interface SshTarget extends SshLogin {
  bastion?: SshLogin;
  agentForward: boolean;
  keepAliveIntervalMs: number;
  readWriteTimeoutMs: number;
  timeoutMs: number;
  handshakeAttempts: number;
}

/** An open connection, and the jump host it goes through. */
export interface SshConnection {
  client: Client;
  bastion?: Client;
}

/** `user@host:port`, for messages. */
export function describeLogin(login: SshLogin): string {
  return `${login.username}@${login.host}:${login.port}`;
}

/** Every way to log in that the settings give, in Packer's order: agent, keys, password. */
function authMethods(login: SshLogin): AnyAuthMethod[] {
  const { username } = login;
  const methods: AnyAuthMethod[] = [];
  if (login.agent) methods.push({ type: 'agent', username, agent: login.agent });
  for (const key of login.keys) methods.push({ type: 'publickey', username, key: key.key });
  if (login.password !== undefined) {
    const password = login.password;
    methods.push({ type: 'password', username, password });
    methods.push({
      type: 'keyboard-interactive',
      username,
      prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => password)),
    });
  }
  return methods;
}

function methodNames(login: SshLogin): string {
  const names = [
    ...(login.agent ? ['agent'] : []),
    ...login.keys.map((key) => `publickey (${key.name})`),
    ...(login.password !== undefined ? ['password', 'keyboard-interactive'] : []),
  ];
  return names.length > 0 ? names.join(', ') : 'none';
}

interface Attempt {
  target: SshTarget;
  readyTimeoutMs: number;
  signal: AbortSignal;
}

/** One TCP connection and handshake; the error keeps ssh2's `level` so the caller knows what failed. */
function openClient(login: SshLogin, attempt: Attempt, extra: Partial<ConnectConfig>): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    const onAbort = () => {
      client.destroy();
      reject(Object.assign(new Error('cancelled'), { level: 'cancelled' }));
    };
    attempt.signal.addEventListener('abort', onAbort, { once: true });
    const settle = () => attempt.signal.removeEventListener('abort', onAbort);
    client.once('ready', () => {
      settle();
      client.removeAllListeners('error');
      // Errors after the handshake end the connection; its users see the close.
      client.on('error', () => {});
      resolve(client);
    });
    client.once('error', (error: Error & { level?: string }) => {
      settle();
      client.destroy();
      reject(error);
    });
    const { target } = attempt;
    client.connect({
      host: login.host,
      port: login.port,
      username: login.username,
      authHandler: authMethods(login),
      readyTimeout: Math.max(1, attempt.readyTimeoutMs),
      keepaliveInterval: target.keepAliveIntervalMs,
      keepaliveCountMax: 3,
      agentForward: target.agentForward && login.agent !== undefined,
      ...(login.agent ? { agent: login.agent } : {}),
      ...extra,
    });
  });
}

function forward(bastion: Client, target: SshLogin): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    bastion.forwardOut('127.0.0.1', 0, target.host, target.port, (error, channel) => {
      if (error) {
        reject(
          Object.assign(
            new Error(`the bastion could not reach ${target.host}:${target.port}: ${error.message}`),
            {
              level: 'client-socket',
            },
          ),
        );
      } else {
        resolve(channel);
      }
    });
  });
}

function watchSilence(client: Client, target: SshTarget): void {
  if (target.readWriteTimeoutMs <= 0) return;
  client.on('timeout', () => {
    client.destroy();
  });
}

async function connectOnce(attempt: Attempt): Promise<SshConnection> {
  const { target } = attempt;
  const silence = target.readWriteTimeoutMs > 0 ? { timeout: target.readWriteTimeoutMs } : {};
  if (!target.bastion) {
    const client = await openClient(target, attempt, silence as Partial<ConnectConfig>);
    watchSilence(client, target);
    return { client };
  }
  let bastion: Client;
  try {
    bastion = await openClient(target.bastion, attempt, silence as Partial<ConnectConfig>);
  } catch (error) {
    throw Object.assign(new Error(`bastion ${describeLogin(target.bastion)}: ${errorMessage(error)}`), {
      level: (error as { level?: string }).level,
    });
  }
  watchSilence(bastion, target);
  try {
    const sock = await forward(bastion, target);
    const client = await openClient(target, attempt, { sock });
    client.once('close', () => bastion.end());
    return { client, bastion };
  } catch (error) {
    bastion.end();
    throw error;
  }
}

function isHandshakeFailure(error: unknown): boolean {
  const level = (error as { level?: string }).level;
  return (
    level === 'client-authentication' || level === 'handshake' || level === 'protocol' || level === 'agent'
  );
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

const RETRY_DELAY_MS = 500;

/**
 * Packer's `StepConnectSSH.waitForSSH`: tries until `ssh_timeout` while the host does not answer
 * (refused, unreachable, silent), and gives up after `ssh_handshake_attempts` failed logins. Throws
 * a PluginFailure: `timed-out`, `bad-config` for a refused login, `cancelled`.
 */
export async function connectSsh(target: SshTarget, signal: AbortSignal): Promise<SshConnection> {
  const started = Date.now();
  const deadline = target.timeoutMs > 0 ? started + target.timeoutMs : Number.POSITIVE_INFINITY;
  const where = describeLogin(target);
  let handshakeFailures = 0;
  let last: unknown;
  for (;;) {
    if (signal.aborted)
      throw new PluginFailure('cancelled', `cancelled while connecting to ${where} over SSH`);
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new PluginFailure(
        'timed-out',
        `Timeout waiting for SSH to ${where}: no connection within ssh_timeout (${formatDuration(target.timeoutMs)}); the last attempt failed: ${errorMessage(last)}`,
        { cause: last },
      );
    }
    try {
      return await connectOnce({ target, readyTimeoutMs: Math.min(remaining, 30_000), signal });
    } catch (error) {
      last = error;
      if (signal.aborted) continue;
      if (isHandshakeFailure(error)) {
        handshakeFailures++;
        if (handshakeFailures >= Math.max(1, target.handshakeAttempts)) {
          throw new PluginFailure(
            'bad-config',
            `SSH login to ${where} failed${handshakeFailures > 1 ? ` ${handshakeFailures} times` : ''}: ${errorMessage(error)} (tried: ${methodNames(target)})`,
            { cause: error },
          );
        }
      }
      await waitUnlessAborted(Math.min(RETRY_DELAY_MS, Math.max(0, deadline - Date.now())), signal);
    }
  }
}
