import { describe, expect, it } from 'vitest';
import { pluginConfig } from '../evaluate/plugin-config.ts';
import { parseTemplate } from '../model/parse-template.ts';
import { planBuilds } from '../plan/plan-builds.ts';
import type { DatasourcePlugin, PluginRegistry } from '../spi/plugin.ts';
import { testPlugins } from '../test-support/plugins.ts';
import { applyDatasourceOutputs, evaluateDatasources, resolveDatasources } from './evaluate-datasources.ts';

const echo: DatasourcePlugin = {
  kind: 'datasource',
  schema: { kind: 'datasource', type: 'echo', settings: [{ name: 'input', type: 'string', required: true }] },
  prepare: (config) => ({ config, diagnostics: [] }),
  async execute(config) {
    if (config.input === 'boom') throw new Error('asked to fail');
    return { output: `echo:${String(config.input)}` };
  },
};

function registry(): PluginRegistry {
  const base = testPlugins([]);
  return {
    ...base,
    datasource: (type) => (type === 'echo' ? echo : undefined),
    known: (kind) => (kind === 'datasource' ? ['echo'] : base.known(kind)),
  };
}

function templateOf(content: string, filename = 't.pkr.hcl') {
  const parsed = parseTemplate([{ filename, content }]);
  if (!parsed.template) throw new Error(`${filename} does not parse`);
  return parsed.template;
}

const TEMPLATE = `
data "echo" "first" {
  input = "a"
}
data "echo" "second" {
  input = "\${data.echo.first.output}-b"
}
locals {
  name = "\${data.echo.second.output}.txt"
}
source "file" "x" {
  target = local.name
}
build {
  sources = ["source.file.x"]
}
`;

describe('evaluateDatasources', () => {
  it('runs data sources in order and re-evaluates the locals with their outputs', async () => {
    const source = templateOf(TEMPLATE);
    expect(source.localValues.get('name')?.isKnown).toBe(false);
    const { template, diagnostics } = await evaluateDatasources(source, registry());
    expect(diagnostics).toEqual([]);
    expect(template.localValues.get('name')?.asString()).toBe('echo:echo:a-b.txt');
    const [build] = planBuilds(template).builds;
    const schema = registry().builder('file')?.schema;
    if (!build || !schema) throw new Error('missing');
    expect(pluginConfig(build.source.body, schema, build.context, 'error').config).toEqual({
      target: 'echo:echo:a-b.txt',
    });
  });

  it('reports unknown types and failures with the data block', async () => {
    const parsed = parseTemplate([
      { filename: 't.pkr.hcl', content: 'data "nope" "a" {}\ndata "echo" "b" {\n  input = "boom"\n}\n' },
    ]);
    if (!parsed.template) throw new Error('no template');
    const { diagnostics } = await evaluateDatasources(parsed.template, registry());
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.line])).toEqual([
      ['Unknown datasource type "nope"', 1],
      ['Data source failed', 2],
    ]);
    expect(diagnostics[1]?.detail).toBe('data "echo" "b" failed: asked to fail');
  });

  it('resolves outputs once as plain JSON that, read back, gives the same template', async () => {
    const source = templateOf(TEMPLATE);
    const resolved = await resolveDatasources(source, registry());
    expect(resolved).toEqual({
      outputs: { echo: { first: { output: 'echo:a' }, second: { output: 'echo:echo:a-b' } } },
      diagnostics: [],
    });
    const stored = JSON.parse(JSON.stringify(resolved.outputs));
    const applied = applyDatasourceOutputs(source, stored);
    expect(applied.diagnostics).toEqual([]);
    expect(applied.template.localValues.get('name')?.asString()).toBe('echo:echo:a-b.txt');
  });

  it('leaves a data source without an output unknown', () => {
    const source = templateOf(TEMPLATE);
    const applied = applyDatasourceOutputs(source, { echo: { first: { output: 'x' } } });
    expect(applied.template.localValues.get('name')?.isKnown).toBe(false);
  });

  it('stops before the next data source once aborted', async () => {
    const source = templateOf(TEMPLATE);
    const controller = new AbortController();
    controller.abort();
    const resolved = await resolveDatasources(source, registry(), { signal: controller.signal });
    expect(resolved.outputs).toEqual({});
    expect(resolved.diagnostics.map((d) => [d.summary, d.detail, d.subject?.start.line])).toEqual([
      ['Data sources cancelled', 'Cancelled before data "echo" "first" ran.', 2],
    ]);
  });

  it('runs a data source after the ones it refers to, whatever the order of the blocks', async () => {
    const content = `
data "echo" "second" {
  input = "\${data.echo.first.output}-b"
}
data "echo" "first" {
  input = "a"
}
`;
    const source = templateOf(content);
    const resolved = await resolveDatasources(source, registry());
    expect(resolved).toEqual({
      outputs: { echo: { first: { output: 'echo:a' }, second: { output: 'echo:echo:a-b' } } },
      diagnostics: [],
    });
  });

  it('reports only the failure, not the data sources that depend on it', async () => {
    const content = `
data "echo" "broken" {
  input = "boom"
}
data "echo" "dependent" {
  input = data.echo.broken.output
}
data "echo" "independent" {
  input = "c"
}
`;
    const source = templateOf(content);
    const resolved = await resolveDatasources(source, registry());
    expect(resolved.outputs).toEqual({ echo: { independent: { output: 'echo:c' } } });
    expect(resolved.diagnostics.map((d) => [d.summary, d.detail, d.subject?.start.line])).toEqual([
      ['Data source failed', 'data "echo" "broken" failed: asked to fail', 2],
    ]);
  });

  it('names a cycle between data sources', async () => {
    const content = `
data "echo" "a" {
  input = data.echo.b.output
}
data "echo" "b" {
  input = "\${data.echo.a.output}"
}
`;
    const source = templateOf(content);
    const resolved = await resolveDatasources(source, registry());
    expect(resolved.outputs).toEqual({});
    expect(resolved.diagnostics.map((d) => [d.summary, d.detail])).toEqual([
      [
        'Cycle between data sources',
        'The data sources depend on each other: data.echo.a -> data.echo.b -> data.echo.a.',
      ],
    ]);
  });

  it('reads the dependencies of a data block written in HCL JSON', async () => {
    const content = JSON.stringify({
      data: { echo: { second: { input: '${data.echo.first.output}-b' }, first: { input: 'a' } } },
    });
    const source = templateOf(content, 't.pkr.json');
    const resolved = await resolveDatasources(source, registry());
    expect(resolved.diagnostics).toEqual([]);
    expect(resolved.outputs.echo?.second).toEqual({ output: 'echo:echo:a-b' });
  });
});
