import type { AnyPlugin, PluginRegistry } from '@kiln/engine';
import { fileBuilder } from './builders/file/index.ts';
import { nullBuilder } from './builders/null/index.ts';
import { hcpPackerArtifactDatasource, hcpPackerVersionDatasource } from './datasources/hcp-packer/index.ts';
import {
  createHttpDatasource,
  type HttpDatasourceOptions,
  httpDatasource,
} from './datasources/http/index.ts';
import { nullDatasource } from './datasources/null/index.ts';
import { artificePostProcessor } from './post-processors/artifice/index.ts';
import { checksumPostProcessor } from './post-processors/checksum/index.ts';
import { compressPostProcessor } from './post-processors/compress/index.ts';
import { manifestPostProcessor } from './post-processors/manifest/index.ts';
import { shellLocalPostProcessor } from './post-processors/shell-local/index.ts';
import { breakpointProvisioner } from './provisioners/breakpoint/index.ts';
import { fileProvisioner } from './provisioners/file/index.ts';
import { shellProvisioner } from './provisioners/shell/index.ts';
import { shellLocalProvisioner } from './provisioners/shell-local/index.ts';
import { sleepProvisioner } from './provisioners/sleep/index.ts';
import { registryOf } from './registry.ts';

export {
  FILE_BUILDER_ID,
  type FileBuilderConfig,
  fileBuilder,
  fileBuilderSchema,
} from './builders/file/index.ts';
export { type NullBuilderConfig, nullBuilder, nullBuilderSchema } from './builders/null/index.ts';
export {
  type HcpPackerArtifactConfig,
  type HcpPackerVersionConfig,
  hcpPackerArtifactDatasource,
  hcpPackerArtifactSchema,
  hcpPackerVersionDatasource,
  hcpPackerVersionSchema,
} from './datasources/hcp-packer/index.ts';
export {
  createHttpDatasource,
  HTTP_DATASOURCE_DEFAULTS,
  HTTP_METHODS,
  type HttpDatasourceConfig,
  type HttpDatasourceOptions,
  httpDatasource,
  httpDatasourceSchema,
} from './datasources/http/index.ts';
export {
  type NullDatasourceConfig,
  nullDatasource,
  nullDatasourceSchema,
} from './datasources/null/index.ts';
export { PluginFailure } from './common/errors.ts';
export {
  COMMUNICATOR_SETTINGS,
  type CommunicatorConfig,
  openSshCommunicator,
  readCommunicatorSettings,
  type SshConfig,
  type SshEndpoint,
  SshCommunicator,
  clearAuthorizedKeysStep,
  clearTemporaryKey,
  TEMPORARY_KEY_SECRET,
  temporaryKeyEndpoint,
  temporaryKeyPairStep,
} from './communicators/ssh/index.ts';
export { type ShellConfig, shellProvisioner, shellSchema } from './provisioners/shell/index.ts';
export {
  type FileProvisionerConfig,
  fileProvisioner,
  fileProvisionerSchema,
} from './provisioners/file/index.ts';
export { createProcessGroupExecutor } from './common/process-executor.ts';
export { removeWorkDir } from './common/confine-path.ts';
export {
  type BubblewrapOptions,
  bubblewrapProblem,
  createBubblewrapExecutor,
  createRefusingExecutor,
} from './sandbox/bubblewrap-executor.ts';
export { createLocalExecutor, SANDBOX_MODES, type SandboxMode } from './sandbox/select-executor.ts';
export {
  type ShellLocalConfig,
  shellLocalProvisioner,
  shellLocalSchema,
} from './provisioners/shell-local/index.ts';
export {
  type BreakpointConfig,
  breakpointProvisioner,
  breakpointSchema,
} from './provisioners/breakpoint/index.ts';
export { type SleepConfig, sleepProvisioner, sleepSchema } from './provisioners/sleep/index.ts';
export {
  ARTIFICE_BUILDER_ID,
  type ArtificeConfig,
  artificePostProcessor,
  artificeSchema,
} from './post-processors/artifice/index.ts';
export {
  CHECKSUM_BUILDER_ID,
  type ChecksumConfig,
  checksumPostProcessor,
  checksumSchema,
} from './post-processors/checksum/index.ts';
export {
  COMPRESS_BUILDER_ID,
  type CompressConfig,
  compressPostProcessor,
  compressSchema,
} from './post-processors/compress/index.ts';
export {
  type ManifestConfig,
  manifestPostProcessor,
  manifestSchema,
} from './post-processors/manifest/index.ts';
export {
  shellLocalPostProcessor,
  shellLocalPostProcessorSchema,
} from './post-processors/shell-local/index.ts';
export { registryOf } from './registry.ts';

/** Every plugin Kiln ships. */
export const ALL_PLUGINS: readonly AnyPlugin[] = [
  fileBuilder as unknown as AnyPlugin,
  nullBuilder as unknown as AnyPlugin,
  shellLocalProvisioner as unknown as AnyPlugin,
  shellProvisioner as unknown as AnyPlugin,
  fileProvisioner as unknown as AnyPlugin,
  sleepProvisioner as unknown as AnyPlugin,
  breakpointProvisioner as unknown as AnyPlugin,
  shellLocalPostProcessor as unknown as AnyPlugin,
  manifestPostProcessor as unknown as AnyPlugin,
  checksumPostProcessor as unknown as AnyPlugin,
  compressPostProcessor as unknown as AnyPlugin,
  artificePostProcessor as unknown as AnyPlugin,
  nullDatasource as unknown as AnyPlugin,
  httpDatasource as unknown as AnyPlugin,
  hcpPackerVersionDatasource as unknown as AnyPlugin,
  hcpPackerArtifactDatasource as unknown as AnyPlugin,
];

export interface PluginRegistryOptions {
  /** The http data source's platform settings (addresses it may reach despite the rules, limits). */
  http?: HttpDatasourceOptions;
}

/** Every plugin Kiln ships; `options` are the platform's (tests, operators), never a template's. */
export function createPluginRegistry(options: PluginRegistryOptions = {}): PluginRegistry {
  if (!options.http) return registryOf(ALL_PLUGINS);
  const http = createHttpDatasource(options.http) as unknown as AnyPlugin;
  return registryOf(ALL_PLUGINS.map((plugin) => (plugin === (httpDatasource as unknown) ? http : plugin)));
}
