import type { AnyPlugin, PluginRegistry } from '@kiln/engine';
import { fileBuilder } from './builders/file/index.ts';
import { nullBuilder } from './builders/null/index.ts';
import { hcpPackerArtifactDatasource, hcpPackerVersionDatasource } from './datasources/hcp-packer/index.ts';
import { httpDatasource } from './datasources/http/index.ts';
import { nullDatasource } from './datasources/null/index.ts';
import { shellLocalProvisioner } from './provisioners/shell-local/index.ts';
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
  HTTP_METHODS,
  type HttpDatasourceConfig,
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
  type ShellLocalConfig,
  shellLocalProvisioner,
  shellLocalSchema,
} from './provisioners/shell-local/index.ts';
export { registryOf } from './registry.ts';

/** Every plugin Kiln ships. */
export const ALL_PLUGINS: readonly AnyPlugin[] = [
  fileBuilder as unknown as AnyPlugin,
  nullBuilder as unknown as AnyPlugin,
  shellLocalProvisioner as unknown as AnyPlugin,
  nullDatasource as unknown as AnyPlugin,
  httpDatasource as unknown as AnyPlugin,
  hcpPackerVersionDatasource as unknown as AnyPlugin,
  hcpPackerArtifactDatasource as unknown as AnyPlugin,
];

export function createPluginRegistry(): PluginRegistry {
  return registryOf(ALL_PLUGINS);
}
