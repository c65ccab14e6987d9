import type { DatasourcePlugin, PluginSchema } from '@kiln/engine';

export interface NullDatasourceConfig {
  input: string;
}

export const nullDatasourceSchema: PluginSchema = {
  kind: 'datasource',
  type: 'null',
  settings: [{ name: 'input', type: 'string', required: true, description: 'Returned as `output`.' }],
};

/** Packer's `null` data source: hands its `input` back as `output` (for tests and wiring). */
export const nullDatasource: DatasourcePlugin<NullDatasourceConfig> = {
  kind: 'datasource',
  schema: nullDatasourceSchema,
  prepare(config) {
    if (typeof config.input !== 'string') {
      return {
        diagnostics: [
          {
            severity: 'error',
            summary: 'Missing input',
            detail: 'The null data source needs an "input" string.',
          },
        ],
      };
    }
    return { config: { input: config.input }, diagnostics: [] };
  },
  async execute(config) {
    return { output: config.input };
  },
};
