import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../model/parse-template.ts';
import type { Template } from '../model/template.ts';
import { instantiateBuild } from '../plan/instantiate-build.ts';
import { planBuilds } from '../plan/plan-builds.ts';
import { runBuildInProcess } from '../run/run-in-process.ts';
import { type Journal, testPlugins } from '../test-support/plugins.ts';
import { testRunContext } from '../test-support/run-context.ts';

const TEMPLATE = `
source "file" "base" {
  content = "base"
}
variable "images" {
  default = {
    dummy    = { image = "dummy" }
    postgres = { image = "postgres-13" }
  }
}
locals {
  files = ["one", "two"]
}
build {
  name = "dyn"
  dynamic "source" {
    for_each = var.images
    labels   = ["file.base"]
    content {
      name   = source.key
      target = "\${source.value.image}.txt"
    }
  }
  dynamic "provisioner" {
    for_each = local.files
    iterator = f
    labels   = ["shell-local"]
    content {
      inline = ["\${f.key}: \${f.value} on \${source.name}"]
    }
  }
}
`;

describe('dynamic blocks', () => {
  it('expands sources and provisioners, keeping the iterator bound for later evaluation', async () => {
    const { template, diagnostics } = parseTemplate([{ filename: 'd.pkr.hcl', content: TEMPLATE }]);
    expect(diagnostics).toEqual([]);
    const { builds } = planBuilds(template as Template);
    expect(builds.map((b) => b.name)).toEqual(['dyn.file.dummy', 'dyn.file.postgres']);
    const journal: Journal = [];
    const { steps, diagnostics: found } = instantiateBuild(builds[1] as never, testPlugins(journal));
    expect(found).toEqual([]);
    const ctx = testRunContext('dyn.file.postgres');
    expect((await runBuildInProcess(steps, ctx)).status).toBe('succeeded');
    expect(journal.slice(0, 3)).toEqual([
      'write postgres-13.txt',
      'shell 0: one on postgres',
      'shell 1: two on postgres',
    ]);
  });

  it('reports a dynamic block without content or for_each', () => {
    const content =
      'source "file" "a" {\n  target = "x"\n}\nbuild {\n  sources = ["source.file.a"]\n  dynamic "provisioner" {\n    labels = ["shell-local"]\n  }\n}\n';
    const { diagnostics } = parseTemplate([{ filename: 'd.pkr.hcl', content }]);
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.line])).toEqual([
      ['Invalid dynamic block', 6],
    ]);
  });
});
