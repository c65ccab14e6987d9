import type { Diagnostic } from '../errors/diagnostic.ts';
import { type HclFunction, evalContext } from '../evaluate/context.ts';
import type { VariableInput } from '../evaluate/variables.ts';
import type { ParsedFile } from '../parse/ast.ts';
import { parseFile } from '../parse/index.ts';
import { hasErrors } from '../errors/diagnostic.ts';
import { stringVal, objectVal } from '../values/value.ts';
import { decodeTemplate } from './decode-template.ts';
import type { FunctionContext } from '../functions/context.ts';
import { createFunctionTable } from '../functions/table.ts';
import { renderTemplateFile } from '../evaluate/template-file.ts';
import { evaluationBudget } from '../values/limits.ts';
import { justAttributes } from './schema.ts';
import type { Template } from './template.ts';
import { PACKER_COMPATIBLE_VERSION } from './version.ts';
import { decodeLegacyTemplate, isLegacyTemplateFile } from '../legacy/decode-legacy.ts';
import { legacyFunctions } from '../legacy/legacy-functions.ts';

export interface TemplateFile {
  filename: string;
  content: string;
}

export interface ParseOptions {
  /** `-var name=value` values, in order (later wins). */
  variables?: Record<string, string>;
  /** `-var-file` (and `*.auto.pkrvars.*`) files, lowest precedence first. */
  varFiles?: TemplateFile[];
  /** Environment for `PKR_VAR_name` values. */
  env?: Record<string, string | undefined>;
  /** `path.root`: the template's directory. Defaults to `.`. */
  rootDir?: string;
  /** `path.cwd`. Defaults to `rootDir`. */
  cwd?: string;
  /**
   * What the function library may touch (files, clock, secrets...). Defaults to no file system:
   * `file()` and friends then fail with an error naming the function.
   */
  functionContext?: FunctionContext;
  /** Replaces the whole function library (tests). */
  functions?: ReadonlyMap<string, HclFunction>;
  /**
   * Stop after Packer's parse phase, as `packer validate -syntax-only` does: the files' syntax and
   * structure, the packer block, variable, local and data declarations and the given variable
   * values are checked; unset variables, variable validations, locals, sources, builds and the
   * registry are not (for a legacy JSON template: no builders, min_packer_version). The template
   * then has no builds and is meant for reporting only, not for planning.
   */
  syntaxOnly?: boolean;
}

function variableInputs(options: ParseOptions, diagnostics: Diagnostic[]): VariableInput[] {
  const inputs: VariableInput[] = [];
  for (const [key, raw] of Object.entries(options.env ?? {})) {
    if (key.startsWith('PKR_VAR_') && raw !== undefined)
      inputs.push({ name: key.slice(8), raw, origin: key, strict: false });
  }
  for (const file of options.varFiles ?? []) {
    const parsed = parseFile(file.filename, file.content);
    diagnostics.push(...parsed.diagnostics);
    for (const attribute of justAttributes(parsed.file.body, diagnostics).attributes) {
      inputs.push({
        name: attribute.name,
        expr: attribute.expr,
        origin: file.filename,
        range: attribute.nameRange,
        strict: false,
      });
    }
    for (const block of parsed.file.body.blocks) {
      diagnostics.push({
        severity: 'error',
        summary: 'Unexpected block in variable file',
        detail: `Variable files set variables with arguments; a "${block.type}" block is not expected.`,
        subject: block.typeRange,
      });
    }
  }
  for (const [name, raw] of Object.entries(options.variables ?? {}))
    inputs.push({ name, raw, origin: `-var ${name}`, strict: true });
  return inputs;
}

/**
 * Parses and decodes a template made of several files. Returns every diagnostic (with file,
 * line and column); the template is absent only when the files could not be parsed.
 */
export function parseTemplate(
  files: TemplateFile[],
  options: ParseOptions = {},
): { template?: Template; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const legacy = files.find((f) => isLegacyTemplateFile(f.filename));
  if (legacy && files.length > 1) {
    diagnostics.push({
      severity: 'error',
      summary: 'Legacy JSON template among other files',
      detail: `${legacy.filename} is a legacy JSON template, which stands alone; HCL2 templates are *.pkr.hcl or *.pkr.json files.`,
    });
    return { diagnostics };
  }
  const parsed: ParsedFile[] = [];
  for (const { filename, content } of legacy ? [] : files) {
    const result = parseFile(filename, content);
    diagnostics.push(...result.diagnostics);
    parsed.push(result.file);
  }
  if (files.length === 0) {
    diagnostics.push({
      severity: 'error',
      summary: 'No template files',
      detail: 'A template needs at least one .pkr.hcl or .pkr.json file.',
    });
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  const rootDir = options.rootDir ?? '.';
  const roots = {
    path: objectVal({ root: stringVal(rootDir), cwd: stringVal(options.cwd ?? rootDir) }),
    packer: objectVal({ version: stringVal(PACKER_COMPATIBLE_VERSION) }),
  };
  const functionContext: FunctionContext = {
    baseDir: rootDir,
    now: () => new Date(),
    renderTemplate: renderTemplateFile,
    ...options.functionContext,
  };
  const env = options.env ?? {};
  // One evaluation budget for everything the template evaluates (see values/limits.ts).
  const budget = evaluationBudget();
  const base = {
    ...evalContext(roots, options.functions ?? createFunctionTable(functionContext)),
    budget,
  };
  const defaults = {
    ...evalContext(
      roots,
      options.functions ??
        createFunctionTable({ ...functionContext, allowEnv: true, env: (name) => env[name] }),
    ),
    budget,
  };
  const inputs = variableInputs(options, diagnostics);
  const phase = options.syntaxOnly === true ? 'syntax' : 'full';
  if (legacy) {
    const extra = legacyFunctions(functionContext.startTime ?? functionContext.now());
    const withLegacy = (ctx: typeof base) => ({
      ...ctx,
      functions: options.functions ?? new Map([...ctx.functions, ...extra.map((f) => [f.name, f] as const)]),
    });
    const template = decodeLegacyTemplate(
      legacy.filename,
      legacy.content,
      { base: withLegacy(base), defaults: withLegacy(defaults) },
      inputs,
      diagnostics,
      phase,
    );
    return { ...(template ? { template } : {}), diagnostics };
  }
  const template = decodeTemplate(parsed, base, inputs, diagnostics, defaults, phase);
  return { template, diagnostics };
}
