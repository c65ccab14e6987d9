#!/usr/bin/env node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules } from './rules.mjs';

const skipped = new Set(['node_modules', '.next', '.turbo', 'dist', 'test-results']);
const builtins = new Set(builtinModules);
const importPattern =
  /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;

function* sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (skipped.has(entry)) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(entry)) yield full;
  }
}

/** Every import in a file: specifier, whether it is type-only, and its line. */
export function importsOf(text) {
  const found = [];
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[3] ?? match[4] ?? match[5];
    const line = text.slice(0, match.index).split('\n').length + (match[0].startsWith('\n') ? 1 : 0);
    found.push({ specifier, typeOnly: Boolean(match[2]), line });
  }
  return found;
}

// A pattern ending in '$' matches that specifier exactly, not its subpaths.
const matches = (specifier, pattern) =>
  pattern.endsWith('$')
    ? specifier === pattern.slice(0, -1)
    : specifier === pattern || specifier.startsWith(`${pattern}/`);
const isBuiltin = (specifier) => specifier.startsWith('node:') || builtins.has(specifier.split('/')[0]);

/** All violations of the rules under `root`. */
export function checkBoundaries(root, ruleSet = rules) {
  const violations = [];
  for (const rule of ruleSet) {
    const scopes = Array.isArray(rule.scope) ? rule.scope : [rule.scope];
    for (const scope of scopes) {
      for (const file of sourceFiles(path.join(root, scope))) {
        const relative = path.relative(root, file);
        if (rule.except && relative.startsWith(rule.except)) continue;
        for (const { specifier, typeOnly, line } of importsOf(readFileSync(file, 'utf8'))) {
          if (typeOnly && rule.allowTypeOnly) continue;
          if ((rule.allow ?? []).some((p) => matches(specifier, p))) continue;
          const forbidden =
            (rule.forbid ?? []).find((p) => matches(specifier, p)) ??
            (rule.forbidNodeBuiltins && isBuiltin(specifier) ? 'Node built-ins' : undefined);
          if (forbidden) violations.push({ file: relative, line, specifier, why: rule.why });
        }
      }
    }
  }
  return violations;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const violations = checkBoundaries(root);
  for (const v of violations) console.error(`${v.file}:${v.line}: imports '${v.specifier}': ${v.why}`);
  if (violations.length) {
    console.error(
      `${violations.length} import boundary violation(s); see ../shared/STYLE.md "Who may import whom".`,
    );
    process.exit(1);
  }
  console.log('import boundaries: ok');
}
