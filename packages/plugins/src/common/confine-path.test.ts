import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  emptyBuildState,
  type PluginConfig,
  parseTemplate,
  UNKNOWN_PLACEHOLDER,
  validateTemplate,
} from '@kiln/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingContext } from '../../test/run-context.ts';
import { fileBuilder } from '../builders/file/index.ts';
import { createPluginRegistry } from '../index.ts';
import { writeTargetStep } from '../builders/file/steps/write-target.ts';
import { artificePostProcessor } from '../post-processors/artifice/index.ts';
import { checksumPostProcessor } from '../post-processors/checksum/index.ts';
import { compressPostProcessor } from '../post-processors/compress/index.ts';
import { manifestPostProcessor } from '../post-processors/manifest/index.ts';
import { shellLocalPostProcessor } from '../post-processors/shell-local/index.ts';
import { shellLocalProvisioner } from '../provisioners/shell-local/index.ts';
import { confinedPath, pathEscape, removeWorkDir } from './confine-path.ts';
import { PluginFailure } from './errors.ts';

let workDir: string;
let outside: string;
beforeEach(async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'kiln-confine-'));
  workDir = path.join(root, 'run');
  outside = path.join(root, 'other-run');
  await mkdir(workDir);
  await mkdir(outside);
  await writeFile(path.join(outside, 'secret.txt'), 'secret');
});
afterEach(async () => {
  await rm(path.dirname(workDir), { recursive: true, force: true });
});

describe('pathEscape', () => {
  it('lets relative paths inside the work folder through', () => {
    for (const value of ['out.txt', 'a/b/../c', './x', 'dir/', 'a/..', 'packer_{{.BuildName}}.tar']) {
      expect(pathEscape(value)).toBeUndefined();
    }
  });

  it('names absolute paths and paths that climb out', () => {
    expect(pathEscape('/etc/passwd')).toBe('is an absolute path');
    expect(pathEscape('../other-run/secret.txt')).toBe("climbs out of the build run's work folder");
    expect(pathEscape('a/../../x')).toBe("climbs out of the build run's work folder");
    expect(pathEscape('..')).toBe("climbs out of the build run's work folder");
    expect(pathEscape('a\\..\\..\\x')).toBe("climbs out of the build run's work folder");
  });

  it('leaves values known only when the build runs to the run-time check', () => {
    expect(pathEscape(`${UNKNOWN_PLACEHOLDER}/x`)).toBeUndefined();
  });
});

describe('every plugin path setting is confined when the template is validated', () => {
  const cases: [
    string,
    { prepare(config: PluginConfig): { diagnostics: { summary: string }[] } },
    PluginConfig,
  ][] = [
    [
      'source "file": "target" is an absolute path: /etc/cron.d/x',
      fileBuilder,
      { target: '/etc/cron.d/x', content: 'x' },
    ],
    [
      `source "file": "source" climbs out of the build run's work folder: ../other-run/secret.txt`,
      fileBuilder,
      { target: 'x', source: '../other-run/secret.txt' },
    ],
    [
      `provisioner "shell-local": "script" climbs out of the build run's work folder: ../x.sh`,
      shellLocalProvisioner,
      { script: '../x.sh' },
    ],
    [
      'post-processor "shell-local": "scripts" is an absolute path: /tmp/x.sh',
      shellLocalPostProcessor,
      { scripts: ['ok.sh', '/tmp/x.sh'] },
    ],
    [
      'post-processor "checksum": "output" is an absolute path: /tmp/sums',
      checksumPostProcessor,
      { output: '/tmp/sums' },
    ],
    [
      `post-processor "compress": "output" climbs out of the build run's work folder: ../x.tar.gz`,
      compressPostProcessor,
      { output: '../x.tar.gz' },
    ],
    [
      'post-processor "manifest": "output" is an absolute path: /root/manifest.json',
      manifestPostProcessor,
      { output: '/root/manifest.json' },
    ],
    [
      `post-processor "artifice": "files" climbs out of the build run's work folder: ../other-run/*`,
      artificePostProcessor,
      { files: ['ok.txt', '../other-run/*'] },
    ],
  ];
  it.each(cases)('%s', (summary, plugin, config) => {
    const diagnostics = plugin.prepare(config).diagnostics;
    expect(diagnostics.map((d) => d.summary)).toEqual([summary]);
  });
});

describe('a template that writes outside its work folder', () => {
  it("fails validation at the file and line of the setting's block, with every escape at once", () => {
    const content = `source "file" "out" {
  content = "x"
  target  = "/etc/cron.d/evil"
}
build {
  sources = ["source.file.out"]
  post-processor "checksum" {
    output = "../sums"
  }
}
`;
    const { template } = parseTemplate([{ filename: 'escape.pkr.hcl', content }]);
    const errors = validateTemplate(template!, createPluginRegistry()).filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.summary, d.subject?.filename, d.subject?.start.line])).toEqual([
      ['source "file": "target" is an absolute path: /etc/cron.d/evil', 'escape.pkr.hcl', 1],
      [
        `post-processor "checksum": "output" climbs out of the build run's work folder: ../sums`,
        'escape.pkr.hcl',
        7,
      ],
    ]);
  });
});

describe('confinedPath, when the step runs', () => {
  const setting = { where: 'post-processor "checksum"', name: 'output' };

  it('returns the absolute path of a file inside, existing or not', async () => {
    expect(await confinedPath(workDir, 'a/b/c.txt', setting)).toBe(path.join(workDir, 'a/b/c.txt'));
    await writeFile(path.join(workDir, 'there.txt'), 'x');
    expect(await confinedPath(workDir, 'there.txt', setting)).toBe(path.join(workDir, 'there.txt'));
  });

  it('refuses a path that resolves outside, as bad configuration', async () => {
    const failure = await confinedPath(workDir, path.join(outside, 'secret.txt'), setting).catch((e) => e);
    expect(failure).toBeInstanceOf(PluginFailure);
    expect(failure).toMatchObject({ failureClass: 'bad-config' });
    expect(failure.message).toContain(
      `resolves to ${path.join(outside, 'secret.txt')}, outside the build run's`,
    );
  });

  it('follows symlinks a script planted: to a file or a folder outside, or to nothing', async () => {
    await symlink(path.join(outside, 'secret.txt'), path.join(workDir, 'link.txt'));
    await symlink(outside, path.join(workDir, 'dir'));
    await symlink(path.join(outside, 'missing.txt'), path.join(workDir, 'dangling'));
    await expect(confinedPath(workDir, 'link.txt', setting)).rejects.toThrow(
      `resolves to ${path.join(outside, 'secret.txt')}`,
    );
    await expect(confinedPath(workDir, 'dir/new.txt', setting)).rejects.toThrow(`resolves to ${outside}`);
    await expect(confinedPath(workDir, 'dangling', setting)).rejects.toThrow('a symlink to a missing file');
  });

  it('makes the file builder halt as bad configuration instead of copying what a link points at', async () => {
    await symlink(path.join(outside, 'secret.txt'), path.join(workDir, 'parent.img'));
    const { ctx } = recordingContext(workDir);
    const prepared = fileBuilder.prepare({ source: 'parent.img', target: 'copy.img' });
    const result = await writeTargetStep.run(prepared.config!, emptyBuildState(), ctx);
    expect(result).toMatchObject({ action: 'halt', error: { class: 'bad-config' } });
  });
});

describe('removeWorkDir', () => {
  it('removes the folder with what it holds, and a folder already gone is fine', async () => {
    await writeFile(path.join(workDir, 'x'), 'x');
    await removeWorkDir(workDir);
    await removeWorkDir(workDir);
    await expect(confinedPath(workDir, '.', { where: 'x', name: 'y' })).rejects.toThrow();
  });
});
