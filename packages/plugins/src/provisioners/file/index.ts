import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import posix from 'node:path/posix';
import type { PluginConfig, PluginSchema, PrepareResult, ProvisionerPlugin, RunContext } from '@kiln/engine';
import type { Communicator } from '@kiln/engine';
import { PluginFailure, errorMessage } from '../../common/errors.ts';
import { SettingsReader } from '../../common/settings.ts';
import { resolveInWorkDir } from '../../common/work-path.ts';

const WHERE = 'provisioner "file"';

export interface FileProvisionerConfig {
  /** Local paths for an upload, remote paths for a download. */
  sources: string[];
  content?: string;
  destination: string;
  direction: 'upload' | 'download';
  /** The sources are made during the build (a generated file): not checked before it runs. */
  generated: boolean;
}

export const fileProvisionerSchema: PluginSchema = {
  kind: 'provisioner',
  type: 'file',
  settings: [
    {
      name: 'source',
      type: 'string',
      description: 'A file or folder to copy (a trailing / copies its contents).',
    },
    { name: 'sources', type: 'list(string)', description: 'Files or folders to copy, in order.' },
    { name: 'content', type: 'string', description: 'Text written to the destination file.' },
    { name: 'destination', type: 'string', required: true, description: 'Where to copy to.' },
    { name: 'direction', type: 'string', description: '"upload" (default: to the machine) or "download".' },
    { name: 'generated', type: 'bool', description: 'The source is made during the build.' },
  ],
};

/** packer/provisioner/file `Prepare`, with Packer's messages. */
export function prepareFileProvisioner(raw: PluginConfig): PrepareResult<FileProvisionerConfig> {
  const settings = new SettingsReader(raw, WHERE);
  const source = settings.string('source') || undefined;
  const sources = [...(settings.stringList('sources') ?? []), ...(source ? [source] : [])];
  const content = settings.string('content') || undefined;
  const destination = settings.string('destination') ?? '';
  const direction = settings.string('direction') || 'upload';
  const generated = settings.bool('generated') ?? false;
  if (direction !== 'upload' && direction !== 'download') {
    settings.error('Direction must be one of: download, upload.');
  }
  if (sources.length > 0 && content !== undefined)
    settings.error('Cannot specify both source(s) and content');
  if (sources.length === 0 && content === undefined)
    settings.error('source, sources or content must be specified.');
  if (content !== undefined && direction === 'download') settings.error('content can only be uploaded');
  if (destination === '') settings.error('Destination must be specified.');
  if (settings.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: settings.diagnostics };
  return {
    config: {
      sources,
      ...(content !== undefined ? { content } : {}),
      destination,
      direction: direction as 'upload' | 'download',
      generated,
    },
    diagnostics: settings.diagnostics,
  };
}

async function localStat(file: string, named: string) {
  try {
    return await stat(file);
  } catch (error) {
    throw new PluginFailure('bad-config', `${WHERE}: Bad source '${named}': ${errorMessage(error)}`);
  }
}

/**
 * Packer's upload: a folder without a trailing slash is copied as itself into the destination
 * (`dst/<name>`), with one its contents (rsync's rule); a file goes into a destination ending in `/`.
 */
async function upload(config: FileProvisionerConfig, communicator: Communicator, ctx: RunContext) {
  const options = { signal: ctx.signal };
  if (config.content !== undefined) {
    if (config.destination.endsWith('/')) {
      throw new PluginFailure(
        'bad-config',
        `${WHERE}: with content, the destination must be a file, not a folder`,
      );
    }
    ctx.ui.say(`Uploading content => ${config.destination}`);
    await communicator.upload(config.destination, config.content, options);
    return;
  }
  for (const named of config.sources) {
    const local = resolveInWorkDir(ctx.workDir, named, 'source', WHERE);
    const info = await localStat(local, named);
    ctx.ui.say(`Uploading ${named} => ${config.destination}`);
    if (info.isDirectory()) {
      const into = named.endsWith('/')
        ? config.destination
        : posix.join(config.destination, path.basename(local));
      await communicator.uploadDir(local, into, options);
      continue;
    }
    const dst = config.destination.endsWith('/')
      ? `${config.destination}${path.basename(local)}`
      : config.destination;
    await communicator.uploadFile(local, dst, { ...options, mode: info.mode & 0o7777 });
  }
}

/**
 * Packer's download: a remote source ending in `/` is a folder whose contents land in the
 * destination; a file lands at the destination, or inside it when it ends in `/`.
 */
async function download(config: FileProvisionerConfig, communicator: Communicator, ctx: RunContext) {
  const options = { signal: ctx.signal };
  for (const remote of config.sources) {
    if (/[*?[]/.test(remote)) {
      throw new PluginFailure(
        'bad-config',
        `${WHERE}: patterns in a download source ("${remote}") are not supported`,
      );
    }
    const local = resolveInWorkDir(ctx.workDir, config.destination, 'destination', WHERE);
    ctx.ui.say(`Downloading ${remote} => ${config.destination}`);
    if (remote.endsWith('/')) {
      await communicator.downloadDir(remote, local, options);
      continue;
    }
    const intoFolder = config.destination.endsWith('/');
    await mkdir(intoFolder ? local : path.dirname(local), { recursive: true });
    await communicator.downloadFile(
      remote,
      intoFolder ? path.join(local, posix.basename(remote)) : local,
      options,
    );
  }
}

export const fileProvisioner: ProvisionerPlugin<FileProvisionerConfig> = {
  kind: 'provisioner',
  schema: fileProvisionerSchema,
  prepare: prepareFileProvisioner,
  async provision(config, _state, ctx) {
    const communicator = ctx.communicator;
    if (!communicator) {
      throw new PluginFailure(
        'bad-config',
        `${WHERE}: the builder has no communicator (communicator = "none"), so there is no machine to copy to or from`,
      );
    }
    await (config.direction === 'upload' ? upload : download)(config, communicator, ctx);
  },
};
