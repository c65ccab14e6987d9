import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../model/parse-template.ts';
import type { Template } from '../model/template.ts';
import { templateChecks } from './template-checks.ts';

function template(content: string): Template {
  const { template: t, diagnostics } = parseTemplate([{ filename: 't.pkr.hcl', content }]);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return t as Template;
}

const SOURCE = 'source "null" "a" {\n  communicator = "none"\n}\n';

describe('templateChecks', () => {
  it('accepts a build with a source and well-formed settings', () => {
    const t = template(
      `${SOURCE}build {\n  sources = ["source.null.a"]\n  provisioner "shell-local" {\n    pause_before = "1m30s"\n    timeout = "5s"\n    inline = ["true"]\n  }\n}\n`,
    );
    expect(templateChecks(t)).toEqual([]);
  });

  it('requires a build block and a source in every build', () => {
    expect(templateChecks(template(SOURCE)).map((d) => d.summary)).toEqual(['Missing build block']);
    const empty = templateChecks(template(`${SOURCE}build {}\n`));
    expect(empty.map((d) => [d.summary, d.subject?.start.line])).toEqual([['missing source reference', 4]]);
  });

  it('rejects malformed durations with the Go error text', () => {
    const t = template(
      `${SOURCE}build {\n  sources = ["source.null.a"]\n  provisioner "shell-local" {\n    pause_before = "5"\n    timeout = "soon"\n    inline = ["true"]\n  }\n}\n`,
    );
    expect(templateChecks(t).map((d) => [d.summary, d.detail])).toEqual([
      ['Failed to parse pause_before duration', 'time: missing unit in duration "5"'],
      ['Failed to parse timeout duration', 'time: invalid duration "soon"'],
    ]);
  });

  it('checks the registry bucket name and description', () => {
    const t = template(
      `${SOURCE}hcp_packer_registry {\n  bucket_name = "a_b"\n  description = "${'x'.repeat(256)}"\n}\nbuild {\n  sources = ["source.null.a"]\n}\n`,
    );
    expect(templateChecks(t).map((d) => d.summary)).toEqual([
      'hcp_packer_registry.bucket_name can only contain between 3 and 36 ASCII letters, numbers and hyphens',
      'hcp_packer_registry.description should have a maximum length of 255 characters',
    ]);
  });
});
