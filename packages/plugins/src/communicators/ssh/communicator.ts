import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import posix from 'node:path/posix';
import type { Communicator, RemoteCommandOptions, RemoteCommandResult, TransferOptions } from '@kiln/engine';
import type { ClientChannel, SFTPWrapper } from 'ssh2';
import { PluginFailure, errorMessage } from '../../common/errors.ts';
import type { SshConnection } from './connect.ts';

const DEFAULT_FILE_MODE = 0o644;
const PGID_MARK = 'kiln-remote-pgid:';

/** Packer's `packer.Communicator` over one SSH connection (ssh2), files over SFTP. */
export class SshCommunicator implements Communicator {
  readonly type = 'ssh';
  private sftpSession: Promise<SFTPWrapper> | undefined;
  private closed = false;
  private lost = false;

  constructor(
    private readonly connection: SshConnection,
    readonly address: string,
    private readonly defaults: { pty: boolean; agentForward: boolean },
  ) {
    connection.client.once('close', () => {
      this.lost = true;
      this.sftpSession = undefined;
    });
  }

  exec(command: string, options: RemoteCommandOptions = {}): Promise<RemoteCommandResult> {
    this.usable();
    const pty = options.pty ?? this.defaults.pty;
    const { client } = this.connection;
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return resolve({ exitStatus: null, disconnected: false });
      // Without a terminal there is no hang-up: the command's process group is told on stderr (sshd
      // makes the shell a session leader), so a cancel can end the group from a second channel.
      client.exec(
        pty ? command : `echo "${PGID_MARK}$$" >&2; ${command}`,
        {
          ...(pty ? { pty: { term: 'vt100' } } : {}),
          ...(this.defaults.agentForward ? { agentForward: true } : {}),
        },
        (error, channel) => {
          if (error) {
            reject(
              new PluginFailure(
                'provisioner-failed',
                `${this.address}: could not start "${command}": ${error.message}`,
              ),
            );
            return;
          }
          runChannel(channel, client, { ...options, pty }, resolve);
        },
      );
    });
  }

  async upload(
    remotePath: string,
    content: Uint8Array | string,
    options: TransferOptions = {},
  ): Promise<void> {
    await this.transfer(`upload to ${remotePath}`, options, async (sftp) => {
      await call<void>((done) =>
        sftp.writeFile(remotePath, typeof content === 'string' ? content : Buffer.from(content), done),
      );
      await call<void>((done) => sftp.chmod(remotePath, options.mode ?? DEFAULT_FILE_MODE, done));
    });
  }

  async uploadFile(localPath: string, remotePath: string, options: TransferOptions = {}): Promise<void> {
    await this.transfer(`upload of ${localPath} to ${remotePath}`, options, async (sftp) => {
      await call<void>((done) => sftp.fastPut(localPath, remotePath, done));
      await call<void>((done) => sftp.chmod(remotePath, options.mode ?? DEFAULT_FILE_MODE, done));
    });
  }

  async uploadDir(localDir: string, remoteDir: string, options: TransferOptions = {}): Promise<void> {
    await this.transfer(`upload of ${localDir} to ${remoteDir}`, options, async (sftp) => {
      await remoteMkdirAll(sftp, remoteDir);
      const walk = async (local: string, remote: string) => {
        for (const entry of await readdir(local, { withFileTypes: true })) {
          const from = path.join(local, entry.name);
          const to = posix.join(remote, entry.name);
          const info = await stat(from);
          if (info.isDirectory()) {
            await remoteMkdirAll(sftp, to);
            await walk(from, to);
          } else if (info.isFile()) {
            await call<void>((done) => sftp.fastPut(from, to, done));
            await call<void>((done) => sftp.chmod(to, info.mode & 0o7777, done));
          }
        }
      };
      await walk(localDir, remoteDir);
    });
  }

  async downloadFile(remotePath: string, localPath: string, options: TransferOptions = {}): Promise<void> {
    await this.transfer(`download of ${remotePath} to ${localPath}`, options, async (sftp) => {
      await call<void>((done) => sftp.fastGet(remotePath, localPath, done));
    });
  }

  async downloadDir(remoteDir: string, localDir: string, options: TransferOptions = {}): Promise<void> {
    await this.transfer(`download of ${remoteDir} to ${localDir}`, options, async (sftp) => {
      const walk = async (remote: string, local: string) => {
        await mkdir(local, { recursive: true });
        const entries = await call<{ filename: string; attrs: { mode: number } }[]>((done) =>
          sftp.readdir(remote, done),
        );
        for (const entry of entries) {
          const from = posix.join(remote, entry.filename);
          const to = path.join(local, entry.filename);
          const kind = entry.attrs.mode & 0o170000;
          if (kind === 0o040000) await walk(from, to);
          else if (kind === 0o100000)
            await call<void>((done) => sftp.fastGet(from, to, { mode: entry.attrs.mode & 0o7777 }, done));
        }
      };
      await walk(remoteDir, localDir);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const { client, bastion } = this.connection;
    if (!this.lost) {
      const gone = new Promise<void>((resolve) => client.once('close', () => resolve()));
      client.end();
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    }
    client.destroy();
    bastion?.end();
  }

  private usable(): void {
    if (this.closed) throw new Error(`the SSH connection to ${this.address} is closed`);
    if (this.lost)
      throw new PluginFailure('provisioner-failed', `the SSH connection to ${this.address} was lost`);
  }

  private sftp(): Promise<SFTPWrapper> {
    this.usable();
    if (!this.sftpSession) {
      this.sftpSession = call<SFTPWrapper>((done) => this.connection.client.sftp(done));
      this.sftpSession.catch(() => {
        this.sftpSession = undefined;
      });
    }
    return this.sftpSession;
  }

  private async transfer(what: string, options: TransferOptions, work: (sftp: SFTPWrapper) => Promise<void>) {
    const sftp = await this.sftp().catch((error: unknown) => {
      throw new PluginFailure(
        'provisioner-failed',
        `${this.address}: SFTP is not available for the ${what}: ${errorMessage(error)}`,
      );
    });
    const { signal } = options;
    if (signal?.aborted)
      throw new PluginFailure('cancelled', `${this.address}: cancelled before the ${what}`);
    // Ending the SFTP session fails whatever it is doing, so a cancel stops a long copy promptly.
    const onAbort = () => {
      this.sftpSession = undefined;
      sftp.end();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await work(sftp);
    } catch (error) {
      if (signal?.aborted)
        throw new PluginFailure('cancelled', `${this.address}: cancelled during the ${what}`);
      throw new PluginFailure(
        'provisioner-failed',
        `${this.address}: the ${what} failed: ${errorMessage(error)}`,
        {
          cause: error,
        },
      );
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

function runChannel(
  channel: ClientChannel,
  client: SshConnection['client'],
  options: RemoteCommandOptions,
  resolve: (result: RemoteCommandResult) => void,
): void {
  const stdout = new TextDecoder();
  const stderr = new TextDecoder();
  let exitStatus: number | null = null;
  let exitSignal: string | undefined;
  let exited = false;
  let finished = false;
  const finish = (disconnected: boolean) => {
    if (finished) return;
    finished = true;
    options.signal?.removeEventListener('abort', onAbort);
    client.removeListener('close', onLost);
    const tailOut = stdout.decode();
    const tailErr = stderr.decode();
    if (tailOut) options.onStdout?.(tailOut);
    if (tailErr) options.onStderr?.(tailErr);
    resolve({ exitStatus, ...(exitSignal ? { exitSignal } : {}), disconnected: disconnected && !exited });
  };
  const onLost = () => finish(true);
  // With a pty, closing the channel hangs up the terminal: the remote process group gets SIGHUP.
  let pgid: number | undefined;
  let head = options.pty ? undefined : '';
  const onAbort = () => {
    if (pgid !== undefined) {
      const group = `-${pgid}`;
      client.exec(
        `kill -TERM ${group} 2>/dev/null; sleep 2; kill -KILL ${group} 2>/dev/null; true`,
        (error, killer) => {
          if (!error) killer.resume().stderr.resume();
        },
      );
    }
    channel.signal('KILL');
    channel.close();
    setTimeout(() => finish(false), 3000).unref();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  client.once('close', onLost);
  channel.on('data', (chunk: Buffer) => {
    const text = stdout.decode(chunk, { stream: true });
    if (text) options.onStdout?.(text);
  });
  channel.stderr.on('data', (chunk: Buffer) => {
    let text = stderr.decode(chunk, { stream: true });
    if (head !== undefined) {
      // The first stderr line is the process group mark, not the command's output.
      head += text;
      const end = head.indexOf('\n');
      if (end < 0 && head.length < 64) return;
      const line = end < 0 ? head : head.slice(0, end);
      text = line.startsWith(PGID_MARK) ? head.slice(end + 1) : head;
      if (line.startsWith(PGID_MARK)) pgid = Number(line.slice(PGID_MARK.length)) || undefined;
      head = undefined;
    }
    if (text) options.onStderr?.(text);
  });
  channel.on('exit', (code: number | null, signal?: string) => {
    exited = true;
    if (typeof code === 'number') exitStatus = code;
    if (signal) exitSignal = signal;
  });
  channel.on('close', () => finish(false));
  // Without a pty the command reads end-of-file from its input; a terminal stays open until it ends.
  if (options.stdin !== undefined) channel.end(options.stdin);
  else if (!options.pty) channel.end();
}

/** `mkdir -p` over SFTP. */
async function remoteMkdirAll(sftp: SFTPWrapper, dir: string): Promise<void> {
  const parts = posix.resolve('/', dir).split('/').filter(Boolean);
  let current = dir.startsWith('/') ? '' : '.';
  for (const part of parts) {
    current = `${current}/${part}`;
    const exists = await call<{ isDirectory(): boolean }>((done) => sftp.stat(current, done)).then(
      (info) => info.isDirectory(),
      () => false,
    );
    if (!exists) await call<void>((done) => sftp.mkdir(current, done));
  }
}

function call<T>(start: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    start((error, value) => (error ? reject(error) : resolve(value as T)));
  });
}
