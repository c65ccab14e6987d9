import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ParseOptions, TemplateFile } from '@kiln/engine';
import { createNodeFunctionContext } from '@kiln/engine/node';
import type { CliIo } from './io.ts';
import { type ParsedFlags, UsageError } from './flags.ts';

const HCL_TEMPLATE_FILE = /\.pkr\.hcl$/;
const JSON_TEMPLATE_FILE = /\.pkr\.json$/;
const HCL_AUTO_VAR_FILE = /\.auto\.pkrvars\.hcl$/;
const JSON_AUTO_VAR_FILE = /\.auto\.pkrvars\.json$/;

export interface LoadedTemplate {
  files: TemplateFile[];
  options: ParseOptions;
  /** Every file read, by the name diagnostics use, to show the offending line. */
  sources: Map<string, string>;
}

function readAs(io: CliIo, name: string): TemplateFile {
  const path = isAbsolute(name) ? name : resolve(io.cwd, name);
  try {
    return { filename: name, content: readFileSync(path, 'utf8') };
  } catch (err) {
    throw new UsageError(`Failed to read ${name}: ${(err as Error).message}`);
  }
}

/**
 * Reads a template the way Packer does: a file, or a directory whose `*.pkr.hcl` / `*.pkr.json`
 * files form one template with its `*.auto.pkrvars.*` files, plus `-var-file` and `-var` flags.
 */
export function loadTemplate(io: CliIo, path: string, flags: ParsedFlags): LoadedTemplate {
  const absolute = resolve(io.cwd, path);
  let isDir: boolean;
  try {
    isDir = statSync(absolute).isDirectory();
  } catch {
    throw new UsageError(`Failed to read ${path}: no such file or directory`);
  }
  const files: TemplateFile[] = [];
  const varFiles: TemplateFile[] = [];
  if (isDir) {
    // Packer reads a folder's HCL files before its JSON ones, each kind in name order: the order of
    // builds follows it, and so does which auto var file wins (before any -var-file).
    const names = readdirSync(absolute).sort();
    for (const pattern of [HCL_TEMPLATE_FILE, JSON_TEMPLATE_FILE]) {
      for (const name of names.filter((n) => pattern.test(n))) files.push(readAs(io, join(path, name)));
    }
    for (const pattern of [HCL_AUTO_VAR_FILE, JSON_AUTO_VAR_FILE]) {
      for (const name of names.filter((n) => pattern.test(n))) varFiles.push(readAs(io, join(path, name)));
    }
  } else {
    files.push(readAs(io, path));
  }
  for (const name of flags.values.get('var-file') ?? []) varFiles.push(readAs(io, name));
  const variables: Record<string, string> = {};
  for (const assignment of flags.values.get('var') ?? []) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new UsageError(`invalid value "${assignment}" for flag -var: expected name=value`);
    variables[assignment.slice(0, eq)] = assignment.slice(eq + 1);
  }
  const rootDir = isDir ? path : dirname(path);
  const options: ParseOptions = {
    variables,
    varFiles,
    env: io.env,
    rootDir,
    cwd: io.cwd,
    functionContext: { ...createNodeFunctionContext({ baseDir: resolve(io.cwd, rootDir) }), cwd: io.cwd },
  };
  const sources = new Map([...files, ...varFiles].map((f) => [f.filename, f.content]));
  return { files, options, sources };
}
