import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../model/parse-template.ts';
import type { Template } from '../model/template.ts';
import { DEMO_TEMPLATE, testPlugins } from '../test-support/plugins.ts';
import { validateTemplate } from './validate-template.ts';

function template(content: string): Template {
  const { template: t, diagnostics } = parseTemplate([{ filename: 'v.pkr.hcl', content }]);
  expect(diagnostics).toEqual([]);
  return t as Template;
}

describe('validateTemplate', () => {
  it('accepts the demo template', () => {
    expect(validateTemplate(template(DEMO_TEMPLATE), testPlugins([]))).toEqual([]);
  });

  it('reports unknown types, unknown and missing settings, wrong types and prepare() problems, all at once', () => {
    const content = [
      'source "file" "a" {', //  1
      '  content = ["not", "a", "string"]', //  2
      '  colour  = "red"', //  3
      '}', //  4
      'source "file" "b" {', //  5
      '  target = ""', //  6
      '}', //  7
      'source "docker" "c" {', //  8
      '}', //  9
      'build {', // 10
      '  sources = ["source.file.a", "source.file.b", "source.docker.c"]', // 11
      '  provisioner "ansible" {', // 12
      '  }', // 13
      '  provisioner "shell-local" {', // 14
      '    inline = ["id ${build.ID}"]', // 15
      '  }', // 16
      '}', // 17
    ].join('\n');
    const diagnostics = validateTemplate(template(content), testPlugins([]));
    // Unknown provisioner and post-processor types first: Packer finds them as it decodes.
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.line])).toEqual([
      ['Unknown provisioner type "ansible"', 12],
      ['Incorrect attribute value type', 2],
      ['Unsupported argument', 3],
      ['Missing required argument', 1],
      ['Empty target', 5],
      ['Unknown builder type "docker"', 8],
    ]);
    expect(diagnostics[2]?.detail).toBe(
      'An argument named "colour" is not expected in builder "file"; accepted settings: content, target.',
    );
    expect(diagnostics[0]?.detail).toBe(
      'There is no provisioner of type "ansible". Known provisioners: shell-local.',
    );
  });

  it('reports an unknown provisioner type even where except leaves it out, as Packer does', () => {
    const content = [
      'source "file" "a" {',
      '  target = "t"',
      '}',
      'build {',
      '  sources = ["source.file.a"]',
      '  provisioner "bogus" {',
      '    except = ["file.a"]',
      '  }',
      '}',
    ].join('\n');
    expect(
      validateTemplate(template(content), testPlugins([])).map((d) => [d.summary, d.subject?.start.line]),
    ).toEqual([['Unknown provisioner type "bogus"', 6]]);
  });
});
