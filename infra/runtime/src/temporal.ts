import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { exec } from './exec.ts';
import { findExecutable, toolsDir } from './paths.ts';
import { waitForPort } from './ports.ts';

/** The Temporal CLI release Kiln is tested with. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';

export interface TemporalCli {
  path: string;
  source: 'path' | 'tools' | 'go-install';
}

const toolsBin = path.join(toolsDir, 'bin');

/** The CLI on PATH, else in the project's tools folder. */
export function findTemporalCli(): TemporalCli | undefined {
  const onPath = findExecutable('temporal');
  if (onPath) return { path: onPath, source: 'path' };
  const local = path.join(toolsBin, 'temporal');
  if (existsSync(local)) return { path: local, source: 'tools' };
  return undefined;
}

export class TemporalCliMissingError extends Error {
  constructor() {
    super(
      [
        'The Temporal CLI was not found (looked on PATH and in .tools/bin) and Go is not installed to build it.',
        'Install it with either:',
        `  GOBIN=${toolsBin} go install ${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`,
        '  or the official release from https://docs.temporal.io/cli (put `temporal` on PATH),',
        'or point Kiln at a running server with TEMPORAL_ADDRESS=host:port.',
      ].join('\n'),
    );
    this.name = 'TemporalCliMissingError';
  }
}

/**
 * Finds the Temporal CLI, installing the pinned release into the tools folder with `go install`
 * when Go is present. Returns undefined only when neither works; callers then fall back to the
 * SDK's managed download or report TemporalCliMissingError.
 */
export async function ensureTemporalCli(
  log: (line: string) => void = () => {},
): Promise<TemporalCli | undefined> {
  const found = findTemporalCli();
  if (found) return found;
  const go = findExecutable('go', ['/usr/local/go/bin']);
  if (!go) return undefined;
  mkdirSync(toolsBin, { recursive: true });
  log(`Installing the Temporal CLI ${TEMPORAL_CLI_VERSION} with go install (a few minutes, once)...`);
  const started = Date.now();
  const result = await exec(go, ['install', `${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: toolsBin },
  });
  if (result.code !== 0) {
    throw new Error(`go install of the Temporal CLI failed (exit ${result.code}):\n${result.stderr.trim()}`);
  }
  log(`Temporal CLI installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  return { path: path.join(toolsBin, 'temporal'), source: 'go-install' };
}

export interface TemporalServer {
  address: string;
  namespace: string;
  stop(): Promise<void>;
}

export interface StartTemporalOptions {
  cli: string;
  port: number;
  /** SQLite file that keeps workflow state across restarts; omit for an in-memory server. */
  dbFile?: string;
  namespace?: string;
  /** Receives the server's own output lines. */
  onOutput?: (line: string) => void;
}

async function waitForHealthy(
  cli: string,
  address: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await waitForPort(Number(address.split(':')[1]), '127.0.0.1', timeoutMs);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the Temporal dev server exited with ${child.exitCode} while starting`);
    const health = await exec(cli, ['operator', 'cluster', 'health', '--address', address], {
      timeoutMs: 5000,
    });
    if (health.code === 0 && health.stdout.includes('SERVING')) return;
    if (Date.now() > deadline)
      throw new Error(`the Temporal dev server at ${address} was not healthy within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts `temporal server start-dev --headless` and resolves once it answers health checks. */
export async function startTemporalDevServer(options: StartTemporalOptions): Promise<TemporalServer> {
  const namespace = options.namespace ?? 'default';
  const args = [
    'server',
    'start-dev',
    '--headless',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    namespace,
    '--log-level',
    'warn',
  ];
  if (options.dbFile) {
    mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  const child = spawn(options.cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) options.onOutput?.(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const address = `127.0.0.1:${options.port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  try {
    await waitForHealthy(options.cli, address, child, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address, namespace, stop };
}

/**
 * Last resort where neither the CLI nor Go is present: the TypeScript SDK downloads the dev
 * server itself (needs the internet) and runs it.
 */
export async function startTemporalViaSdkDownload(
  options: Omit<StartTemporalOptions, 'cli'>,
): Promise<TemporalServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const namespace = options.namespace ?? 'default';
  let env: Awaited<ReturnType<typeof TestWorkflowEnvironment.createLocal>>;
  try {
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download', downloadDir: path.join(toolsDir, 'temporal-download') },
        ip: '127.0.0.1',
        port: options.port,
        namespace,
        ...(options.dbFile ? { dbFilename: options.dbFile } : {}),
        ui: false,
      },
    });
  } catch (error) {
    const missing = new TemporalCliMissingError();
    missing.message += `\n(The SDK's download of the dev server failed too: ${(error as Error).message})`;
    throw missing;
  }
  return { address: `127.0.0.1:${options.port}`, namespace, stop: () => env.teardown() };
}
