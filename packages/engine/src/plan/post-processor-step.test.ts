import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../model/parse-template.ts';
import type { Template } from '../model/template.ts';
import { runBuildInProcess } from '../run/run-in-process.ts';
import type { BuilderPlugin, PluginRegistry, PostProcessorPlugin, RunContext } from '../spi/plugin.ts';
import { type Journal, testPlugins } from '../test-support/plugins.ts';
import { instantiateBuild } from './instantiate-build.ts';
import { planBuilds } from './plan-builds.ts';

/** The engine's test plugins plus a post-processor that records its input and one that fails. */
function plugins(journal: Journal): PluginRegistry {
  const base = testPlugins(journal);
  const record: PostProcessorPlugin = {
    kind: 'post-processor',
    schema: { kind: 'post-processor', type: 'record', settings: [{ name: 'tag', type: 'string' }] },
    prepare: (config) => ({ config, diagnostics: [] }),
    async postProcess(config, artifact, _ctx, state) {
      journal.push(`record ${String(config.tag)} got ${artifact.id} in run ${state.generated.PackerRunUUID}`);
      return { artifact: { ...artifact, id: `${artifact.id}+${String(config.tag)}` }, keepInput: false };
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
  const postProcessors: Record<string, PostProcessorPlugin> = { record, boom };
  return {
    ...base,
    builder: (type) => (type === 'nothing' ? nothing : base.builder(type)),
    postProcessor: (type) => postProcessors[type] ?? base.postProcessor(type),
    known: (kind) => [...base.known(kind), ...(kind === 'post-processor' ? ['boom', 'record'] : [])],
  };
}

function context(lines: string[]): RunContext {
  return {
    buildName: 'b',
    workDir: '/nonexistent',
    signal: new AbortController().signal,
    heartbeat() {},
    ui: { say: (t) => lines.push(t), message: (t) => lines.push(t), error: (t) => lines.push(`! ${t}`) },
  };
}

async function run(content: string) {
  const { template, diagnostics } = parseTemplate([{ filename: 'pp.pkr.hcl', content }]);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const [build] = planBuilds(template as Template).builds;
  const journal: Journal = [];
  const registry = plugins(journal);
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
