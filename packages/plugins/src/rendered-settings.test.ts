import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  instantiateBuild,
  parseTemplate,
  planBuilds,
  runBuildInProcess,
  validateTemplate,
} from '@kiln/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingContext } from '../test/run-context.ts';
import { createPluginRegistry } from './index.ts';

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kiln-rendered-settings-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const TEMPLATE = `locals {
  shout = "{{ upper \`hello\` }}"
}
source "file" "web" {
  content = "{{ build_name }}/{{ build_type }} {{ split \`a-b\` \`-\` 1 }}"
  target  = "out-{{ build_name }}.txt"
}
build {
  name    = "demo"
  sources = ["source.file.web"]
  provisioner "shell-local" {
    inline          = ["echo '\${local.shout} from {{ build_name }} [{{ .Name }}]'", "env | grep ^GREETING_"]
    env             = { "GREETING_{{ upper \`x\` }}" = "{{ lower \`HI\` }}" }
    execute_command = ["/bin/sh", "-c", "{{.Vars}} /bin/sh {{.Script}}"]
  }
}
`;

function parsed(content: string) {
  const { template, diagnostics } = parseTemplate([{ filename: 'rendered.pkr.hcl', content }]);
  expect(diagnostics).toEqual([]);
  if (!template) throw new Error('no template');
  return template;
}

describe('Go templates in the settings of the shipped plugins', () => {
  it('renders builder and provisioner settings for the build, and execute_command with the plugin data', async () => {
    const plugins = createPluginRegistry();
    const template = parsed(TEMPLATE);
    expect(validateTemplate(template, plugins).filter((d) => d.severity === 'error')).toEqual([]);
    const [build] = planBuilds(template).builds;
    if (!build) throw new Error('no build');
    const { steps, diagnostics } = instantiateBuild(build, plugins);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { ctx, lines } = recordingContext(workDir, { buildName: build.name });
    const outcome = await runBuildInProcess(steps, ctx);
    expect(outcome.error).toBeUndefined();
    expect(await readFile(path.join(workDir, 'out-web.txt'), 'utf8')).toBe('web/file b');
    const said = lines.filter((l) => l.level === 'say').map((l) => l.text);
    expect(said).toContain('GREETING_X=hi');
    expect(said).toContain('HELLO from web [<no value>]');
  });

  it('fails validation as stock Packer does when a setting does not render', () => {
    const template = parsed(TEMPLATE.replace('{{ lower `HI` }}', '{{ lower 1 }}'));
    const errors = validateTemplate(template, createPluginRegistry()).filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.summary, d.detail, d.subject?.start.line])).toEqual([
      [
        'Failed preparing provisioner-block "shell-local" ""',
        'render \'env\': template: root:1:9: executing "root" at <1>: expected string; found 1 in:\n\n{{ lower 1 }}',
        11,
      ],
    ]);
  });
});
