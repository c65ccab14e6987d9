import type { JsonObject } from '../spi/json.ts';
import {
  type BuilderPlugin,
  type BuilderStepEntry,
  PROVISION_HOOK,
  type PluginKind,
  type PluginRegistry,
  type PostProcessorPlugin,
  type ProvisionerPlugin,
} from '../spi/plugin.ts';

/** What the test plugins did, in order. */
export type Journal = string[];

/**
 * Small in-memory plugins for engine tests: a `file` builder (write step, provision hook,
 * finish step that sets the artifact), a `shell-local` provisioner that records its `inline`
 * lines, and a `checksum` post-processor.
 */
export function testPlugins(journal: Journal, options: { failProvisioner?: string } = {}): PluginRegistry {
  const file: BuilderPlugin<JsonObject> = {
    kind: 'builder',
    schema: {
      kind: 'builder',
      type: 'file',
      settings: [
        { name: 'content', type: 'string' },
        { name: 'target', type: 'string', required: true },
      ],
    },
    prepare(config) {
      if (config.target === '') {
        return {
          diagnostics: [{ severity: 'error', summary: 'Empty target', detail: 'target must not be empty.' }],
        };
      }
      return { config, diagnostics: [] };
    },
    steps(config): BuilderStepEntry<JsonObject>[] {
      return [
        {
          name: 'write file',
          async run(c, state) {
            journal.push(`write ${String(c.target)}`);
            return {
              action: 'continue',
              state: {
                ...state,
                generated: { ...state.generated, ID: `id-${String(c.target)}` },
                resources: { ...state.resources, file: { path: String(c.target) } },
              },
            };
          },
          async cleanup(c, state) {
            journal.push(`cleanup write ${state.resources.file ? String(c.target) : 'nothing'}`);
          },
        },
        PROVISION_HOOK,
        {
          name: 'finish',
          async run(c, state) {
            journal.push('finish');
            return {
              action: 'continue',
              state: {
                ...state,
                artifact: {
                  builderId: 'kiln.file',
                  id: String(config.target),
                  platform: 'local',
                  images: [],
                  files: [String(c.target)],
                  labels: {},
                },
              },
            };
          },
          async cleanup() {
            journal.push('cleanup finish');
          },
        },
      ];
    },
  };
  const shell: ProvisionerPlugin<JsonObject> = {
    kind: 'provisioner',
    schema: {
      kind: 'provisioner',
      type: 'shell-local',
      settings: [{ name: 'inline', type: 'list(string)', required: true }],
    },
    prepare: (config) => ({ config, diagnostics: [] }),
    async provision(config) {
      const lines = (config.inline as string[]).join('; ');
      journal.push(`shell ${lines}`);
      if (options.failProvisioner && lines.includes(options.failProvisioner))
        throw new Error(`exit status 1 from "${lines}"`);
    },
  };
  const checksum: PostProcessorPlugin<JsonObject> = {
    kind: 'post-processor',
    schema: { kind: 'post-processor', type: 'checksum', settings: [{ name: 'algorithm', type: 'string' }] },
    prepare: (config) => ({ config, diagnostics: [] }),
    async postProcess(config, artifact) {
      journal.push(`checksum ${String(config.algorithm ?? 'sha256')} of ${artifact.id}`);
      return {
        artifact: { ...artifact, builderId: 'kiln.checksum', id: `${artifact.id}.sum` },
        keepInputDefault: true,
        forceKeepInput: true,
      };
    },
  };
  const all: Record<PluginKind, Record<string, unknown>> = {
    builder: { file },
    provisioner: { 'shell-local': shell },
    'post-processor': { checksum },
    datasource: {},
  };
  return {
    builder: (type) => all.builder[type] as BuilderPlugin<unknown> | undefined,
    provisioner: (type) => all.provisioner[type] as ProvisionerPlugin<unknown> | undefined,
    postProcessor: (type) => all['post-processor'][type] as PostProcessorPlugin<unknown> | undefined,
    datasource: () => undefined,
    known: (kind) => Object.keys(all[kind]),
  };
}

export const DEMO_TEMPLATE = `packer {
  required_version = ">= 1.10.0"
}
source "file" "hello" {
  content = "hello from kiln"
  target  = "hello.txt"
}
build {
  name    = "demo"
  sources = ["source.file.hello"]
  provisioner "shell-local" {
    inline = ["echo building \${source.name}", "sleep 1", "echo done"]
  }
  hcp_packer_registry {
    bucket_name = "demo"
    description = "Demo image"
  }
}
`;
