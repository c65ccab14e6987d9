import type { SettingSchema } from '@kiln/engine';
import type { SettingsReader } from '../../common/settings.ts';

/** How to reach a jump host on the way to the target (Packer's `ssh_bastion_*`). */
export interface SshBastionConfig {
  host: string;
  port: number;
  username: string;
  password?: string;
  privateKeyFile?: string;
  agentAuth: boolean;
}

export type TemporaryKeyPairType = 'rsa' | 'ecdsa' | 'ed25519';

/** packer-plugin-sdk's `communicator.SSH` settings, with Packer's defaults applied. */
export interface SshConfig {
  /** `ssh_host`; builders that make a machine leave it unset and take the host from the state. */
  host?: string;
  port: number;
  username: string;
  password?: string;
  privateKeyFile?: string;
  agentAuth: boolean;
  /** Milliseconds to keep trying to connect; 0 is no limit (only with ssh_handshake_attempts). */
  timeoutMs: number;
  /** Failed handshakes (the port answered, the login did not) tolerated before giving up. */
  handshakeAttempts: number;
  /** 0 is no keep-alives. */
  keepAliveIntervalMs: number;
  /** 0 is no limit. */
  readWriteTimeoutMs: number;
  pty: boolean;
  bastion?: SshBastionConfig;
  clearAuthorizedKeys: boolean;
  disableAgentForwarding: boolean;
  fileTransferMethod: 'sftp';
  temporaryKeyPairType: TemporaryKeyPairType;
  temporaryKeyPairBits: number;
}

export type CommunicatorConfig = { type: 'none' } | { type: 'ssh'; ssh: SshConfig };

/** The communicator settings every builder's source accepts (Packer's `communicator.Config`, SSH part). */
export const COMMUNICATOR_SETTINGS: SettingSchema[] = [
  {
    name: 'communicator',
    type: 'string',
    description: 'How provisioners reach the machine: "ssh" (the default) or "none".',
  },
  { name: 'ssh_host', type: 'string', description: 'The address to connect to.' },
  { name: 'ssh_port', type: 'number', description: 'The port to connect to (default 22).' },
  { name: 'ssh_username', type: 'string', description: 'The user to log in as.' },
  { name: 'ssh_password', type: 'string', sensitive: true, description: 'A password to log in with.' },
  {
    name: 'ssh_private_key_file',
    type: 'string',
    description: 'A private key file (OpenSSH or PEM), inside the run folder, to log in with.',
  },
  {
    name: 'ssh_agent_auth',
    type: 'bool',
    description: "Log in with the worker's SSH agent (SSH_AUTH_SOCK).",
  },
  {
    name: 'ssh_timeout',
    type: 'duration',
    description: 'How long to wait for SSH to become available (5m).',
  },
  {
    name: 'ssh_handshake_attempts',
    type: 'number',
    description: 'How many failed handshakes to tolerate before giving up (10).',
  },
  {
    name: 'ssh_keep_alive_interval',
    type: 'duration',
    description: 'Keep-alive interval (5s); a negative value ("-1s") for none.',
  },
  {
    name: 'ssh_read_write_timeout',
    type: 'duration',
    description: 'Drop the connection when it is silent this long, keep-alives included (none).',
  },
  { name: 'ssh_pty', type: 'bool', description: 'Run commands in a pseudo-terminal.' },
  { name: 'ssh_bastion_host', type: 'string', description: 'A jump host to connect through.' },
  { name: 'ssh_bastion_port', type: 'number', description: "The jump host's port (22)." },
  { name: 'ssh_bastion_username', type: 'string', description: 'The user on the jump host.' },
  {
    name: 'ssh_bastion_password',
    type: 'string',
    sensitive: true,
    description: "The jump host user's password.",
  },
  {
    name: 'ssh_bastion_private_key_file',
    type: 'string',
    description: 'A private key file for the jump host.',
  },
  {
    name: 'ssh_bastion_agent_auth',
    type: 'bool',
    description: "Log in to the jump host with the worker's agent.",
  },
  {
    name: 'ssh_clear_authorized_keys',
    type: 'bool',
    description: "Remove the build's temporary public key from ~/.ssh/authorized_keys at the end.",
  },
  { name: 'ssh_disable_agent_forwarding', type: 'bool', description: 'Do not forward the SSH agent.' },
  {
    name: 'ssh_file_transfer_method',
    type: 'string',
    description: 'How files are copied: "sftp" (Kiln does not implement "scp").',
  },
  {
    name: 'temporary_key_pair_type',
    type: 'string',
    description: 'The type of the temporary key pair: "rsa" (default), "ecdsa" or "ed25519".',
  },
  {
    name: 'temporary_key_pair_bits',
    type: 'number',
    description: 'Bits of the temporary key: rsa 4096 (at least 2048), ecdsa 521 (256, 384 or 521).',
  },
];

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_HANDSHAKE_ATTEMPTS = 10;
const DEFAULT_KEEP_ALIVE_MS = 5_000;
const ECDSA_BITS = [256, 384, 521];

/**
 * packer-plugin-sdk's `communicator.Config.Prepare`, SSH part: Packer's defaults and messages. WinRM
 * is refused here, at validate time. Files named by settings are checked when the build connects,
 * against the run folder, which is not known yet. Problems go to `settings.diagnostics`; the result
 * is `undefined` only for a communicator type Kiln does not have.
 */
export function readCommunicatorSettings(settings: SettingsReader): CommunicatorConfig | undefined {
  const type = settings.string('communicator') || 'ssh';
  if (type === 'none') return { type: 'none' };
  if (type === 'winrm') {
    settings.error(
      'communicator "winrm" is not supported',
      'Kiln reaches machines over SSH only (its remote provisioners need a POSIX shell): use communicator = "ssh", or "none".',
    );
    return undefined;
  }
  if (type !== 'ssh') {
    settings.error(
      `Communicator type ${type} is invalid`,
      'Kiln supports communicator = "ssh" (the default) and "none".',
    );
    return undefined;
  }
  const timeout = settings.duration('ssh_timeout');
  const attempts = settings.number('ssh_handshake_attempts');
  const bothUnset = (timeout ?? 0) === 0 && (attempts ?? 0) === 0;
  const username = settings.string('ssh_username') ?? '';
  const privateKeyFile = settings.string('ssh_private_key_file') || undefined;
  const password = settings.string('ssh_password') || undefined;
  const port = settings.number('ssh_port') || 22;
  const keepAlive = settings.duration('ssh_keep_alive_interval');
  const transfer = settings.string('ssh_file_transfer_method') || 'sftp';
  const keyType = settings.string('temporary_key_pair_type') || 'rsa';
  const keyBits = settings.number('temporary_key_pair_bits') ?? 0;

  if (username === '') {
    settings.error(
      'An ssh_username must be specified',
      'Note: some builders used to default ssh_username to "root".',
    );
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    settings.error(`ssh_port ${port} is not a TCP port`);
  if (transfer === 'scp') {
    settings.error(
      'ssh_file_transfer_method "scp" is not supported',
      'Kiln copies files over SFTP only: remove the setting or set it to "sftp".',
    );
  } else if (transfer !== 'sftp') {
    settings.error(`ssh_file_transfer_method ('${transfer}') is invalid, valid methods: sftp, scp`);
  }
  let bits = keyBits;
  if (keyType === 'rsa') {
    bits = keyBits || 4096;
    if (bits < 2048)
      settings.error(`temporary_key_pair_bits ${bits} is too small: rsa keys need at least 2048`);
  } else if (keyType === 'ecdsa') {
    bits = keyBits || 521;
    if (!ECDSA_BITS.includes(bits))
      settings.error(`temporary_key_pair_bits for ecdsa must be one of 256, 384, 521`);
  } else if (keyType === 'ed25519') {
    bits = 256;
  } else {
    settings.error(
      `temporary_key_pair_type "${keyType}" is not supported`,
      keyType === 'dsa'
        ? 'DSA keys are refused by current OpenSSH servers: use "ed25519", "ecdsa" or "rsa".'
        : 'Use "ed25519", "ecdsa" or "rsa".',
    );
  }

  const bastionHost = settings.string('ssh_bastion_host') || undefined;
  let bastion: SshBastionConfig | undefined;
  const bastionPort = settings.number('ssh_bastion_port') || 22;
  const bastionPassword = settings.string('ssh_bastion_password') || undefined;
  const bastionKey = settings.string('ssh_bastion_private_key_file') || privateKeyFile;
  const bastionAgent = settings.bool('ssh_bastion_agent_auth') ?? false;
  const bastionUser = settings.string('ssh_bastion_username') || username;
  if (bastionHost) {
    if (!bastionPassword && !bastionKey && !bastionAgent) {
      settings.error(
        'ssh_bastion_password, ssh_bastion_private_key_file or ssh_bastion_agent_auth must be specified',
      );
    }
    bastion = {
      host: bastionHost,
      port: bastionPort,
      username: bastionUser,
      ...(bastionPassword ? { password: bastionPassword } : {}),
      ...(bastionKey ? { privateKeyFile: bastionKey } : {}),
      agentAuth: bastionAgent,
    };
  }
  const host = settings.string('ssh_host') || undefined;
  const config: SshConfig = {
    ...(host ? { host } : {}),
    port,
    username,
    ...(password ? { password } : {}),
    ...(privateKeyFile ? { privateKeyFile } : {}),
    agentAuth: settings.bool('ssh_agent_auth') ?? false,
    timeoutMs: bothUnset ? DEFAULT_TIMEOUT_MS : (timeout ?? 0),
    handshakeAttempts: bothUnset ? DEFAULT_HANDSHAKE_ATTEMPTS : (attempts ?? 0),
    keepAliveIntervalMs:
      keepAlive === undefined || keepAlive === 0 ? DEFAULT_KEEP_ALIVE_MS : Math.max(0, keepAlive),
    readWriteTimeoutMs: settings.duration('ssh_read_write_timeout') ?? 0,
    pty: settings.bool('ssh_pty') ?? false,
    ...(bastion ? { bastion } : {}),
    clearAuthorizedKeys: settings.bool('ssh_clear_authorized_keys') ?? false,
    disableAgentForwarding: settings.bool('ssh_disable_agent_forwarding') ?? false,
    fileTransferMethod: 'sftp',
    temporaryKeyPairType: keyType as TemporaryKeyPairType,
    temporaryKeyPairBits: bits,
  };
  return { type: 'ssh', ssh: config };
}
