import { describe, expect, it } from 'vitest';
import { pluginConfig } from '../evaluate/plugin-config.ts';
import { parseTemplate } from '../model/parse-template.ts';
import { planBuilds } from '../plan/plan-builds.ts';
import type { DatasourcePlugin, PluginRegistry } from '../spi/plugin.ts';
import { testPlugins } from '../test-support/plugins.ts';
import { evaluateDatasources } from './evaluate-datasources.ts';

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
    const parsed = parseTemplate([{ filename: 't.pkr.hcl', content: TEMPLATE }]);
    if (!parsed.template) throw new Error('no template');
    expect(parsed.template.localValues.get('name')?.isKnown).toBe(false);
    const { template, diagnostics } = await evaluateDatasources(parsed.template, registry());
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
});
