/**
 * Strings of legacy JSON templates that use Go's template language beyond calls of Packer's
 * functions, rendered as stock Packer 1.16.0 renders them. Each row is one string and what
 * `packer build` produced from it: as the `content` of a `file` builder (named `b10`), and in the
 * `inline` of a shell-local provisioner and post-processor of a `null` builder (named `nb`).
 * `undefined`: Packer failed (see the failures below).
 */
import { describe, expect, it } from 'vitest';
import { type EvalContext, withVariables } from '../evaluate/context.ts';
import { evaluate } from '../evaluate/expression.ts';
import { pluginConfig } from '../evaluate/plugin-config.ts';
import { parseTemplate } from '../model/parse-template.ts';
import { planBuilds } from '../plan/plan-builds.ts';
import { stepConfig } from '../plan/plugin-context.ts';
import type { JsonObject } from '../spi/json.ts';
import type { PluginSchema } from '../spi/plugin.ts';
import { legacyAsWritten } from './go-template.ts';
import { DYNAMIC_VAL, objectVal, stringVal } from '../values/value.ts';

const START = new Date('2024-01-02T03:04:05Z');
const VARIABLES = { fruit: 'apple', n: '3', csv: 'a,b,c', empty: '' };

const FILE: PluginSchema = {
  kind: 'builder',
  type: 'file',
  settings: [
    { name: 'content', type: 'string' },
    { name: 'target', type: 'string' },
  ],
};
const SHELL_LOCAL_SETTINGS = [
  { name: 'inline', type: 'list(string)' as const },
  { name: 'environment_vars', type: 'list(string)' as const },
  { name: 'execute_command', type: 'list(string)' as const, renderedBy: 'plugin' as const },
];
const SHELL_LOCAL: PluginSchema = {
  kind: 'provisioner',
  type: 'shell-local',
  settings: SHELL_LOCAL_SETTINGS,
};
const SHELL_LOCAL_PP: PluginSchema = {
  kind: 'post-processor',
  type: 'shell-local',
  settings: SHELL_LOCAL_SETTINGS,
};

/** [string, builder's content, provisioner's inline, post-processor's inline] as Packer rendered them. */
const CASES: [string, string | undefined, string, string][] = [
  ['{{if eq (user `fruit`) `apple`}}A{{else}}B{{end}}', 'A', 'A', 'A'],
  [
    '{{.ID}}',
    '<no value>',
    'Build_ID. To set this dynamically in the Packer template, you must use the `build` function',
    'Build_ID. To set this dynamically in the Packer template, you must use the `build` function',
  ],
  ['{{printf `%s-%d` (user `fruit`) 7}}', 'apple-7', 'apple-7', 'apple-7'],
  ['{{len (user `fruit`)}}', '5', '5', '5'],
  ['{{slice (user `fruit`) 1 3}}', 'pp', 'pp', 'pp'],
  ['{{ $x := user `n` }}{{$x}}', '3', '3', '3'],
  ['{{with $y := user `fruit`}}[{{$y}}]{{end}}', '[apple]', '[apple]', '[apple]'],
  ['{{range $i := split (user `csv`) `,` 0 | printf `%s` | len}}{{$i}}{{end}}', '0', '0', '0'],
  ['{{build_name}}/{{build_type}}', 'b10/file', 'nb/null', 'nb/null'],
  ['{{ $n := `fruit` }}{{user $n}}', 'apple', 'apple', 'apple'],
  ['{{if .ID}}has{{else}}none{{end}} {{len .}}', undefined, 'has 13', 'has 13'],
  [
    '{{range $k, $v := .}}{{$k}},{{end}}',
    '',
    'ConnType,Host,ID,PackerHTTPAddr,PackerHTTPIP,PackerHTTPPort,PackerRunUUID,Password,Port,SSHPrivateKey,SSHPublicKey,User,WinRMPassword,',
    'ConnType,Host,ID,PackerHTTPAddr,PackerHTTPIP,PackerHTTPPort,PackerRunUUID,Password,Port,SSHPrivateKey,SSHPublicKey,User,WinRMPassword,',
  ],
  ['{{printf `%T` .}}', '<nil>', 'map[interface {}]interface {}', 'map[interface {}]interface {}'],
  ['{{upper (user `fruit`) | printf `%q`}}', '"APPLE"', '"APPLE"', '"APPLE"'],
  ['{{define `T`}}<{{.}}>{{end}}{{template `T` user `fruit`}}', '<apple>', '<apple>', '<apple>'],
  [
    '{{index . `ConnType`}}',
    undefined,
    'Build_ConnType. To set this dynamically in the Packer template, you must use the `build` function',
    'Build_ConnType. To set this dynamically in the Packer template, you must use the `build` function',
  ],
  ['{{or (user `empty`) `fallback`}}', 'fallback', 'fallback', 'fallback'],
  ['{{not (user `empty`)}} {{and 1 0}}', 'true 0', 'true 0', 'true 0'],
  ['{{printf `%v %5.2f %x` true 3.14159 255}}', 'true  3.14 ff', 'true  3.14 ff', 'true  3.14 ff'],
  ['{{replace_all `p` `P` (user `fruit`) | lower | upper}}', 'APPLE', 'APPLE', 'APPLE'],
  ['{{range $i := 3}}{{$i}}{{end}}', '012', '012', '012'],
];

function decode(content: object, inputs: Record<string, string> = {}) {
  const { template, diagnostics } = parseTemplate(
    [{ filename: 'template.json', content: JSON.stringify(content) }],
    { functionContext: { baseDir: '.', now: () => START, startTime: START }, variables: inputs },
  );
  if (!template) throw new Error(diagnostics.map((d) => d.detail).join('\n'));
  const [build] = planBuilds(template).builds;
  if (!build) throw new Error('no build');
  return { build, diagnostics };
}

function builderConfig(text: string) {
  const { build } = decode({
    variables: VARIABLES,
    builders: [{ type: 'file', name: 'b10', target: 'x', content: text }],
  });
  return pluginConfig(build.source.body, FILE, build.context, 'error');
}

function stepConfigs(settings: JsonObject, ctx?: (c: EvalContext) => EvalContext) {
  const { build } = decode({
    variables: VARIABLES,
    builders: [{ type: 'null', name: 'nb' }],
    provisioners: [{ type: 'shell-local', ...settings }],
    'post-processors': [{ type: 'shell-local', ...settings }],
  });
  const context = ctx ? ctx(build.context) : withVariables(build.context, { build: DYNAMIC_VAL });
  const [provisioner] = build.provisioners;
  const postProcessor = build.postProcessors[0]?.[0];
  if (!provisioner || !postProcessor) throw new Error('missing steps');
  return {
    provisioner: stepConfig(provisioner, SHELL_LOCAL, context, 'null.nb', 'error'),
    postProcessor: stepConfig(postProcessor, SHELL_LOCAL_PP, context, 'null.nb', 'error'),
  };
}

describe('legacy JSON strings rendered with Go text/template, as Packer renders them', () => {
  it.each(CASES)('%s', (text, builder, provisioner, postProcessor) => {
    if (builder !== undefined)
      expect(builderConfig(text)).toEqual({ config: { target: 'x', content: builder }, diagnostics: [] });
    const steps = stepConfigs({ inline: [text] });
    expect(steps.provisioner).toEqual({ config: { inline: [provisioner] }, diagnostics: [] });
    expect(steps.postProcessor).toEqual({ config: { inline: [postProcessor] }, diagnostics: [] });
  });

  it('hands a plugin the placeholders Packer prepares it with; other fields have no value', () => {
    // Packer prepares with `{{.WinRMPassword}}` (BasicPlaceholderData); its shell-local renders
    // its lines again while it runs, with the build's data, where Packer printed `<no value>`.
    // Only settings a plugin renders itself (`renderedBy: 'plugin'`) keep their fields as written.
    const steps = stepConfigs({ inline: ['{{.WinRMPassword}}', '{{.X}} {{user `fruit`}}'] });
    expect(steps.provisioner.config).toEqual({ inline: ['{{.WinRMPassword}}', '<no value> apple'] });
    expect(steps.postProcessor.config).toEqual({ inline: ['{{.WinRMPassword}}', '<no value> apple'] });
    expect(builderConfig('{{.X}}|{{.WinRMPassword}}').config).toEqual({
      target: 'x',
      content: '<no value>|<no value>',
    });
  });

  it('leaves the settings a plugin renders itself as written', () => {
    const command = [
      'sh',
      '-c',
      '{{if .Vars}}{{.Vars}} {{end}}{{.Script}} {{user `fruit`}}',
      '{{.Vars}} {{user `n`}}',
    ];
    const steps = stepConfigs({ inline: ['x'], execute_command: command });
    expect(steps.provisioner.config.execute_command).toEqual([
      'sh',
      '-c',
      '{{if .Vars}}{{.Vars}} {{end}}{{.Script}} {{user `fruit`}}',
      '{{.Vars}} 3',
    ]);
  });

  it('fails as Packer fails, at the string that does not render', () => {
    // Packer: render 'content': template: root:1:35: executing "root" at <len .>: error calling len: ...
    expect(
      builderConfig('{{if .ID}}has{{else}}none{{end}} {{len .}}').diagnostics.map((d) => d.detail),
    ).toEqual([
      'In "{{if .ID}}has{{else}}none{{end}} {{len .}}": template: root:1:35: executing "root" at <len .>: error calling len: reflect: call of reflect.Value.Type on zero Value.',
    ]);
    // Packer: render 'content': template: root:1:2: executing "root" at <index . `ConnType`>: error calling index: index of untyped nil
    expect(builderConfig('{{index . `ConnType`}}').diagnostics.map((d) => d.detail)).toEqual([
      'In "{{index . `ConnType`}}": template: root:1:2: executing "root" at <index . `ConnType`>: error calling index: index of untyped nil.',
    ]);
    // Packer: render 'inline': template: root:1:59: executing "root" at <len>: can't use 1 to iterate over more than one variable
    const text = '{{range $i, $e := split (user `csv`) `,` 0 | printf `%s` | len}}{{$i}}{{end}}';
    expect(stepConfigs({ inline: [text] }).provisioner.diagnostics.map((d) => d.detail)).toEqual([
      `In ${JSON.stringify(text)}: template: root:1:59: executing "root" at <len>: can't use 1 to iterate over more than one variable.`,
    ]);
  });

  it('renders variable defaults keeping their {{ .X }} actions, as Packer does', () => {
    // packer inspect / build: dflt = "yes-{{.Foo}}"
    const { build } = decode({
      variables: {
        fruit: 'apple',
        dflt: '{{if eq (user `fruit`) `apple`}}yes{{else}}no{{end}}-{{.Foo}}',
      },
      builders: [{ type: 'file', name: 'b', target: 'x', content: '{{user `dflt`}}' }],
    });
    expect(pluginConfig(build.source.body, FILE, build.context, 'error').config.content).toBe('yes-{{.Foo}}');
  });

  it('is unknown while a value it reads is unknown, and sensitive when it reads a sensitive value', () => {
    const template = {
      variables: { fruit: 'apple', secret: 's3cr3t' },
      'sensitive-variables': ['secret'],
      builders: [{ type: 'null', name: 'nb' }],
      provisioners: [
        {
          type: 'shell-local',
          inline: [
            '{{if eq (user `fruit`) `apple`}}{{user `secret`}}{{end}}',
            '{{if false}}{{build `ID`}}{{end}}{{len (user `fruit`)}}',
            '{{if true}}{{build `ID`}}{{end}}',
          ],
        },
      ],
    };
    const { build } = decode(template);
    const [provisioner] = build.provisioners;
    if (!provisioner) throw new Error('missing');
    const validating = stepConfig(
      provisioner,
      SHELL_LOCAL,
      withVariables(build.context, { build: DYNAMIC_VAL }),
      'null.nb',
      'placeholder',
    );
    expect(validating).toEqual({ config: { inline: ['s3cr3t', '5', '<unknown>'] }, diagnostics: [] });
    const running = withVariables(build.context, { build: objectVal({ ID: stringVal('i-123') }) });
    expect(pluginConfig(provisioner.body, SHELL_LOCAL, running, 'error').config.inline).toEqual([
      's3cr3t',
      '5',
      'i-123',
    ]);
    const inline = provisioner.body.attributes[0]?.expr;
    if (inline?.kind !== 'tuple') throw new Error('missing');
    const [secret, count] = inline.items.map((item) => evaluate(item, running).value);
    expect([secret?.isSensitive, count?.isSensitive]).toEqual([true, false]);
  });

  it('gives the string as written for a setting its plugin renders (legacyAsWritten)', () => {
    const { build } = decode({
      variables: VARIABLES,
      builders: [
        { type: 'file', name: 'b', target: 'x', content: '{{if true}}{{user `fruit`}}{{end}} {{.X}}' },
      ],
    });
    const content = build.source.body.attributes.find((a) => a.name === 'content');
    if (!content) throw new Error('missing');
    expect(evaluate(content.expr, build.context).value.asString()).toBe('apple <no value>');
    expect(evaluate(legacyAsWritten(content.expr), build.context).value.asString()).toBe(
      '{{if true}}{{user `fruit`}}{{end}} {{.X}}',
    );
  });
});
