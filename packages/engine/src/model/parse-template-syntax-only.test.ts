import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../errors/diagnostic.ts';
import { parseTemplate } from './parse-template.ts';
import type { ParseOptions } from './parse-template.ts';

function errors(diagnostics: Diagnostic[]): [string, number | undefined][] {
  return diagnostics.filter((d) => d.severity === 'error').map((d) => [d.summary, d.subject?.start.line]);
}

function both(filename: string, content: string, options: ParseOptions = {}) {
  const files = [{ filename, content }];
  return {
    syntax: parseTemplate(files, { ...options, syntaxOnly: true }),
    full: parseTemplate(files, options),
  };
}

describe('parseTemplate with syntaxOnly: what Packer checks only after parsing', () => {
  it('accepts unset variables, failing validations and unevaluable locals', () => {
    const content = [
      'variable "unset" {',
      '  type = string',
      '}',
      'variable "image" {',
      '  default = "potato"',
      '  validation {',
      '    condition     = substr(var.image, 0, 4) == "ami-"',
      '    error_message = "Not an AMI."',
      '  }',
      '}',
      'locals {',
      '  a = local.b',
      '  b = local.a',
      '  c = var.undeclared',
      '}',
    ].join('\n');
    const { syntax, full } = both('vars.pkr.hcl', content);
    expect(syntax.template).toBeDefined();
    expect(errors(syntax.diagnostics)).toEqual([]);
    expect(errors(full.diagnostics).map(([summary]) => summary)).toEqual(
      expect.arrayContaining(['Unset variable', 'Invalid value for variable', 'Cycle in local values']),
    );
  });

  it('does not decode sources, builds or communicator blocks', () => {
    const content = [
      'source "null" "a" {}',
      'source "null" "a" {}',
      'communicator "ssh" "main" {}',
      'build {',
      '  sources = ["source.null.a"]',
      '  provisioner {}',
      '  hcp_packer_registry {}',
      '  hcp_packer_registry {}',
      '}',
    ].join('\n');
    const { syntax, full } = both('build.pkr.hcl', content);
    expect(errors(syntax.diagnostics)).toEqual([]);
    expect(syntax.template?.builds).toEqual([]);
    expect(errors(full.diagnostics)).toEqual(
      expect.arrayContaining([
        ['Duplicate source', 2],
        ['Unsupported block type', 3],
      ]),
    );
  });

  it('still reports the structure, the declarations and the given values', () => {
    const content = [
      'packer {',
      '  required_version = ">= 99.0.0"',
      '}',
      'variable "count" {',
      '  type    = number',
      '  default = "many"',
      '}',
      'variable "count" {}',
      'local "x" {',
      '  expression = 1',
      '}',
      'local "x" {',
      '  expression = 2',
      '}',
      'data "null" "d" {}',
      'data "null" "d" {}',
      'unknown {}',
    ].join('\n');
    const { syntax } = both('structure.pkr.hcl', content, { variables: { missing: '1' } });
    expect(errors(syntax.diagnostics)).toEqual([
      ['Unsupported block type', 17],
      ['Unsupported Packer version', 2],
      ['Duplicate variable', 8],
      ['Duplicate data source', 16],
      ['Invalid default value for variable', 6],
      ['Undefined variable', undefined],
      ['Duplicate local value definition', 12],
    ]);
  });
});

describe('parseTemplate with syntaxOnly on a legacy JSON template', () => {
  it('parses the template without validating or interpolating it', () => {
    const content = JSON.stringify(
      {
        min_packer_version: '99.0.0',
        variables: { required: null },
        builders: [],
        provisioners: [{ type: 'shell', inline: ['{{ no_such_function }}'] }],
      },
      null,
      2,
    );
    const { syntax, full } = both('template.json', content);
    expect(syntax.template).toBeDefined();
    expect(errors(syntax.diagnostics)).toEqual([]);
    expect(errors(full.diagnostics).map(([summary]) => summary)).toEqual(
      expect.arrayContaining([
        'No builders',
        'Unsupported Packer version',
        'Invalid template action',
        'Unset variable',
      ]),
    );
  });

  it('still reports keys that are not part of a legacy template', () => {
    const { syntax } = both('template.json', '{ "builders": [{ "type": "null" }], "bogus": 1 }');
    expect(errors(syntax.diagnostics)).toEqual([['Unknown root level key', 1]]);
  });
});
