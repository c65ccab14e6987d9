import type { Diagnostic, SourceRange } from '../errors/diagnostic.ts';
import type { Attribute, Block, Body } from '../parse/ast.ts';
import { concreteBody } from '../parse/body.ts';
import type { JsonObject, JsonValue } from '../spi/json.ts';
import type { PluginSchema, SettingSchema, SettingType } from '../spi/plugin.ts';
import { convert } from '../values/convert.ts';
import { ValueError } from '../values/errors.ts';
import { BOOL, DYNAMIC, NUMBER, STRING, type Type, listOf, mapOf } from '../values/types.ts';
import type { EvalContext } from './context.ts';
import { expandDynamicBlocks } from './dynamic-blocks.ts';
import { evaluate } from './expression.ts';
import { legacyAsWritten } from '../legacy/go-template.ts';
import { renderSettingTemplates } from './render-go-templates.ts';
import { valueToJson } from './to-json.ts';
import { weakSettingValue } from './weak-decode.ts';

/**
 * How unknown values are treated: `placeholder` (validation, before the build has run) turns
 * them into `"<unknown>"` so that prepare() can still check the rest; `error` (while the build runs) reports them.
 */
export type UnknownMode = 'placeholder' | 'error';

import { UNKNOWN_PLACEHOLDER } from '../spi/plugin.ts';

const TYPES: Record<Exclude<SettingType, 'block'>, Type> = {
  string: STRING,
  number: NUMBER,
  bool: BOOL,
  duration: STRING,
  'list(string)': listOf(STRING),
  'map(string)': mapOf(STRING),
  any: DYNAMIC,
};

function known(settings: SettingSchema[]): string {
  const names = settings.map((s) => s.name).sort();
  return names.length === 0 ? 'it accepts no settings' : `accepted settings: ${names.join(', ')}`;
}

/**
 * Evaluates a plugin block's body against the plugin's schema into plain JSON settings:
 * unknown settings, missing required ones and values of the wrong type are all reported.
 * `additions` (the rest of a build's `source` block) are merged into the body as HCL merges
 * bodies: their blocks are added, and an argument the body already sets is a duplicate.
 * `blockName` is a provisioner's or post-processor's `name`, for the messages.
 */
export function pluginConfig(
  body: Body,
  schema: PluginSchema,
  ctx: EvalContext,
  unknownMode: UnknownMode,
  options: { additions?: Body; blockName?: string } = {},
): { config: JsonObject; diagnostics: Diagnostic[] } {
  const { additions } = options;
  const diagnostics: Diagnostic[] = [];
  const where = `${schema.kind} "${schema.type}"`;
  const sensitive = new Set<string>();
  const decoded = decodeSettings(body, additions, schema.settings, ctx, unknownMode, where, diagnostics, {
    sensitive,
  });
  // Legacy JSON strings were translated from Go templates already, when the template was decoded.
  if (body.legacy) return { config: decoded, diagnostics };
  return {
    config: renderTemplates(decoded, body, schema, ctx, sensitive, diagnostics, options.blockName ?? ''),
    diagnostics,
  };
}

/**
 * Renders the Go-template actions in the settings, as Packer's plugins do while they decode
 * them; a setting that does not render is left out and reported against the block.
 */
function renderTemplates(
  decoded: JsonObject,
  body: Body,
  schema: PluginSchema,
  ctx: EvalContext,
  sensitive: ReadonlySet<string>,
  diagnostics: Diagnostic[],
  blockName: string,
): JsonObject {
  const config: JsonObject = {};
  for (const [name, value] of Object.entries(decoded)) {
    const setting = schema.settings.find((s) => s.name === name);
    const rendered = renderSettingTemplates(name, value, ctx, {
      byPlugin: setting?.renderedBy === 'plugin',
      sensitive: sensitive.has(name),
    });
    if ('value' in rendered) {
      config[name] = rendered.value;
      continue;
    }
    diagnostics.push({
      severity: 'error',
      ...renderFailure(schema, blockName, rendered.error),
      subject: { filename: body.range.filename, start: body.range.start, end: body.range.start },
    });
  }
  return config;
}

/**
 * Packer's words for a setting that does not render: a provisioner or post-processor fails its
 * block (`Failed preparing provisioner-block "shell-local" "<name>"`, the error as detail); a
 * builder or data source fails with the error itself. (Some plugins put words of their own before
 * the error, e.g. shell-local's "Error decoding config: "; those are not Packer's.)
 */
function renderFailure(schema: PluginSchema, blockName: string, error: string) {
  if (schema.kind === 'provisioner' || schema.kind === 'post-processor') {
    return {
      summary: `Failed preparing ${schema.kind}-block "${schema.type}" "${blockName}"`,
      detail: error,
    };
  }
  return { summary: error };
}

/** Where a nested block's settings are decoded: `top` is the top-level setting they belong to. */
interface DecodeScope {
  /** Top-level settings whose value holds something sensitive. */
  sensitive: Set<string>;
  top?: string;
}

function decodeSettings(
  input: Body,
  additions: Body | undefined,
  settings: SettingSchema[],
  ctx: EvalContext,
  unknownMode: UnknownMode,
  where: string,
  diagnostics: Diagnostic[],
  scope: DecodeScope,
): JsonObject {
  const byName = new Map(settings.map((s) => [s.name, s]));
  const blockLabels = new Map(settings.filter((s) => s.type === 'block').map((s) => [s.name, 0]));
  const readBody = (b: Body) => {
    const concrete = concreteBody(b, blockLabels);
    diagnostics.push(...concrete.diagnostics);
    return expandDynamicBlocks(concrete.body, ctx, diagnostics);
  };
  const own = readBody(input);
  const body = additions ? mergeBodies(own, readBody(additions), diagnostics) : own;
  const attributes = new Map(body.attributes.map((a) => [a.name, a]));
  const config: JsonObject = {};
  const written: Block[] = [];
  for (const attribute of attributes.values()) {
    const setting = byName.get(attribute.name);
    const asBlocks = input.legacy && setting?.type === 'block' ? objectBlocks(attribute) : undefined;
    if (asBlocks) {
      written.push(...asBlocks);
      continue;
    }
    if (!setting || setting.type === 'block') {
      diagnostics.push({
        severity: 'error',
        summary: 'Unsupported argument',
        detail: setting
          ? `"${attribute.name}" is a block in ${where}; write it as ${attribute.name} { ... }.`
          : `An argument named "${attribute.name}" is not expected in ${where}; ${known(settings)}.`,
        subject: attribute.nameRange,
      });
      continue;
    }
    // A legacy setting its plugin renders keeps its Go template as written, for the plugin.
    const asWritten = input.legacy && setting.renderedBy === 'plugin';
    const evaluated = asWritten ? { ...attribute, expr: legacyAsWritten(attribute.expr) } : attribute;
    const value = settingValue(evaluated, setting.type, ctx, unknownMode, where, diagnostics, input.legacy);
    if (value === undefined) continue;
    config[attribute.name] = value.json;
    if (value.sensitive || setting.sensitive) scope.sensitive.add(scope.top ?? attribute.name);
  }
  const blocks = new Map<string, Block[]>();
  for (const block of [...body.blocks, ...written]) {
    const setting = byName.get(block.type);
    if (setting?.type !== 'block') {
      diagnostics.push({
        severity: 'error',
        summary: 'Unsupported block type',
        detail: setting
          ? `"${block.type}" is an argument in ${where}; set it with ${block.type} = ...`
          : `Blocks of type "${block.type}" are not expected in ${where}; ${known(settings)}.`,
        subject: block.typeRange,
      });
      continue;
    }
    blocks.set(block.type, [...(blocks.get(block.type) ?? []), block]);
  }
  for (const [type, list] of blocks) {
    const setting = byName.get(type) as SettingSchema;
    const decoded = list.map((b) =>
      decodeSettings(
        b.body,
        undefined,
        setting.block ?? [],
        ctx,
        unknownMode,
        `a ${type} block of ${where}`,
        diagnostics,
        { ...scope, top: scope.top ?? type },
      ),
    );
    if (!setting.repeated && list.length > 1) {
      diagnostics.push({
        severity: 'error',
        summary: 'Duplicate block',
        detail: `Only one "${type}" block is allowed in ${where}.`,
        subject: (list[1] as Block).typeRange,
      });
    }
    config[type] = setting.repeated ? decoded : (decoded[0] as JsonObject);
  }
  for (const setting of settings) {
    if (setting.required && !(setting.name in config) && !attributes.has(setting.name)) {
      diagnostics.push({
        severity: 'error',
        summary: setting.type === 'block' ? 'Missing required block' : 'Missing required argument',
        detail: `The ${setting.type === 'block' ? 'block' : 'argument'} "${setting.name}" is required in ${where}, but no definition was found.`,
        subject: { filename: body.range.filename, start: body.range.start, end: body.range.start },
      });
    }
  }
  return config;
}

/**
 * A block written as an attribute holding an object (or a list of objects), as legacy JSON
 * templates write nested blocks: `"ami_filter": {...}`, `"block_device": [{...}, {...}]`.
 */
function objectBlocks(attribute: Attribute): Block[] | undefined {
  const objects =
    attribute.expr.kind === 'object'
      ? [attribute.expr]
      : attribute.expr.kind === 'tuple' && attribute.expr.items.every((i) => i.kind === 'object')
        ? attribute.expr.items
        : undefined;
  if (!objects) return undefined;
  const blocks: Block[] = [];
  for (const object of objects) {
    if (object.kind !== 'object') return undefined;
    const body: Body = { attributes: [], blocks: [], range: object.range, legacy: true };
    for (const item of object.items) {
      if (item.key.kind !== 'literal' || typeof item.key.value !== 'string') return undefined;
      body.attributes.push({
        name: item.key.value,
        nameRange: item.key.range,
        expr: item.value,
        range: { ...item.key.range, end: item.value.range.end },
      });
    }
    blocks.push({
      type: attribute.name,
      typeRange: attribute.nameRange,
      labels: [],
      body,
      openBraceRange: object.range,
      closeBraceRange: object.range,
      range: attribute.range,
    });
  }
  return blocks;
}

function settingValue(
  attribute: Attribute,
  type: Exclude<SettingType, 'block'>,
  ctx: EvalContext,
  unknownMode: UnknownMode,
  where: string,
  diagnostics: Diagnostic[],
  legacy = false,
): { json: JsonValue; sensitive: boolean } | undefined {
  const result = evaluate(attribute.expr, ctx);
  diagnostics.push(...result.diagnostics);
  if (result.diagnostics.length > 0) return undefined;
  try {
    // Packer's plugins decode legacy JSON settings weakly; HCL2 settings have HCL's types.
    const value = legacy ? weakSettingValue(result.value, type) : result.value;
    const converted = convert(value, TYPES[type]);
    if (converted.isNull) return undefined;
    const json = valueToJson(
      converted,
      unknownMode === 'placeholder' ? () => UNKNOWN_PLACEHOLDER : undefined,
    );
    return { json, sensitive: converted.containsMarked };
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    diagnostics.push({
      severity: 'error',
      summary: 'Incorrect attribute value type',
      detail: `Inappropriate value for "${attribute.name}" in ${where}: ${error.message}.`,
      subject: attribute.expr.range,
      context: attribute.range,
    });
    return undefined;
  }
}

/**
 * HCL's MergeBodies, as Packer merges a build's `source` block into the source: the blocks of
 * both, and the arguments of both, where setting an argument twice is an error.
 */
function mergeBodies(base: Body, additions: Body, diagnostics: Diagnostic[]): Body {
  const set = new Map(base.attributes.map((a) => [a.name, a]));
  const attributes = [...base.attributes];
  for (const attribute of additions.attributes) {
    const existing = set.get(attribute.name);
    if (existing) {
      diagnostics.push({
        severity: 'error',
        summary: 'Duplicate argument',
        detail: `Argument "${attribute.name}" was already set at ${rangeText(existing.nameRange)}`,
        subject: attribute.nameRange,
      });
      continue;
    }
    attributes.push(attribute);
  }
  return { ...base, attributes, blocks: [...base.blocks, ...additions.blocks] };
}

/** HCL's `Range.String()`: `file:line,column-column`, or `file:line,column-line,column` across lines. */
function rangeText(range: SourceRange): string {
  const { filename, start, end } = range;
  return start.line === end.line
    ? `${filename}:${start.line},${start.column}-${end.column}`
    : `${filename}:${start.line},${start.column}-${end.line},${end.column}`;
}
