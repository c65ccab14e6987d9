export {
  type HcpPackerArtifactConfig,
  hcpPackerArtifactDatasource,
  hcpPackerArtifactSchema,
} from './artifact.ts';
export {
  type HcpPackerVersionConfig,
  hcpPackerVersionDatasource,
  hcpPackerVersionSchema,
} from './version.ts';
