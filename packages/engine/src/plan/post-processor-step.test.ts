import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../model/parse-template.ts';
import type { Template } from '../model/template.ts';
import { runBuildInProcess } from '../run/run-in-process.ts';
import {
  type ArtifactData,
  type BuilderPlugin,
  buildArtifacts,
  type PluginRegistry,
  type PostProcessorPlugin,
  type RunContext,
} from '../spi/plugin.ts';
import { type Journal, testPlugins } from '../test-support/plugins.ts';
import { instantiateBuild } from './instantiate-build.ts';
import { planBuilds } from './plan-builds.ts';
import { testRunContext } from '../test-support/run-context.ts';

/** Destroys by journaling, and fails for an artifact labelled `undeletable`. */
function destroyer(journal: Journal) {
  return async (artifact: ArtifactData) => {
    journal.push(`destroy ${artifact.id}`);
    if (artifact.labels.undeletable) throw new Error(`remove ${artifact.id}: permission denied`);
  };
}

/**
 * The engine's test plugins, with a file builder that destroys its artifact, plus post-processors:
 * `record` (records its input), `pp` (keeps its input as `keep` and `force` say), `pass` (passes
 * its input on and forces a keep, as `manifest` does), `boom` (fails), and a `bare` builder that
 * declares no way to destroy its artifact.
 */
function plugins(journal: Journal): PluginRegistry {
  const base = testPlugins(journal);
  const file: BuilderPlugin = {
    ...(base.builder('file') as BuilderPlugin),
    destroyArtifact: destroyer(journal),
  };
  const record: PostProcessorPlugin = {
    kind: 'post-processor',
    schema: { kind: 'post-processor', type: 'record', settings: [{ name: 'tag', type: 'string' }] },
    prepare: (config) => ({ config, diagnostics: [] }),
    async postProcess(config, artifact, _ctx, state) {
      journal.push(`record ${String(config.tag)} got ${artifact.id} in run ${state.generated.PackerRunUUID}`);
      return {
        artifact: { ...artifact, id: `${artifact.id}+${String(config.tag)}` },
        keepInputDefault: true,
        forceKeepInput: false,
      };
    },
  };
  const pp: PostProcessorPlugin = {
    kind: 'post-processor',
    schema: {
      kind: 'post-processor',
      type: 'pp',
      settings: [
        { name: 'tag', type: 'string' },
        { name: 'keep', type: 'bool' },
        { name: 'force', type: 'bool' },
        { name: 'undeletable', type: 'bool' },
      ],
    },
    prepare: (config) => ({ config, diagnostics: [] }),
    async postProcess(config, artifact) {
      journal.push(`pp ${String(config.tag)}`);
      const labels: Record<string, string> = config.undeletable === true ? { undeletable: 'true' } : {};
      return {
        artifact: {
          builderId: 'test.pp',
          id: `${artifact.id}+${String(config.tag)}`,
          platform: 'local',
          images: [],
          files: [],
          labels,
        },
        keepInputDefault: config.keep === true,
        forceKeepInput: config.force === true,
      };
    },
    destroyArtifact: destroyer(journal),
  };
  const pass: PostProcessorPlugin = {
    kind: 'post-processor',
    schema: { kind: 'post-processor', type: 'pass', settings: [] },
    prepare: (config) => ({ config, diagnostics: [] }),
    async postProcess(_config, artifact) {
      journal.push(`pass ${artifact.id}`);
      return { artifact, keepInputDefault: true, forceKeepInput: true };
    },
    destroyArtifact: async (artifact) => {
      journal.push(`pass destroyed ${artifact.id}`);
    },
  };
  const boom: PostProcessorPlugin = {
    kind: 'post-processor',
    schema: { kind: 'post-processor', type: 'boom', settings: [] },
    prepare: (config) => ({ config, diagnostics: [] }),
    async postProcess() {
      throw new Error('no space left');
    },
  };
  const nothing: BuilderPlugin = {
    kind: 'builder',
    schema: { kind: 'builder', type: 'nothing', settings: [] },
    prepare: (config) => ({ config, diagnostics: [] }),
    steps: () => [],
  };
  const bare: BuilderPlugin = {
    kind: 'builder',
    schema: { kind: 'builder', type: 'bare', settings: [] },
    prepare: (config) => ({ config, diagnostics: [] }),
    steps: () => [
      {
        name: 'report',
        run: async (_config, state) => ({
          action: 'continue',
          state: {
            ...state,
            artifact: {
              builderId: 'test.bare',
              id: 'bare',
              platform: 'local',
              images: [],
              files: ['b.img'],
              labels: {},
            },
          },
        }),
        cleanup: async () => {},
      },
    ],
  };
  const builders: Record<string, BuilderPlugin> = { file, nothing, bare };
  const postProcessors: Record<string, PostProcessorPlugin> = { record, pp, pass, boom };
  return {
    ...base,
    builder: (type) => builders[type] ?? base.builder(type),
    postProcessor: (type) => postProcessors[type] ?? base.postProcessor(type),
    known: (kind) => [
      ...base.known(kind),
      ...(kind === 'post-processor' ? Object.keys(postProcessors) : []),
      ...(kind === 'builder' ? ['bare', 'nothing'] : []),
    ],
  };
}

function context(lines: string[]): RunContext {
  return testRunContext('b', lines, { errorPrefix: '! ' });
}

async function run(content: string, registryFor: (journal: Journal) => PluginRegistry = plugins) {
  const { template, diagnostics } = parseTemplate([{ filename: 'pp.pkr.hcl', content }]);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const [build] = planBuilds(template as Template).builds;
  const journal: Journal = [];
  const registry = registryFor(journal);
  const instantiated = instantiateBuild(build!, registry);
  expect(instantiated.diagnostics).toEqual([]);
  const lines: string[] = [];
  const initial = { generated: { PackerRunUUID: 'run-1' }, resources: {} };
  const outcome = await runBuildInProcess(instantiated.steps, context(lines), initial);
  return { outcome, journal, lines };
}

describe('post-processors in a build', () => {
  it('starts every chain from the builder artifact, passes results on, and hands each the build state', async () => {
    const { outcome, journal } = await run(`
source "file" "a" {
  target = "a.txt"
}
build {
  sources = ["source.file.a"]
  post-processors {
    post-processor "record" {
      tag = "one"
    }
    post-processor "record" {
      tag = "two"
    }
  }
  post-processor "record" {
    tag = "three"
  }
}
`);
    expect(outcome.status).toBe('succeeded');
    expect(journal.filter((j) => j.startsWith('record'))).toEqual([
      'record one got a.txt in run run-1',
      'record two got a.txt+one in run run-1',
      'record three got a.txt in run run-1',
    ]);
    expect(outcome.state.artifact?.id).toBe('a.txt+three');
  });

  it('ends only the chain of a failing post-processor, runs the next chains, then fails the build', async () => {
    const { outcome, journal, lines } = await run(`
source "file" "a" {
  target = "a.txt"
}
build {
  sources = ["source.file.a"]
  post-processors {
    post-processor "boom" {}
    post-processor "record" {
      tag = "skipped"
    }
  }
  post-processor "record" {
    tag = "after"
  }
}
`);
    expect(journal.filter((j) => j.startsWith('record'))).toEqual(['record after got a.txt in run run-1']);
    expect(lines).toContain(
      '! the boom post-processor failed: no space left; the rest of its chain is skipped',
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({
      class: 'provisioner-failed',
      message: 'the boom post-processor failed: no space left',
    });
  });

  it('skips post-processing when the builder produced no artifact, as Packer does', async () => {
    const { outcome, journal, lines } = await run(`
source "nothing" "n" {}
build {
  sources = ["source.nothing.n"]
  post-processor "record" {
    tag = "never"
  }
}
`);
    expect(outcome.status).toBe('succeeded');
    expect(journal.filter((j) => j.startsWith('record'))).toEqual([]);
    expect(lines).toContain('The nothing builder produced no artifact: no post-processing');
  });
});

/** A file build of `a.txt` with the given post-processor blocks. */
function fileBuild(postProcessors: string, target = 'a.txt'): string {
  return `
source "file" "a" {
  target = "${target}"
}
build {
  sources = ["source.file.a"]
${postProcessors}
}
`;
}

/** What the post-processors and destructions did, in order. */
function events(journal: Journal): string[] {
  return journal.filter((j) => /^(pp|pass|destroy|record) /.test(j));
}

const ids = (artifacts: ArtifactData[]) => artifacts.map((a) => a.id);

describe("which artifacts post-processing keeps, as Packer's CoreBuild.Run decides", () => {
  it("destroys the builder's artifact after the last chain when the post-processor does not keep it", async () => {
    const { outcome, journal, lines } = await run(
      fileBuild(`
  post-processor "pp" {
    tag = "one"
  }`),
    );
    expect(outcome.status).toBe('succeeded');
    expect(events(journal)).toEqual(['pp one', 'destroy a.txt']);
    expect(lines).toContain("Deleting original artifact for build 'file'");
    expect(ids(buildArtifacts(outcome.state))).toEqual(['a.txt+one']);
    expect(outcome.state.resources['post-processors']).toMatchObject({ keepBuilderArtifact: false });
  });

  it("keeps the builder's artifact when the post-processor's default keeps it, listing it first", async () => {
    const { outcome, journal } = await run(
      fileBuild(`
  post-processor "pp" {
    tag  = "one"
    keep = true
  }`),
    );
    expect(outcome.status).toBe('succeeded');
    expect(events(journal)).toEqual(['pp one']);
    expect(ids(buildArtifacts(outcome.state))).toEqual(['a.txt', 'a.txt+one']);
  });

  it("lets the template's keep_input_artifact override the default either way", async () => {
    const kept = await run(
      fileBuild(`
  post-processor "pp" {
    tag                 = "one"
    keep_input_artifact = true
  }`),
    );
    expect(events(kept.journal)).toEqual(['pp one']);
    expect(ids(buildArtifacts(kept.outcome.state))).toEqual(['a.txt', 'a.txt+one']);

    const dropped = await run(
      fileBuild(`
  post-processor "pp" {
    tag                 = "one"
    keep                = true
    keep_input_artifact = false
  }`),
    );
    expect(events(dropped.journal)).toEqual(['pp one', 'destroy a.txt']);
    expect(ids(buildArtifacts(dropped.outcome.state))).toEqual(['a.txt+one']);
  });

  it('ignores keep_input_artifact = false when the post-processor forces its keep', async () => {
    const { outcome, journal, lines } = await run(
      fileBuild(`
  post-processor "pp" {
    tag                 = "one"
    keep                = true
    force               = true
    keep_input_artifact = false
  }`),
    );
    expect(events(journal)).toEqual(['pp one']);
    expect(ids(buildArtifacts(outcome.state))).toEqual(['a.txt', 'a.txt+one']);
    expect(lines).toContain(
      'The pp post-processor forces keep_input_artifact=true to preserve the integrity of the build chain; keep_input_artifact=false is ignored',
    );
  });

  it('forces nothing when the default does not keep: forceKeepInput alone leaves the choice to the template', async () => {
    const defaulted = await run(
      fileBuild(`
  post-processor "pp" {
    tag   = "one"
    force = true
  }`),
    );
    expect(events(defaulted.journal)).toEqual(['pp one', 'destroy a.txt']);
    const chosen = await run(
      fileBuild(`
  post-processor "pp" {
    tag                 = "one"
    force               = true
    keep_input_artifact = true
  }`),
    );
    expect(events(chosen.journal)).toEqual(['pp one']);
    const refused = await run(
      fileBuild(`
  post-processor "pp" {
    tag                 = "one"
    force               = true
    keep_input_artifact = false
  }`),
    );
    expect(events(refused.journal)).toEqual(['pp one', 'destroy a.txt']);
  });

  it("keeps the builder's artifact when one chain's first post-processor keeps it, though another does not", async () => {
    const { outcome, journal } = await run(
      fileBuild(`
  post-processor "pp" {
    tag = "one"
  }
  post-processor "pp" {
    tag  = "two"
    keep = true
  }
  post-processor "pp" {
    tag = "three"
  }`),
    );
    expect(outcome.status).toBe('succeeded');
    expect(events(journal)).toEqual(['pp one', 'pp two', 'pp three']);
    expect(ids(buildArtifacts(outcome.state))).toEqual(['a.txt', 'a.txt+one', 'a.txt+two', 'a.txt+three']);
    expect(outcome.state.artifact?.id).toBe('a.txt+three');
  });

  it('destroys an intermediate artifact as soon as the next post-processor does not keep it, and lists kept ones', async () => {
    const { outcome, journal } = await run(
      fileBuild(`
  post-processors {
    post-processor "pp" {
      tag = "one"
    }
    post-processor "pp" {
      tag  = "two"
      keep = true
    }
    post-processor "pp" {
      tag = "three"
    }
  }
  post-processor "pp" {
    tag = "four"
  }`),
    );
    expect(outcome.status).toBe('succeeded');
    expect(events(journal)).toEqual([
      'pp one',
      'pp two',
      'pp three',
      'destroy a.txt+one+two',
      'pp four',
      'destroy a.txt',
    ]);
    expect(ids(buildArtifacts(outcome.state))).toEqual(['a.txt+one', 'a.txt+one+two+three', 'a.txt+four']);
  });

  it('destroys a passed-on artifact with the plugin that created it, as Packer destroys the same object', async () => {
    const { outcome, journal } = await run(
      fileBuild(`
  post-processors {
    post-processor "pass" {}
    post-processor "pp" {
      tag = "one"
    }
  }`),
    );
    expect(outcome.status).toBe('succeeded');
    expect(events(journal)).toEqual(['pass a.txt', 'pp one', 'destroy a.txt']);
    expect(ids(buildArtifacts(outcome.state))).toEqual(['a.txt', 'a.txt+one']);
  });

  it('neither keeps nor destroys the artifact a failing post-processor was handed', async () => {
    const { outcome, journal } = await run(
      fileBuild(`
  post-processors {
    post-processor "pp" {
      tag = "one"
    }
    post-processor "boom" {}
  }`),
    );
    expect(outcome.status).toBe('failed');
    expect(events(journal)).toEqual(['pp one', 'destroy a.txt']);
    expect(outcome.state.resources['post-processors']).toMatchObject({ artifacts: [] });
  });

  it('reports destruction failures as build errors, after running everything else', async () => {
    const { outcome, journal, lines } = await run(
      fileBuild(`
  post-processors {
    post-processor "pp" {
      tag         = "one"
      undeletable = true
    }
    post-processor "pp" {
      tag = "two"
    }
  }`),
    );
    expect(events(journal)).toEqual(['pp one', 'pp two', 'destroy a.txt+one', 'destroy a.txt']);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({
      class: 'provisioner-failed',
      message: 'Failed cleaning up prior artifact: remove a.txt+one: permission denied; pp is pp',
    });
    expect(lines).toContain(
      '! Failed cleaning up prior artifact: remove a.txt+one: permission denied; pp is pp',
    );
    expect(ids(buildArtifacts(outcome.state))).toEqual(['a.txt+one+two']);
  });

  it("reports a failure to destroy the builder's artifact with its files", async () => {
    const { outcome } = await run(
      fileBuild(`
  post-processor "pp" {
    tag = "one"
  }`),
      (journal) => {
        const base = plugins(journal);
        const failing: BuilderPlugin = {
          ...(base.builder('file') as BuilderPlugin),
          destroyArtifact: async (artifact) => {
            throw new Error(`remove ${artifact.files[0]}: read-only file system`);
          },
        };
        return { ...base, builder: (type) => (type === 'file' ? failing : base.builder(type)) };
      },
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.message).toBe(
      'Error destroying builder artifact: remove a.txt: read-only file system; bad artifact: ["a.txt"]',
    );
  });

  it('leaves an artifact in place, and says so, when its producer declares no way to destroy it', async () => {
    const { outcome, lines } = await run(`
source "bare" "b" {}
build {
  sources = ["source.bare.b"]
  post-processor "pp" {
    tag = "one"
  }
}
`);
    expect(outcome.status).toBe('succeeded');
    expect(lines).toContain(
      'The bare builder declares no way to destroy its artifacts: artifact "bare" of test.bare (b.img) is left in place',
    );
    expect(ids(buildArtifacts(outcome.state))).toEqual(['bare+one']);
  });

  it("ends with the builder's artifact alone when there are no post-processors", async () => {
    const { outcome } = await run(fileBuild(''));
    expect(ids(buildArtifacts(outcome.state))).toEqual(['a.txt']);
  });
});
