import {
  type BuilderPlugin,
  type BuilderStep,
  type PluginConfig,
  type PluginSchema,
  PROVISION_HOOK,
  type PrepareResult,
} from '@kiln/engine';
import { SettingsReader } from '../../common/settings.ts';

export interface NullBuilderConfig {
  communicator: 'none';
}

export const nullBuilderSchema: PluginSchema = {
  kind: 'builder',
  type: 'null',
  settings: [
    {
      name: 'communicator',
      type: 'string',
      description: 'How provisioners reach the machine. Only "none" is supported so far.',
    },
  ],
};

/** Packer defaults a source's communicator to "ssh"; only "none" runs here until the SSH communicator lands. */
export function prepareNullBuilder(config: PluginConfig): PrepareResult<NullBuilderConfig> {
  const settings = new SettingsReader(config, 'source "null"');
  const communicator = settings.string('communicator') ?? 'ssh';
  if (settings.diagnostics.length > 0) return { diagnostics: settings.diagnostics };
  if (communicator !== 'none') {
    settings.error(
      `communicator "${communicator}" is not supported yet`,
      `The "communicator" setting of a null source must be "none" for now${
        settings.has('communicator') ? '' : ' (Packer defaults it to "ssh" when it is not set)'
      }.`,
    );
    return { diagnostics: settings.diagnostics };
  }
  return { config: { communicator }, diagnostics: [] };
}

/** Packer's null builder id. */
export const NULL_BUILDER_ID = 'fnoeding.null';

/**
 * Packer's `NullArtifact`, once the provisioners are done: id `Null`, no files; the registry
 * knows it as image `Null` in region `null` of platform `null`, as HCP Packer does.
 */
export const reportNullArtifactStep: BuilderStep<NullBuilderConfig> = {
  name: 'report-artifact',
  async run(_config, state) {
    return {
      action: 'continue',
      state: {
        ...state,
        artifact: {
          builderId: NULL_BUILDER_ID,
          id: 'Null',
          platform: 'null',
          images: [{ region: 'null', externalId: 'Null' }],
          files: [],
          labels: {},
        },
      },
    };
  },
  async cleanup() {},
};

/**
 * Packer's `null` builder: no machine; it runs the provisioners and reports an empty artifact, which
 * destroys nothing, as Packer's `NullArtifact.Destroy()`.
 */
export const nullBuilder: BuilderPlugin<NullBuilderConfig> = {
  kind: 'builder',
  schema: nullBuilderSchema,
  prepare: prepareNullBuilder,
  steps: () => [PROVISION_HOOK, reportNullArtifactStep],
  destroyArtifact: async () => {},
};
