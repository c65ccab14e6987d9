import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../model/parse-template.ts';
import type { Template } from '../model/template.ts';
import { runBuildInProcess } from '../run/run-in-process.ts';
import type { PluginRegistry, ProvisionerPlugin, RunContext } from '../spi/plugin.ts';
import { DEMO_TEMPLATE, type Journal, testPlugins } from '../test-support/plugins.ts';
import { testRunContext } from '../test-support/run-context.ts';
import { instantiateBuild } from './instantiate-build.ts';
import { planBuilds } from './plan-builds.ts';

const TEMPLATE = `
source "file" "a" {
  target = "a.txt"
}
build {
  name    = "two"
  sources = ["source.file.a"]
  provisioner "shell-local" {
    inline = ["first on \${source.name}"]
  }
  provisioner "shell-local" {
    inline = ["second with \${build.ID} in \${build.name}"]
  }
  post-processor "checksum" {
    algorithm = "md5"
  }
}
`;

function plan(content: string) {
  const { template, diagnostics } = parseTemplate([{ filename: 't.pkr.hcl', content }]);
  expect(diagnostics).toEqual([]);
  const { builds } = planBuilds(template as Template);
  return builds;
}

/** TEMPLATE with an error-cleanup-provisioner, whose first provisioner fails. */
function failingWithErrorCleanup(journal: Journal) {
  const content = TEMPLATE.replace(
    'post-processor "checksum"',
    'error-cleanup-provisioner "shell-local" {\n    inline = ["rescue"]\n  }\n  post-processor "checksum"',
  );
  return instantiateBuild(plan(content)[0] as never, testPlugins(journal, { failProvisioner: 'first' }))
    .steps;
}

function runContext(lines: string[] = [], signal = new AbortController().signal): RunContext {
  return testRunContext('two.file.a', lines, { signal });
}

describe('instantiateBuild', () => {
  it('expands the provision hook into one step per provisioner, post-processors last', () => {
    const [build] = plan(TEMPLATE);
    const { steps, diagnostics } = instantiateBuild(build as never, testPlugins([]));
    expect(diagnostics).toEqual([]);
    expect(steps.map((s) => [s.kind, s.name])).toEqual([
      ['builder', 'write file'],
      ['provisioner', 'provisioner 1/2: shell-local'],
      ['provisioner', 'provisioner 2/2: shell-local'],
      ['builder', 'finish'],
      ['post-processor', 'post-processor 1.1: checksum'],
    ]);
  });

  it('yields the same steps for the same template', () => {
    const first = instantiateBuild(plan(TEMPLATE)[0] as never, testPlugins([])).steps.map((s) => s.name);
    const second = instantiateBuild(plan(TEMPLATE)[0] as never, testPlugins([])).steps.map((s) => s.name);
    expect(second).toEqual(first);
  });

  it('instantiates the demo template', () => {
    const [build] = plan(DEMO_TEMPLATE);
    expect(build?.name).toBe('demo.file.hello');
    const { steps, diagnostics } = instantiateBuild(build as never, testPlugins([]));
    expect(diagnostics).toEqual([]);
    expect(steps.map((s) => s.name)).toEqual(['write file', 'provisioner 1/1: shell-local', 'finish']);
  });

  it('reports unknown plugin types with the known ones', () => {
    const [build] = plan('source "docker" "x" {\n}\nbuild {\n  sources = ["source.docker.x"]\n}\n');
    const { steps, diagnostics } = instantiateBuild(build as never, testPlugins([]));
    expect(steps).toEqual([]);
    expect(diagnostics.map((d) => [d.summary, d.detail])).toEqual([
      ['Unknown builder type "docker"', 'There is no builder of type "docker". Known builders: file.'],
    ]);
  });
});

describe('runBuildInProcess', () => {
  it('runs the steps, evaluating provisioner settings with the values the builder generated', async () => {
    const journal: Journal = [];
    const { steps } = instantiateBuild(plan(TEMPLATE)[0] as never, testPlugins(journal));
    const lines: string[] = [];
    const outcome = await runBuildInProcess(steps, runContext(lines));
    expect(outcome.status).toBe('succeeded');
    expect(journal).toEqual([
      'write a.txt',
      'shell first on a',
      'shell second with id-a.txt in two',
      'finish',
      'cleanup finish',
      'cleanup write a.txt',
      'checksum md5 of a.txt',
    ]);
    expect(outcome.state.artifact?.id).toBe('a.txt.sum');
    expect(lines.slice(0, 2)).toEqual(['write file', 'provisioner 1/2: shell-local']);
  });

  it('stops at a failing provisioner, runs the error-cleanup-provisioner and cleans up in reverse', async () => {
    const journal: Journal = [];
    const steps = failingWithErrorCleanup(journal);
    const outcome = await runBuildInProcess(steps, runContext());
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ class: 'provisioner-failed', index: 1 });
    expect(outcome.error?.message).toContain('exit status 1');
    expect(journal).toEqual(['write a.txt', 'shell first on a', 'shell rescue', 'cleanup write a.txt']);
  });

  it('skips the error-cleanup-provisioner with on-error abort, as packer build -on-error=abort', async () => {
    const journal: Journal = [];
    const steps = failingWithErrorCleanup(journal);
    const outcome = await runBuildInProcess(steps, { ...runContext(), onError: 'abort' });
    expect(outcome.status).toBe('failed');
    expect(journal).not.toContain('shell rescue');
  });

  it('stops and cleans up when cancelled', async () => {
    const journal: Journal = [];
    const controller = new AbortController();
    const { steps } = instantiateBuild(plan(TEMPLATE)[0] as never, testPlugins(journal));
    const ctx = runContext([], controller.signal);
    const first = steps[0];
    if (!first) throw new Error('the build has no steps');
    const cancelling = [
      {
        ...first,
        run: async (...args: Parameters<typeof first.run>) => {
          const result = await first.run(...args);
          controller.abort();
          return result;
        },
      },
      ...steps.slice(1),
    ];
    const outcome = await runBuildInProcess(cancelling, ctx);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.started).toEqual([0]);
    expect(journal).toEqual(['write a.txt', 'cleanup write a.txt']);
  });
});

describe('a provisioner stopped by its timeout', () => {
  it('finishes its own clean-up before the step closes the communicator', async () => {
    const journal: Journal = [];
    const base = testPlugins(journal);
    const fileBuilder = base.builder('file')!;
    const communicator = {
      type: 'test',
      address: 'test-host',
      exec: async () => ({ exitStatus: 0, disconnected: false }),
      upload: async () => {},
      uploadFile: async () => {},
      uploadDir: async () => {},
      downloadFile: async () => {},
      downloadDir: async () => {},
      close: async () => {
        journal.push('communicator closed');
      },
    };
    const slow: ProvisionerPlugin<unknown> = {
      kind: 'provisioner',
      schema: {
        kind: 'provisioner',
        type: 'shell-local',
        settings: [{ name: 'inline', type: 'list(string)' }],
      },
      prepare: (config) => ({ config, diagnostics: [] }),
      async provision(_config, _state, ctx) {
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
        await new Promise((resolve) => setTimeout(resolve, 100));
        journal.push('provisioner cleaned up');
      },
    };
    const plugins: PluginRegistry = {
      ...base,
      builder: (type) =>
        type === 'file' ? { ...fileBuilder, connect: async () => communicator } : undefined,
      provisioner: (type) => (type === 'shell-local' ? slow : undefined),
    };
    const [build] = plan(`source "file" "a" {
  target = "a.txt"
}
build {
  sources = ["source.file.a"]
  provisioner "shell-local" {
    inline  = ["x"]
    timeout = "50ms"
  }
}
`);
    const { steps } = instantiateBuild(build as never, plugins);
    const outcome = await runBuildInProcess(steps, runContext());
    expect(outcome.error).toMatchObject({ class: 'timed-out' });
    expect(journal.filter((entry) => !entry.startsWith('write') && !entry.startsWith('cleanup'))).toEqual([
      'provisioner cleaned up',
      'communicator closed',
    ]);
  });
});
