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

  it('prints the errors and exits 1 when the template does not parse', async () => {
    const d = tempDir({ 'bad.pkr.hcl': 'build {\n' });
    dirs.push(d);
    const io = memoryIo({ cwd: d.path });
    expect(await runInspect(['bad.pkr.hcl'], io)).toBe(1);
    expect(io.err).toContain('on bad.pkr.hcl line');
    expect(io.out).toBe('');
  });
});
