import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ShellLocalConfig } from './config.ts';

/**
 * Writes the inline commands to an executable temporary script, shebang first, one command per
 * line, in the build run's work folder: the one folder of the machine its sandbox sees.
 */
export async function writeInlineScript(
  config: ShellLocalConfig,
  lines: string[],
  workDir: string,
): Promise<string> {
  const extension = config.tempfileExtension ? `.${config.tempfileExtension}` : '';
  const file = path.join(workDir, `.packer-shell-${randomBytes(8).toString('hex')}${extension}`);
  const body = `#!${config.inlineShebang}\n${lines.map((line) => `${line}\n`).join('')}`;
  await writeFile(file, body, { mode: 0o700, flag: 'wx' });
  return file;
}
