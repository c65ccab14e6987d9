import { describe, expect, it } from 'vitest';
import { DEMO_TEMPLATE } from '../test-support/plugins.ts';
import { valueToJson } from '../evaluate/to-json.ts';
import { parseTemplate } from './parse-template.ts';

describe('parseTemplate', () => {
  it('decodes the demo template', () => {
    const { template, diagnostics } = parseTemplate([{ filename: 'demo.pkr.hcl', content: DEMO_TEMPLATE }]);
    expect(diagnostics).toEqual([]);
    expect(template?.packer[0]?.requiredVersion).toBe('>= 1.10.0');
    expect(template?.sources.map((s) => `${s.type}.${s.name}`)).toEqual(['file.hello']);
    const build = template?.builds[0];
    expect(build?.name).toBe('demo');
    expect(build?.sources.map((s) => `${s.type}.${s.name}`)).toEqual(['file.hello']);
    expect(build?.provisioners.map((p) => p.type)).toEqual(['shell-local']);
    expect(build?.registry).toMatchObject({ bucketName: 'demo', description: 'Demo image' });
  });

  it('reports unknown blocks and arguments with their positions, all of them', () => {
    const content = [
      'sorce "file" "x" {',
      '}',
      'build {',
      '  nme = "x"',
      '  provisoner "shell" {}',
      '}',
      'variable "v" {',
      '  typ = string',
      '}',
    ].join('\n');
    const { diagnostics } = parseTemplate([{ filename: 'bad.pkr.hcl', content }]);
    expect(
      diagnostics.map((d) => [
        d.summary,
        d.subject?.filename,
        d.subject?.start.line,
        d.subject?.start.column,
      ]),
    ).toEqual([
      ['Unsupported block type', 'bad.pkr.hcl', 1, 1],
      ['Unsupported argument', 'bad.pkr.hcl', 8, 3],
      ['Unset variable', 'bad.pkr.hcl', 7, 10],
      ['Unsupported argument', 'bad.pkr.hcl', 4, 3],
      ['Unsupported block type', 'bad.pkr.hcl', 5, 3],
    ]);
  });

  it('returns no template and every syntax error when a file does not parse', () => {
    const { template, diagnostics } = parseTemplate([
      { filename: 'a.pkr.hcl', content: 'build {\n  name = \n}\n' },
      { filename: 'b.pkr.hcl', content: 'source "x" {' },
    ]);
    expect(template).toBeUndefined();
    expect(diagnostics.map((d) => d.subject?.filename)).toEqual(['a.pkr.hcl', 'b.pkr.hcl']);
  });

  it('evaluates variables by precedence, converts their type and orders locals by dependency', () => {
    const content = [
      'variable "region" {',
      '  type    = string',
      '  default = "eu-west-1"',
      '}',
      'variable "count" {',
      '  type    = number',
      '  default = 1',
      '}',
      'locals {',
      '  full = "${local.prefix}-${var.region}"',
      '  prefix = "img-${var.count}"',
      '}',
      'local "secret" {',
      '  expression = "s3cret"',
      '  sensitive  = true',
      '}',
    ].join('\n');
    const { template, diagnostics } = parseTemplate([{ filename: 'v.pkr.hcl', content }], {
      env: { PKR_VAR_region: 'us-east-1' },
      varFiles: [{ filename: 'x.pkrvars.hcl', content: 'count = "2"\n' }],
      variables: { count: '3' },
    });
    expect(diagnostics).toEqual([]);
    expect(valueToJson(template?.localValues.get('full') ?? (undefined as never))).toBe('img-3-us-east-1');
    expect(template?.variableValues.get('count')?.type.kind).toBe('number');
    expect(template?.localValues.get('secret')?.isSensitive).toBe(true);
  });

  it('reports cycles in locals, unset variables, unknown -var names and failed validations', () => {
    const content = [
      'locals {',
      '  a = local.b',
      '  b = local.a',
      '}',
      'variable "unset" {}',
      'variable "size" {',
      '  default = 1',
      '  validation {',
      '    condition     = var.size > 5',
      '    error_message = "The size must be above 5."',
      '  }',
      '}',
    ].join('\n');
    const { diagnostics } = parseTemplate([{ filename: 'c.pkr.hcl', content }], { variables: { nope: 'x' } });
    const summaries = diagnostics.map((d) => d.summary);
    expect(summaries).toContain('Cycle in local values');
    expect(summaries).toContain('Unset variable');
    expect(summaries).toContain('Undefined variable');
    expect(diagnostics.find((d) => d.summary === 'Invalid value for variable')?.detail).toContain(
      'The size must be above 5.',
    );
    expect(diagnostics.find((d) => d.summary === 'Cycle in local values')?.detail).toContain(
      'local.a -> local.b -> local.a',
    );
  });

  it('checks required_version against the Packer version Kiln behaves as', () => {
    const { diagnostics } = parseTemplate([
      { filename: 'p.pkr.hcl', content: 'packer {\n  required_version = ">= 2.0.0"\n}\n' },
    ]);
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.line])).toEqual([
      ['Unsupported Packer version', 2],
    ]);
  });
});

describe('parseTemplate with HCL JSON files', () => {
  const json = `{
  "packer": { "required_version": ">= 1.10.0" },
  "variable": { "greeting": { "type": "string", "default": "hello" } },
  "source": { "file": { "hello": { "content": "\${var.greeting} from kiln", "target": "hello.txt" } } },
  "build": {
    "name": "demo",
    "sources": ["source.file.hello"],
    "provisioner": [{ "shell-local": { "only": ["file.hello"], "inline": ["echo \${source.name}"] } }],
    "hcp_packer_registry": { "bucket_name": "demo" }
  }
}`;

  it('decodes the same model as native syntax', () => {
    const { template, diagnostics } = parseTemplate([{ filename: 'demo.pkr.json', content: json }]);
    expect(diagnostics).toEqual([]);
    expect(template?.packer[0]?.requiredVersion).toBe('>= 1.10.0');
    expect(template?.variables.map((v) => [v.name, v.type.kind])).toEqual([['greeting', 'string']]);
    expect(template?.builds[0]?.provisioners.map((p) => [p.type, p.only, p.body.json !== undefined])).toEqual(
      [['shell-local', ['file.hello'], true]],
    );
    expect(template?.builds[0]?.registry?.bucketName).toBe('demo');
  });

  it('mixes native and JSON files of one template', () => {
    const { template, diagnostics } = parseTemplate([
      { filename: 'vars.pkr.hcl', content: 'variable "greeting" {\n  default = "hi"\n}\n' },
      {
        filename: 'main.pkr.json',
        content: '{ "source": { "file": { "x": { "target": "${var.greeting}" } } } }',
      },
    ]);
    expect(diagnostics).toEqual([]);
    expect(template?.sources.map((s) => s.name)).toEqual(['x']);
  });

  it('reports unknown JSON properties at their position', () => {
    const { diagnostics } = parseTemplate([{ filename: 'bad.pkr.json', content: '{\n  "bild": {}\n}' }]);
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.line, d.subject?.start.column])).toEqual([
      ['Unsupported argument', 2, 3],
    ]);
  });
});

describe('parseTemplate with the function library', () => {
  it('calls functions, allowing env() only in variable defaults', () => {
    const content = [
      'variable "home" {',
      '  default = env("KILN_TEST_HOME")',
      '}',
      'locals {',
      '  shout = upper("${var.home}-${max(1, 5)}")',
      '  bad   = env("KILN_TEST_HOME")',
      '}',
    ].join('\n');
    const { template, diagnostics } = parseTemplate([{ filename: 'f.pkr.hcl', content }], {
      env: { KILN_TEST_HOME: '/home/kiln' },
    });
    expect(valueToJson(template?.localValues.get('shout') ?? (undefined as never))).toBe('/HOME/KILN-5');
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.line])).toEqual([
      ['Call to unknown function', 6],
    ]);
  });

  it('renders templatefile() with the engine template parser', () => {
    const content = 'locals {\n  text = templatefile("t.tpl", { name = "kiln" })\n}\n';
    const { template, diagnostics } = parseTemplate([{ filename: 'f.pkr.hcl', content }], {
      rootDir: '/tpl',
      functionContext: {
        baseDir: '/tpl',
        now: () => new Date(0),
        readFile: (path) =>
          new TextEncoder().encode(path === '/tpl/t.tpl' ? 'hello ${name}%{ if true }!%{ endif }' : ''),
        stat: () => 'file',
      },
    });
    expect(diagnostics).toEqual([]);
    expect(valueToJson(template?.localValues.get('text') ?? (undefined as never))).toBe('hello kiln!');
  });
});

describe('parseTemplate: packer block and registry', () => {
  it('reads required_plugins and reports malformed entries', () => {
    const content = [
      'packer {',
      '  required_plugins {',
      '    amazon = { source = "github.com/hashicorp/amazon", version = ">= 1" }',
      '    azure  = { source = "azure" }',
      '    docker = ">= 1"',
      '  }',
      '}',
    ].join('\n');
    const { template, diagnostics } = parseTemplate([{ filename: 'p.pkr.hcl', content }]);
    expect(template?.packer[0]?.requiredPlugins.map((p) => [p.name, p.source, p.version])).toEqual([
      ['amazon', 'github.com/hashicorp/amazon', '>= 1'],
    ]);
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.line])).toEqual([
      ['Failed to parse source', 4],
      ['Invalid plugin requirement', 5],
    ]);
  });

  it('rejects an argument set twice in one body while parsing, as HCL does', () => {
    const content = [
      'packer {',
      '  required_plugins {',
      '    amazon = { source = "github.com/hashicorp/amazon", version = ">= 1" }',
      '    amazon = { source = "github.com/hashicorp/amazon", version = ">= 2" }',
      '  }',
      '}',
    ].join('\n');
    const { template, diagnostics } = parseTemplate([{ filename: 'p.pkr.hcl', content }]);
    expect(template).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        summary: 'Attribute redefined',
        detail: 'The argument "amazon" was already set at p.pkr.hcl:3,5. Each argument may be set only once.',
        subject: expect.objectContaining({ start: expect.objectContaining({ line: 4, column: 5 }) }),
      }),
    ]);
  });

  it('applies a top-level hcp_packer_registry to builds without their own', () => {
    const content = [
      'source "null" "a" {',
      '}',
      'hcp_packer_registry {',
      '  bucket_name = "shared"',
      '}',
      'build {',
      '  name    = "one"',
      '  sources = ["null.a"]',
      '}',
    ].join('\n');
    const { template, diagnostics } = parseTemplate([{ filename: 'r.pkr.hcl', content }]);
    expect(diagnostics).toEqual([]);
    expect(template?.registry?.bucketName).toBe('shared');
  });

  it('refuses a validation error_message that is not a sentence, as Packer does', () => {
    const variable = (message: string) =>
      `variable "v" {\n  default = "x"\n  validation {\n    condition     = var.v != ""\n    error_message = ${message}\n  }\n}\n`;
    const problems = (message: string) =>
      parseTemplate([{ filename: 'v.pkr.hcl', content: variable(message) }]).diagnostics.map((d) => [
        d.summary,
        d.subject?.start.line,
      ]);
    expect(problems('"bad"')).toEqual([['Invalid validation error message', 5]]);
    expect(problems('""')).toEqual([['Invalid validation error message', 5]]);
    expect(problems('"Must be set."')).toEqual([]);
    expect(problems('"¿Qué? ok!"')).toEqual([]);
  });
});
