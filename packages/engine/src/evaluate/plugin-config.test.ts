import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../model/parse-template.ts';
import type { Template } from '../model/template.ts';
import { planBuilds } from '../plan/plan-builds.ts';
import type { PluginSchema } from '../spi/plugin.ts';
import { pluginConfig } from './plugin-config.ts';

const SCHEMA: PluginSchema = {
  kind: 'provisioner',
  type: 'shell-local',
  settings: [
    { name: 'inline', type: 'list(string)' },
    { name: 'execute_command', type: 'list(string)', renderedBy: 'plugin' },
    { name: 'password', type: 'string', sensitive: true },
    { name: 'tag', type: 'block', repeated: true, block: [{ name: 'value', type: 'string' }] },
  ],
};

function template(filename: string, content: string): Template {
  const { template: t, diagnostics } = parseTemplate([{ filename, content }]);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return t as Template;
}

/** The settings of the first provisioner of the only build, rendered for its source. */
function provisionerConfig(t: Template) {
  const build = planBuilds(t).builds[0];
  const decl = build?.provisioners[0];
  if (!build || !decl) throw new Error('no provisioner');
  return pluginConfig(decl.body, SCHEMA, build.context, 'placeholder');
}

const hcl = (provisioner: string) => `source "file" "web" {
  target = "x"
}
build {
  sources = ["source.file.web"]
  provisioner "shell-local" {
${provisioner}
  }
}
`;

describe('pluginConfig renders Go templates of HCL2 settings', () => {
  it('renders lists, nested blocks and values from locals for the build, leaving what the plugin renders', () => {
    const t = template(
      'a.pkr.hcl',
      `locals { who = "{{ build_name }}" }\n${hcl(`    inline = ["echo \${local.who} {{ upper build_type }}"]
    execute_command = ["sh", "-c", "{{.Vars}} {{.Script}}"]
    tag {
      value = "{{ lower \`A\` }}"
    }`)}`,
    );
    expect(provisionerConfig(t)).toEqual({
      config: {
        inline: ['echo web FILE'],
        execute_command: ['sh', '-c', '{{.Vars}} {{.Script}}'],
        tag: [{ value: 'a' }],
      },
      diagnostics: [],
    });
  });

  it('reports a failing template against the block, naming the plugin and the setting', () => {
    const t = template('b.pkr.hcl', hcl('    inline = ["echo {{ replace `b` `c` `ababa` 2 }}"]'));
    expect(provisionerConfig(t).diagnostics).toEqual([
      {
        severity: 'error',
        summary: 'Failed preparing provisioner-block "shell-local" ""',
        detail:
          'render \'inline\': template: root:1:24: executing "root" at <`ababa`>: expected integer; found `ababa` in:\n\necho {{ replace `b` `c` `ababa` 2 }}',
        subject: expect.objectContaining({
          filename: 'b.pkr.hcl',
          start: expect.objectContaining({ line: 6 }),
        }),
      },
    ]);
  });

  it('names the top-level setting of a nested block and keeps sensitive values out of the detail', () => {
    const t = template(
      'c.pkr.hcl',
      hcl(`    password = "hunter2 {{ upper }}"
    tag {
      value = "{{ nope }}"
    }`),
    );
    expect(provisionerConfig(t).diagnostics.map((d) => d.detail)).toEqual([
      'render \'password\': template: root:1:11: executing "root" at <upper>: wrong number of args for upper: want 1 got 0',
      'invalid \'tag\': template: root:1: function "nope" not defined in:\n\n{{ nope }}',
    ]);
  });

  it('leaves legacy JSON strings alone: they were translated when the template was decoded', () => {
    const t = template(
      'legacy.json',
      JSON.stringify({
        builders: [{ type: 'file', target: 'x' }],
        provisioners: [
          { type: 'shell-local', inline: ['echo {{build_name}}'], execute_command: ['{{.Vars}}'] },
        ],
      }),
    );
    expect(provisionerConfig(t).config).toEqual({ inline: ['echo file'], execute_command: ['{{.Vars}}'] });
  });

  it("fails a builder with the render error itself, and gives build_name the source's own name", () => {
    const t = template(
      'd.pkr.hcl',
      `source "file" "web" {
  target = "{{ build_name }}-{{ build_type }}.txt"
}
source "file" "bad" {
  target = "{{ upper }}"
}
build {
  source "source.file.web" {
    name = "renamed"
  }
  sources = ["source.file.bad"]
}
`,
    );
    const schema: PluginSchema = {
      kind: 'builder',
      type: 'file',
      settings: [{ name: 'target', type: 'string' }],
    };
    const { builds } = planBuilds(t);
    expect(builds.map((b) => b.name)).toEqual(['file.bad', 'file.renamed']);
    const [bad, web] = builds;
    if (!web || !bad) throw new Error('two builds expected');
    expect(pluginConfig(web.source.body, schema, web.context, 'error')).toEqual({
      config: { target: 'web-file.txt' },
      diagnostics: [],
    });
    expect(
      pluginConfig(bad.source.body, schema, bad.context, 'error').diagnostics.map((d) => [
        d.summary,
        d.detail,
      ]),
    ).toEqual([
      [
        'render \'target\': template: root:1:3: executing "root" at <upper>: wrong number of args for upper: want 1 got 0 in:\n\n{{ upper }}',
        undefined,
      ],
    ]);
  });
});
