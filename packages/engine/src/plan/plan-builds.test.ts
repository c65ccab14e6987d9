import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../model/parse-template.ts';
import type { Template } from '../model/template.ts';
import { globToRegExp } from './glob.ts';
import { planBuilds } from './plan-builds.ts';

const TEMPLATE = `
source "file" "a" {
  target = "a.txt"
}
source "file" "b" {
  target = "b.txt"
}
source "null" "c" {}
build {
  name    = "web"
  sources = ["source.file.a", "source.file.b"]
  provisioner "shell-local" {
    only   = ["file.a"]
    inline = ["only a"]
  }
  provisioner "shell-local" {
    except = ["file.a"]
    inline = ["not a"]
  }
  post-processors {
    post-processor "checksum" {}
    post-processor "checksum" {
      only = ["file.b"]
    }
  }
  hcp_packer_registry {
    description   = "Web image"
    bucket_labels = { team = "web" }
  }
}
build {
  source "null.c" {
    name = "renamed"
  }
}
`;

function template(content = TEMPLATE): Template {
  const { template: t, diagnostics } = parseTemplate([{ filename: 't.pkr.hcl', content }]);
  expect(diagnostics).toEqual([]);
  return t as Template;
}

describe('planBuilds', () => {
  it('names builds like Packer and keeps template order', () => {
    const { builds, diagnostics } = planBuilds(template());
    expect(diagnostics).toEqual([]);
    expect(builds.map((b) => [b.name, b.buildBlockName, b.sourceType, b.sourceName])).toEqual([
      ['web.file.a', 'web', 'file', 'a'],
      ['web.file.b', 'web', 'file', 'b'],
      ['null.renamed', '', 'null', 'renamed'],
    ]);
  });

  it('defaults the bucket name to the build block name', () => {
    const [a] = planBuilds(template()).builds;
    expect(a?.registry).toEqual({
      bucketName: 'web',
      description: 'Web image',
      bucketLabels: { team: 'web' },
      buildLabels: {},
      declared: true,
    });
  });

  it('applies provisioner and post-processor only/except per source', () => {
    const [a, b] = planBuilds(template()).builds;
    const inline = (p: { body: { attributes: { name: string; expr: unknown }[] } }) =>
      JSON.stringify(p.body.attributes.map((x) => x.name));
    expect(a?.provisioners.map((p) => p.only)).toEqual([['file.a']]);
    expect(b?.provisioners.map((p) => p.except)).toEqual([['file.a']]);
    expect(a?.provisioners.map(inline)).toEqual(['["inline"]']);
    expect(a?.postProcessors.map((c) => c.length)).toEqual([1]);
    expect(b?.postProcessors.map((c) => c.length)).toEqual([2]);
  });

  it('filters builds with -only and -except globs', () => {
    const t = template();
    expect(planBuilds(t, { only: ['web.*'] }).builds.map((b) => b.name)).toEqual([
      'web.file.a',
      'web.file.b',
    ]);
    expect(planBuilds(t, { only: ['*.file.b', 'null.*'] }).builds.map((b) => b.name)).toEqual([
      'web.file.b',
      'null.renamed',
    ]);
    expect(planBuilds(t, { except: ['web.file.{a,b}'] }).builds.map((b) => b.name)).toEqual(['null.renamed']);
  });

  it('accepts source references with or without a prefix, and two builds of one name only with a warning outside a run', () => {
    const t = template(
      'source "file" "a" {\n}\nbuild {\n  sources = ["file.a", "sources.file.a", "source.file.a"]\n  name = "x"\n}\n',
    );
    const { builds, diagnostics } = planBuilds(t);
    expect(builds.map((b) => b.name)).toEqual(['x.file.a', 'x.file.a', 'x.file.a']);
    expect(diagnostics.map((d) => [d.severity, d.summary])).toEqual([
      ['warning', 'Duplicate build name'],
      ['warning', 'Duplicate build name'],
    ]);
    const forRun = planBuilds(t, { forRun: true });
    expect(forRun.builds.map((b) => b.name)).toEqual(['x.file.a']);
    expect(forRun.diagnostics.map((d) => [d.severity, d.summary, d.subject?.start.line])).toEqual([
      ['error', 'Duplicate build name', 4],
      ['error', 'Duplicate build name', 4],
    ]);
  });

  it('reports builds of undeclared sources, naming the declared ones', () => {
    const { diagnostics } = planBuilds(
      template('source "file" "a" {\n}\nbuild {\n  sources = ["source.file.z"]\n}\n'),
    );
    expect(diagnostics.map((d) => [d.summary, d.detail, d.subject?.start.line])).toEqual([
      [
        'Unknown source',
        'The build refers to source.file.z, which is not declared. Declared sources: source.file.a.',
        4,
      ],
    ]);
  });
});

describe('globToRegExp', () => {
  it.each([
    ['web.*', 'web.file.a', true],
    ['*.a', 'web.file.a', true],
    ['web.file.?', 'web.file.a', true],
    ['web.file.[ab]', 'web.file.c', false],
    ['web.file.[!ab]', 'web.file.c', true],
    ['web.file', 'web.file.a', false],
  ])('%s against %s', (glob, name, expected) => {
    expect(globToRegExp(glob).test(name)).toBe(expected);
  });
});
