import { describe, expect, it } from 'vitest';
import { pluginConfig } from '../evaluate/plugin-config.ts';
import { parseTemplate } from '../model/parse-template.ts';
import type { Template } from '../model/template.ts';
import type { PluginSchema } from '../spi/plugin.ts';
import { planBuilds } from './plan-builds.ts';
import { withAdditions } from './plugin-context.ts';

const SCHEMA: PluginSchema = {
  kind: 'builder',
  type: 'box',
  settings: [
    { name: 'image', type: 'string' },
    { name: 'size', type: 'number' },
    { name: 'disk', type: 'block', repeated: true, block: [{ name: 'gb', type: 'number' }] },
  ],
};

function sourceConfig(filename: string, content: string) {
  const { template, diagnostics } = parseTemplate([{ filename, content }]);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const [build] = planBuilds(template as Template).builds;
  if (!build) throw new Error('no build');
  return { build, ...pluginConfig(build.source.body, SCHEMA, build.context, 'error', withAdditions(build)) };
}

describe("a build's source block", () => {
  it('adds arguments and blocks to the source, and renames it', () => {
    const { build, config, diagnostics } = sourceConfig(
      'a.pkr.hcl',
      `source "box" "base" {
  image = "debian"
  disk {
    gb = 10
  }
}
build {
  source "source.box.base" {
    name = "big"
    size = 4
    disk {
      gb = 100
    }
  }
}
`,
    );
    expect(diagnostics).toEqual([]);
    expect(build.name).toBe('box.big');
    expect(config).toEqual({ image: 'debian', size: 4, disk: [{ gb: 10 }, { gb: 100 }] });
  });

  it('refuses an argument the source sets already, as Packer does', () => {
    const { config, diagnostics } = sourceConfig(
      'b.pkr.hcl',
      `source "box" "base" {
  image = "debian"
}
build {
  source "box.base" {
    image = "alpine"
  }
}
`,
    );
    expect(diagnostics.map((d) => [d.summary, d.detail, d.subject?.start.line])).toEqual([
      ['Duplicate argument', 'Argument "image" was already set at b.pkr.hcl:2,3-8', 6],
    ]);
    expect(config).toEqual({ image: 'debian' });
  });

  it('merges in HCL JSON syntax too', () => {
    const { config, diagnostics } = sourceConfig(
      'c.pkr.json',
      JSON.stringify({
        source: { box: { base: { image: 'debian' } } },
        build: { source: { 'source.box.base': { name: 'big', size: 2, disk: [{ gb: 5 }] } } },
      }),
    );
    expect(diagnostics).toEqual([]);
    expect(config).toEqual({ image: 'debian', size: 2, disk: [{ gb: 5 }] });
  });
});
