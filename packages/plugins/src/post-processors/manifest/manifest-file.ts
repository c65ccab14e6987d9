import { type GoJson, goMap, marshalIndentGo } from '../../common/go-json.ts';

/** One entry of `builds`: Packer's manifest `Artifact`. */
export interface ManifestBuild {
  name: string;
  builderType: string;
  /** Unix seconds; 0 (strip_time) leaves the field out. */
  buildTime: number;
  /** `null` when the artifact had no files. */
  files: { name: string; size: number }[] | null;
  artifactId: string;
  packerRunUuid: string;
  customData: Record<string, string> | null;
}

export interface ManifestFile {
  builds: ManifestBuild[] | null;
  lastRunUuid: string;
}

/** Packer's manifest as `json.MarshalIndent` writes it. */
export function formatManifest(manifest: ManifestFile): string {
  return marshalIndentGo({
    fields: [
      ['builds', manifest.builds === null ? null : manifest.builds.map(buildJson)],
      ['last_run_uuid', manifest.lastRunUuid],
    ],
  });
}

function buildJson(build: ManifestBuild): GoJson {
  return {
    fields: [
      ['name', build.name],
      ['builder_type', build.builderType],
      ...(build.buildTime !== 0 ? ([['build_time', build.buildTime]] as [string, GoJson][]) : []),
      [
        'files',
        build.files === null
          ? null
          : build.files.map((file) => ({
              fields: [
                ['name', file.name],
                ['size', file.size],
              ] as [string, GoJson][],
            })),
      ],
      ['artifact_id', build.artifactId],
      ['packer_run_uuid', build.packerRunUuid],
      ['custom_data', build.customData === null ? null : goMap(build.customData)],
    ],
  };
}

/**
 * Reads an existing manifest as Packer's `json.Unmarshal` into its structs does: fields it does not
 * know are dropped, missing ones take their zero value, a wrongly typed one fails with Go's message.
 */
export function parseManifest(text: string): ManifestFile {
  const top = object(JSON.parse(text) as unknown, {
    struct: 'ManifestFile',
    path: [],
    goType: 'manifest.ManifestFile',
  });
  const at = (path: string[], goType: string, struct = 'ManifestFile') => ({ struct, path, goType });
  return {
    builds: nullable(top.builds, (builds) =>
      list(builds, at(['builds'], '[]manifest.Artifact')).map((entry) => parseBuild(entry)),
    ),
    lastRunUuid: string(top.last_run_uuid, at(['last_run_uuid'], 'string')),
  };
}

function parseBuild(value: unknown): ManifestBuild {
  const at = (field: string, goType: string, struct = 'Artifact') => ({
    struct,
    path: ['builds', field],
    goType,
  });
  const build = object(value, at('', 'manifest.Artifact', 'ManifestFile'));
  return {
    name: string(build.name, at('name', 'string')),
    builderType: string(build.builder_type, at('builder_type', 'string')),
    buildTime: integer(build.build_time, at('build_time', 'int64')),
    files: nullable(build.files, (files) =>
      list(files, at('files', '[]manifest.ArtifactFile')).map((file) => {
        const entry = object(file, at('files', 'manifest.ArtifactFile'));
        const fileAt = (field: string, goType: string) => ({
          struct: 'ArtifactFile',
          path: ['builds', 'files', field],
          goType,
        });
        return {
          name: string(entry.name, fileAt('name', 'string')),
          size: integer(entry.size, fileAt('size', 'int64')),
        };
      }),
    ),
    artifactId: string(build.artifact_id, at('artifact_id', 'string')),
    packerRunUuid: string(build.packer_run_uuid, at('packer_run_uuid', 'string')),
    customData: nullable(build.custom_data, (data) =>
      Object.fromEntries(
        Object.entries(object(data, at('custom_data', 'map[string]string'))).map(([key, item]) => [
          key,
          string(item, at('custom_data', 'string')),
        ]),
      ),
    ),
  };
}

/** Where a value sits, for Go's `cannot unmarshal X into Go struct field S.a.b of type T`. */
interface Field {
  struct: string;
  path: string[];
  goType: string;
}

function nullable<T>(value: unknown, read: (value: unknown) => T): T | null {
  return value === undefined || value === null ? null : read(value);
}

function object(value: unknown, field: Field): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  throw unmarshalError(value, field);
}

function list(value: unknown, field: Field): unknown[] {
  if (Array.isArray(value)) return value;
  throw unmarshalError(value, field);
}

function string(value: unknown, field: Field): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  throw unmarshalError(value, field);
}

function integer(value: unknown, field: Field): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw unmarshalError(value, field);
}

function unmarshalError(value: unknown, field: Field): Error {
  const kind =
    typeof value === 'number'
      ? `number ${value}`
      : Array.isArray(value)
        ? 'array'
        : typeof value === 'object'
          ? 'object'
          : typeof value === 'boolean'
            ? 'bool'
            : typeof value;
  const target = field.path.filter((part) => part !== '').join('.');
  const into =
    target === ''
      ? `Go value of type ${field.goType}`
      : `Go struct field ${field.struct}.${target} of type ${field.goType}`;
  return new Error(`json: cannot unmarshal ${kind} into ${into}`);
}
