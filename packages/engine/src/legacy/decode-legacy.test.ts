import { describe, expect, it } from 'vitest';
import { pluginConfig } from '../evaluate/plugin-config.ts';
import { parseTemplate } from '../model/parse-template.ts';
import { planBuilds } from '../plan/plan-builds.ts';
import { validateTemplate } from '../plan/validate-template.ts';
import { testPlugins } from '../test-support/plugins.ts';
import { stepConfig, withBuild } from '../plan/plugin-context.ts';

const START = new Date('2024-01-02T03:04:05Z');

const TEMPLATE = `{
  "description": "two files",
  "_comment": "ignored",
  "variables": {
    "fruit": "apple",
    "size": "3",
    "greeting": "hello {{user \`fruit\`}}",
    "home": "{{env \`HOME_DIR\`}}",
    "secret": null
  },
  "sensitive-variables": ["secret"],
  "builders": [
    { "type": "file", "target": "{{user \`fruit\`}}-{{build_name}}.txt", "content": "{{timestamp}} {{isotime \`2006-01-02\`}}" },
    { "type": "file", "name": "second", "target": "{{ upper (user \`fruit\`) }}|{{ user \`fruit\` | lower }}|{{ split \`a,b,c\` \`,\` 1 }}" }
  ],
  "provisioners": [
    { "type": "shell-local", "only": ["second"], "inline": ["{{build_type}} {{replace_all \`a\` \`o\` \`banana\`}}", "{{ .Path }} \${var.x}"] },
    { "type": "shell-local", "except": ["second"], "inline": ["x"], "override": { "file": { "inline": ["overridden"] } } }
  ],
  "post-processors": [
    "checksum",
    [{ "type": "checksum", "only": ["file"] }, { "type": "checksum", "keep_input_artifact": true }]
  ]
}`;

function parse(content: string, env: Record<string, string> = {}, variables?: Record<string, string>) {
  return parseTemplate([{ filename: 'template.json', content }], {
    env,
    functionContext: { baseDir: '.', now: () => START, startTime: START },
    ...(variables ? { variables } : {}),
  });
}

describe('legacy JSON templates', () => {
  it('decodes into the template model with builds named after the builders', () => {
    const { template, diagnostics } = parse(TEMPLATE, { HOME_DIR: '/home/me' }, { secret: 's3' });
    expect(diagnostics).toEqual([]);
    if (!template) throw new Error('no template');
    expect(template.variables.map((v) => [v.name, v.sensitive])).toEqual([
      ['fruit', false],
      ['size', false],
      ['greeting', false],
      ['home', false],
      ['secret', true],
    ]);
    expect(template.variableValues.get('greeting')?.asString()).toBe('hello apple');
    expect(template.variableValues.get('size')?.asString()).toBe('3');
    expect(template.variableValues.get('home')?.asString()).toBe('/home/me');
    const { builds } = planBuilds(template);
    expect(builds.map((b) => [b.name, b.sourceType, b.description])).toEqual([
      ['file', 'file', 'two files'],
      ['second', 'file', 'two files'],
    ]);
    expect(builds.map((b) => b.provisioners.length)).toEqual([1, 1]);
    expect(builds.map((b) => b.postProcessors.map((c) => c.length))).toEqual([
      [1, 2],
      [1, 1],
    ]);
    expect(builds[1]?.postProcessors[1]?.[0]?.keepInputArtifact).toBe(true);
    const plugins = testPlugins([]);
    const schema = plugins.builder('file')?.schema;
    if (!schema || !builds[0] || !builds[1]) throw new Error('missing');
    expect(pluginConfig(builds[0].source.body, schema, builds[0].context, 'error').config).toEqual({
      target: 'apple-file.txt',
      content: '1704164645 2024-01-02',
    });
    expect(pluginConfig(builds[1].source.body, schema, builds[1].context, 'error').config).toEqual({
      target: 'APPLE|apple|b',
    });
    const shell = plugins.provisioner('shell-local')?.schema;
    if (!shell) throw new Error('missing');
    const [first] = builds[1].provisioners;
    if (!first) throw new Error('missing');
    expect(stepConfig(first, shell, withBuild(builds[1].context, ''), 'file.second', 'error').config).toEqual(
      {
        inline: ['file bonono', '<no value> ${var.x}'],
      },
    );
    const [other] = builds[0].provisioners;
    if (!other) throw new Error('missing');
    expect(stepConfig(other, shell, withBuild(builds[0].context, ''), 'file.file', 'error').config).toEqual({
      inline: ['overridden'],
    });
    expect(validateTemplate(template, plugins)).toEqual([]);
  });

  it('reports unknown keys, bad shapes and unknown functions with their position', () => {
    const { diagnostics } = parse(`{
  "builders": [{ "type": "file", "target": "{{nope}}" }, { "name": "x" }],
  "provisioners": "not an array",
  "post-processors": [[["nested"]]],
  "hello": "world"
}`);
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.line, d.subject?.start.column])).toEqual([
      ['Unknown root level key', 5, 3],
      ['Invalid template action', 2, 44],
      ['Missing builder type', 2, 58],
      ['Incorrect JSON value type', 3, 19],
      ['Nested post-processor sequence', 4, 24],
    ]);
    expect(diagnostics[1]?.detail).toBe('In "{{nope}}": template: root:1: function "nope" not defined.');
  });

  it('reports JSON syntax errors, unknown builders in only, env outside variables and a missing required variable', () => {
    expect(parse('{\n  "builders": [\n}').diagnostics.map((d) => [d.summary, d.subject?.start.line])).toEqual(
      [['Invalid JSON value', 3]],
    );
    const { diagnostics } = parse(`{
  "variables": { "required": null },
  "builders": [{ "type": "file", "target": "{{env \`X\`}}" }],
  "provisioners": [{ "type": "shell-local", "only": ["nope"] }]
}`);
    expect(diagnostics.map((d) => d.summary)).toEqual([
      'Invalid template action',
      'Unknown builder',
      'Unset variable',
    ]);
  });

  it('reads nested blocks written as objects against the plugin schema', () => {
    const { template } = parse(
      '{ "builders": [{ "type": "disk", "filter": { "name": "x" }, "device": [{ "size": 1 }, { "size": 2 }] }] }',
    );
    const source = template?.sources[0];
    if (!template || !source) throw new Error('no template');
    const schema = {
      kind: 'builder' as const,
      type: 'disk',
      settings: [
        { name: 'filter', type: 'block' as const, block: [{ name: 'name', type: 'string' as const }] },
        {
          name: 'device',
          type: 'block' as const,
          repeated: true,
          block: [{ name: 'size', type: 'number' as const }],
        },
      ],
    };
    expect(pluginConfig(source.body, schema, template.context, 'error')).toEqual({
      config: { filter: { name: 'x' }, device: [{ size: 1 }, { size: 2 }] },
      diagnostics: [],
    });
  });

  it('refuses a legacy template mixed with HCL files', () => {
    const { diagnostics } = parseTemplate([
      { filename: 'a.json', content: '{}' },
      { filename: 'b.pkr.hcl', content: '' },
    ]);
    expect(diagnostics.map((d) => d.summary)).toEqual(['Legacy JSON template among other files']);
  });

  it('refuses a variable default that is not a string or null, as Packer does', () => {
    const content =
      '{\n  "variables": {"count": 2, "flag": true, "list": [1], "ok": "x", "required": null},\n  "builders": [{"type": "null", "communicator": "none"}]\n}';
    const { diagnostics } = parse(content, {}, { required: 'set' });
    expect(diagnostics.map((d) => [d.severity, d.detail, d.subject?.start.line])).toEqual([
      ['error', 'variable "count" must be a string (or null for a required variable), not a number.', 2],
      ['error', 'variable "flag" must be a string (or null for a required variable), not a boolean.', 2],
      ['error', 'variable "list" must be a string (or null for a required variable), not an array.', 2],
    ]);
  });

  it("decodes builders and provisioners weakly and post-processors strictly, as Packer's mapstructure does", () => {
    const { template, diagnostics } = parse(`{
  "builders": [{ "type": "file", "name": 1, "target": "a" }, { "type": "file", "target": "b" }],
  "provisioners": [
    { "type": "shell-local", "except": "file", "inline": ["x"], "max_retries": 2, "pause_before": 5 },
    { "type": "shell-local", "only": 1, "inline": ["y"], "max_retries": "3", "timeout": "1m" },
    { "type": "shell-local", "only": null, "except": {}, "inline": ["z"] }
  ],
  "post-processors": [{ "type": "checksum", "only": "file" }]
}`);
    expect(diagnostics.map((d) => [d.summary, d.detail, d.subject?.start.line])).toEqual([
      [
        'Incorrect JSON value type',
        '"only" of post-processor 1 must be an array of strings, not a string.',
        8,
      ],
    ]);
    const provisioners = template?.builds[0]?.provisioners ?? [];
    expect(provisioners.map((p) => [p.only, p.except, p.maxRetries, p.pauseBefore, p.timeout])).toEqual([
      [[], ['file.file'], 2, '5ns', undefined],
      [['file.1'], [], 3, undefined, '1m'],
      [[], [], 0, undefined, undefined],
    ]);
    expect(template?.sources.map((s) => s.name)).toEqual(['1', 'file']);
  });

  it('reports only and except both set, and an empty type, as Packer does', () => {
    const { diagnostics } = parse(`{
  "builders": [{ "type": "file", "target": "a" }, { "type": "" }],
  "provisioners": [{ "type": "shell-local", "only": "file", "except": ["nope"], "inline": ["x"] },
    { "type": "shell-local", "only": [], "except": ["file"], "inline": ["x"] }]
}`);
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.line])).toEqual([
      ['Missing builder type', 2],
      ['Conflicting only and except', 3],
    ]);
  });

  it("reads plugin settings weakly, as Packer's plugins decode legacy JSON", () => {
    const { template, diagnostics } = parse(`{
  "builders": [{ "type": "file", "target": "a" }],
  "provisioners": [{ "type": "shell-local", "execute_command": "bash {{.Vars}} {{.Script}}",
    "environment_vars": "A=1,B=2", "inline": "", "env": [], "only_on": 7, "valid": 0,
    "use_linux_pathing": "0", "tempfile_extension": true, "count": "", "ratio": 1.5 }]
}`);
    expect(diagnostics).toEqual([]);
    const list = { type: 'list(string)' as const };
    const schema = {
      kind: 'provisioner' as const,
      type: 'shell-local',
      settings: [
        { name: 'execute_command', ...list, renderedBy: 'plugin' as const },
        { name: 'environment_vars', ...list },
        { name: 'inline', ...list },
        { name: 'only_on', ...list },
        { name: 'env', type: 'map(string)' as const },
        { name: 'valid', type: 'bool' as const },
        { name: 'use_linux_pathing', type: 'bool' as const },
        { name: 'tempfile_extension', type: 'string' as const },
        { name: 'count', type: 'number' as const },
        { name: 'ratio', type: 'string' as const },
      ],
    };
    const step = template?.builds[0]?.provisioners[0];
    if (!template || !step) throw new Error('missing');
    expect(pluginConfig(step.body, schema, template.context, 'error')).toEqual({
      config: {
        execute_command: ['bash {{.Vars}} {{.Script}}'],
        environment_vars: ['A=1', 'B=2'],
        inline: [],
        only_on: ['7'],
        env: {},
        valid: false,
        use_linux_pathing: false,
        tempfile_extension: '1',
        count: 0,
        ratio: '1.5',
      },
      diagnostics: [],
    });
  });

  it("passes a provisioner's name to its plugin and reads an override list as one object, as Packer does", () => {
    const { template, diagnostics } = parse(`{
  "builders": [{ "type": "file", "target": "a" }],
  "provisioners": [{ "type": "shell-local", "name": "n", "inline": ["x"], "override": [{ "file": { "inline": ["y"] } }] },
    { "type": "shell-local", "inline": ["z"], "override": [] }]
}`);
    expect(diagnostics).toEqual([]);
    const [first, second] = template?.builds[0]?.provisioners ?? [];
    expect(first?.body.attributes.map((a) => a.name)).toEqual(['name', 'inline']);
    expect(first?.name).toBeUndefined();
    expect(first?.override?.kind).toBe('object');
    expect(second?.override).toEqual(expect.objectContaining({ kind: 'object', items: [] }));
  });

  it('parses pause_before and timeout strings as it decodes, and reads a null list as none', () => {
    const { diagnostics } = parse(`{
  "builders": [{ "type": "file", "target": "a" }],
  "provisioners": [{ "type": "shell-local", "inline": ["x"], "pause_before": "" },
    { "type": "shell-local", "inline": ["x"], "timeout": "{{user \`t\`}}" }],
  "post-processors": [{ "type": "checksum", "only": null }]
}`);
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.line])).toEqual([
      ['Invalid duration', 3],
      ['Invalid duration', 4],
    ]);
  });
});
