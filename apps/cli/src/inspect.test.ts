import { afterEach, describe, expect, it } from 'vitest';
import { runInspect } from './inspect.ts';
import { memoryIo } from './io.ts';
import { tempDir } from './test-support/temp-dir.ts';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

describe('runInspect', () => {
  it("prints variables, locals and builds in Packer's HCL2 layout", async () => {
    const d = tempDir({
      'main.pkr.hcl': `variable "region" {
  default = "us-west-2"
}
variable "secret" {
  default   = "hush"
  sensitive = true
}
locals {
  tags = { team = "x" }
  zones = ["a"]
}
source "null" "a" {
  communicator = "none"
}
build {
  name = "named"
  description = "about it"
  sources = ["source.null.a"]
  provisioner "shell-local" {
    name   = "first"
    inline = ["true"]
  }
  post-processor "manifest" {}
  post-processors {
    post-processor "checksum" {}
    post-processor "compress" {}
  }
}
build {
  sources = ["source.null.a"]
}
`,
    });
    dirs.push(d);
    const io = memoryIo({ cwd: d.path });
    expect(await runInspect(['main.pkr.hcl'], io)).toBe(0);
    expect(io.out).toBe(
      [
        'Packer Inspect: HCL2 mode',
        '',
        '> input-variables:',
        '',
        'var.region: "us-west-2"',
        'var.secret: "<sensitive>"',
        '',
        '> local-variables:',
        '',
        'local.tags: "{\\n  \\"team\\" = \\"x\\"\\n}"',
        'local.zones: "[\\n  \\"a\\",\\n]"',
        '',
        '> builds:',
        '',
        '  > named:',
        '',
        '  > Description: about it',
        '',
        '    sources:',
        '',
        '      null.a',
        '',
        '    provisioners:',
        '',
        '      shell-local.first',
        '',
        '    post-processors:',
        '',
        '      0:',
        '        manifest',
        '',
        '      1:',
        '        checksum',
        '        compress',
        '',
        '  > <unnamed build 1>:',
        '',
        '    sources:',
        '',
        '      null.a',
        '',
        '    provisioners:',
        '',
        '      <no provisioner>',
        '',
        '    post-processors:',
        '',
        '      <no post-processor>',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints what initialises when later phases fail: unknown variables, secrets hidden, broken builds left out', async () => {
    const d = tempDir({
      'a.pkr.hcl': `variable "unset" {
  type = list(string)
}
variable "password" {
  default   = "hunter2"
  sensitive = true
}
locals {
  greeting = "the password is hunter2"
  numbers  = { big = 12345678901234567890123, half = 0.5, none = null }
  quoted   = ["tab\there", "zero\u200bwidth"]
}
source "null" "a" {
  communicator = "none"
}
build {
  name    = "kept"
  sources = ["source.null.a"]
  provisioner "shell-local" {
    timeout = "1m30s"
    inline  = ["true"]
  }
}
build {
  name    = "bad-duration"
  sources = ["source.null.a"]
  provisioner "shell-local" {
    pause_before = "5"
    inline       = ["true"]
  }
}
build {
  name    = "no-source"
}
`,
    });
    dirs.push(d);
    const io = memoryIo({ cwd: d.path });
    expect(await runInspect(['a.pkr.hcl'], io)).toBe(0);
    expect(io.out).toBe(
      [
        'Packer Inspect: HCL2 mode',
        '',
        '> input-variables:',
        '',
        'var.password: "<sensitive>"',
        'var.unset: "<unknown>"',
        '',
        '> local-variables:',
        '',
        'local.greeting: "the password is <sensitive>"',
        'local.numbers: "{\\n  \\"big\\" = 1.2345678901234568e+22\\n  \\"half\\" = 0.5\\n}"',
        'local.quoted: "[\\n  \\"tab\\\\there\\",\\n  \\"zero\\\\u200bwidth\\",\\n]"',
        '',
        '> builds:',
        '',
        '  > kept:',
        '',
        '    sources:',
        '',
        '      null.a',
        '',
        '    provisioners:',
        '',
        '      shell-local',
        '',
        '    post-processors:',
        '',
        '      <no post-processor>',
        '',
        '',
      ].join('\n'),
    );
  });

  it('runs data sources, orders HCL files before JSON ones, and drops locals that fail', async () => {
    const d = tempDir({
      'a.pkr.hcl': `data "null" "word" {
  input = "hello"
}
locals {
  word   = data.null.word.output
  upper  = upper(local.word)
  broken = upper(var.nope)
}
source "null" "a" {
  communicator = "none"
}
build {
  name    = "from-hcl"
  sources = ["source.null.a"]
}
`,
      '0.pkr.json': '{"build": {"name": "from-json", "sources": ["source.null.a"]}}',
    });
    dirs.push(d);
    const io = memoryIo({ cwd: d.path });
    expect(await runInspect(['.'], io)).toBe(0);
    expect(io.out).toContain('> local-variables:\n\nlocal.upper: "HELLO"\nlocal.word: "hello"\n\n> builds:');
    expect(io.out.indexOf('> from-hcl:')).toBeLessThan(io.out.indexOf('> from-json:'));
  });

  it('shows no locals when one refers to a local that does not exist', async () => {
    const d = tempDir({ 'a.pkr.hcl': 'locals {\n  fine   = "fine"\n  broken = local.missing\n}\n' });
    dirs.push(d);
    const io = memoryIo({ cwd: d.path });
    expect(await runInspect(['a.pkr.hcl'], io)).toBe(0);
    expect(io.out).toContain('> local-variables:\n\n\n> builds:');
  });

  it("prints a legacy JSON template in Packer's JSON-mode layout", async () => {
    const d = tempDir({
      'legacy.json': JSON.stringify({
        description: 'about it',
        variables: { region: 'us-east-1', token: 'abc', needed: null, count: '2' },
        'sensitive-variables': ['token'],
        builders: [{ type: 'null', name: 'potato' }, { type: 'null' }],
        provisioners: [{ type: 'shell-local', inline: ['echo abc'] }],
      }),
    });
    dirs.push(d);
    const io = memoryIo({ cwd: d.path });
    expect(await runInspect(['-var', 'needed=x', 'legacy.json'], io)).toBe(0);
    expect(io.out).toBe(
      [
        'Packer Inspect: JSON mode',
        'Description:',
        '',
        'about it',
        '',
        'Required variables:',
        '',
        '  needed',
        '',
        'Optional variables and their defaults:',
        '',
        '  count  = 2',
        '  region = us-east-1',
        '  token  = <sensitive>',
        '',
        'Builders:',
        '',
        '  null  ',
        '  potato (null)',
        '',
        'Provisioners:',
        '',
        '  shell-local',
        '',
        'Note: If your build names contain user variables or template',
        "functions such as 'timestamp', these are processed at build time,",
        'and therefore only show in their raw form here.',
        '',
      ].join('\n'),
    );
  });

  it('prints the errors and exits 1 when the template does not parse', async () => {
    const d = tempDir({ 'bad.pkr.hcl': 'build {\n' });
    dirs.push(d);
    const io = memoryIo({ cwd: d.path });
    expect(await runInspect(['bad.pkr.hcl'], io)).toBe(1);
    expect(io.err).toContain('on bad.pkr.hcl line');
    expect(io.out).toBe('');
  });

  it('exits 1 on an error of the parse phase, such as a variable value of the wrong type', async () => {
    const d = tempDir({ 'a.pkr.hcl': 'variable "n" {\n  type    = number\n  default = "x"\n}\n' });
    dirs.push(d);
    const io = memoryIo({ cwd: d.path });
    expect(await runInspect(['a.pkr.hcl'], io)).toBe(1);
    expect(io.err).toContain('Error: ');
    expect(io.out).toBe('');
  });
});
