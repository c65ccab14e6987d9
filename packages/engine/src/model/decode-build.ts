import type { Diagnostic } from '../errors/diagnostic.ts';
import { type EvalContext, withVariables } from '../evaluate/context.ts';
import { objectVal, stringVal } from '../values/value.ts';
import {
  staticNumber,
  staticString,
  staticStringList,
  staticStringMap,
  staticBool,
} from '../evaluate/static.ts';
import type { Attribute, Block, Body } from '../parse/ast.ts';
import { bodyContent } from './schema.ts';
import { expandDynamicBlocks } from '../evaluate/dynamic-blocks.ts';
import { splitAttributes } from '../parse/body.ts';
import type { BuildDecl, PostProcessorDecl, ProvisionerDecl, RegistryDecl, SourceRef } from './template.ts';

const PROVISIONER_COMMON = ['name', 'only', 'except', 'pause_before', 'max_retries', 'timeout', 'override'];
const POST_PROCESSOR_COMMON = ['name', 'only', 'except', 'keep_input_artifact'];

/** Splits a plugin block's body into the engine's common settings and the plugin's own body. */
function splitCommon(
  body: Body,
  common: string[],
  diagnostics: Diagnostic[],
): { common: Map<string, Attribute>; rest: Body } {
  const split = splitAttributes(body, common);
  diagnostics.push(...split.diagnostics);
  return { common: new Map(split.picked.map((a) => [a.name, a])), rest: split.rest };
}

/** `source.<type>.<name>` or `<type>.<name>`; like Packer, any first part is taken as the `source` prefix. */
function sourceRefFromString(text: string): { type: string; name: string } | undefined {
  const parts = text.split('.');
  const [type, name] = parts.length === 3 ? parts.slice(1) : parts;
  if (parts.length < 2 || parts.length > 3 || !type || !name) return undefined;
  return { type, name };
}

function decodeProvisioner(block: Block, ctx: EvalContext, diagnostics: Diagnostic[]): ProvisionerDecl {
  const { common, rest } = splitCommon(block.body, PROVISIONER_COMMON, diagnostics);
  const get = (name: string) => common.get(name)?.expr;
  const decl: ProvisionerDecl = {
    type: block.labels[0]?.value ?? '',
    typeRange: block.labels[0]?.range ?? block.typeRange,
    body: rest,
    range: block.range,
    only: [],
    except: [],
    maxRetries: 0,
  };
  const name = get('name');
  if (name) decl.name = staticString(name, ctx, diagnostics, 'name');
  const only = get('only');
  if (only) decl.only = staticStringList(only, ctx, diagnostics, 'only') ?? [];
  const except = get('except');
  if (except) decl.except = staticStringList(except, ctx, diagnostics, 'except') ?? [];
  const pause = get('pause_before');
  if (pause) decl.pauseBefore = staticString(pause, ctx, diagnostics, 'pause_before');
  const timeout = get('timeout');
  if (timeout) decl.timeout = staticString(timeout, ctx, diagnostics, 'timeout');
  const retries = get('max_retries');
  if (retries) decl.maxRetries = staticNumber(retries, ctx, diagnostics, 'max_retries') ?? 0;
  const override = get('override');
  if (override) decl.override = override;
  return decl;
}

function decodePostProcessor(block: Block, ctx: EvalContext, diagnostics: Diagnostic[]): PostProcessorDecl {
  const { common, rest } = splitCommon(block.body, POST_PROCESSOR_COMMON, diagnostics);
  const get = (name: string) => common.get(name)?.expr;
  const decl: PostProcessorDecl = {
    type: block.labels[0]?.value ?? '',
    typeRange: block.labels[0]?.range ?? block.typeRange,
    body: rest,
    range: block.range,
    only: [],
    except: [],
  };
  const name = get('name');
  if (name) decl.name = staticString(name, ctx, diagnostics, 'name');
  const only = get('only');
  if (only) decl.only = staticStringList(only, ctx, diagnostics, 'only') ?? [];
  const except = get('except');
  if (except) decl.except = staticStringList(except, ctx, diagnostics, 'except') ?? [];
  const keep = get('keep_input_artifact');
  if (keep) decl.keepInputArtifact = staticBool(keep, ctx, diagnostics, 'keep_input_artifact');
  return decl;
}

/**
 * For blocks that may appear once: true when `existing` is not yet set; otherwise reports the
 * second `block` as a duplicate, with `detail` saying where only one is allowed.
 */
export function isFirstBlock(
  existing: unknown,
  block: Block,
  detail: string,
  diagnostics: Diagnostic[],
): boolean {
  if (existing === undefined) return true;
  diagnostics.push({
    severity: 'error',
    summary: `Duplicate ${block.type} block`,
    detail,
    subject: block.typeRange,
  });
  return false;
}

export function decodeRegistry(block: Block, ctx: EvalContext, diagnostics: Diagnostic[]): RegistryDecl {
  const { content, diagnostics: found } = bodyContent(
    block.body,
    {
      attributes: [
        { name: 'bucket_name' },
        { name: 'description' },
        { name: 'bucket_labels' },
        { name: 'build_labels' },
        { name: 'labels' },
      ],
    },
    'an hcp_packer_registry block',
  );
  diagnostics.push(...found);
  const registry: RegistryDecl = { bucketLabels: {}, buildLabels: {}, range: block.range };
  const bucket = content.attributes.get('bucket_name');
  if (bucket) registry.bucketName = staticString(bucket.expr, ctx, diagnostics, 'bucket_name');
  const description = content.attributes.get('description');
  if (description) registry.description = staticString(description.expr, ctx, diagnostics, 'description');
  const deprecated = content.attributes.get('labels');
  if (deprecated) {
    diagnostics.push({
      severity: 'warning',
      summary: 'Deprecated argument',
      detail: 'hcp_packer_registry.labels is deprecated; use bucket_labels.',
      subject: deprecated.nameRange,
    });
  }
  const bucketLabels = content.attributes.get('bucket_labels') ?? deprecated;
  if (bucketLabels)
    registry.bucketLabels = staticStringMap(bucketLabels.expr, ctx, diagnostics, 'bucket_labels') ?? {};
  const buildLabels = content.attributes.get('build_labels');
  if (buildLabels)
    registry.buildLabels = staticStringMap(buildLabels.expr, ctx, diagnostics, 'build_labels') ?? {};
  return registry;
}

/** Decodes one `build` block; its static settings are evaluated with `ctx` (variables and locals). */
export function decodeBuild(block: Block, ctx: EvalContext, diagnostics: Diagnostic[]): BuildDecl {
  const { content, diagnostics: found } = bodyContent(
    expandDynamicBlocks(block.body, ctx, diagnostics),
    {
      attributes: [{ name: 'name' }, { name: 'description' }, { name: 'sources' }],
      blocks: [
        { type: 'source', labels: ['reference'] },
        { type: 'provisioner', labels: ['type'] },
        { type: 'error-cleanup-provisioner', labels: ['type'] },
        { type: 'post-processor', labels: ['type'] },
        { type: 'post-processors' },
        { type: 'hcp_packer_registry' },
      ],
    },
    'a build block',
  );
  diagnostics.push(...found);
  const build: BuildDecl = { sources: [], provisioners: [], postProcessors: [], range: block.range };
  const name = content.attributes.get('name');
  if (name) build.name = staticString(name.expr, ctx, diagnostics, 'name');
  const description = content.attributes.get('description');
  if (description) build.description = staticString(description.expr, ctx, diagnostics, 'description');
  const sources = content.attributes.get('sources');
  if (sources) {
    for (const text of staticStringList(sources.expr, ctx, diagnostics, 'sources') ?? []) {
      const ref = sourceRefFromString(text);
      if (!ref) {
        diagnostics.push({
          severity: 'error',
          summary: 'Invalid source reference',
          detail: `"${text}" is not a source reference; use "source.<type>.<name>".`,
          subject: sources.expr.range,
        });
        continue;
      }
      build.sources.push({ ...ref, range: sources.expr.range });
    }
  }
  /** Common settings of provisioners and post-processors may use `build.name`, known now. */
  const stepCtx = withVariables(ctx, { build: objectVal({ name: stringVal(build.name ?? '') }) });
  for (const child of content.blocks) {
    switch (child.type) {
      case 'source': {
        const label = child.labels[0];
        const ref = label ? sourceRefFromString(label.value) : undefined;
        if (!ref || !label) {
          diagnostics.push({
            severity: 'error',
            summary: 'Invalid source reference',
            detail: `"${label?.value ?? ''}" is not a source reference; use "<type>.<name>".`,
            subject: label?.range ?? child.typeRange,
          });
          break;
        }
        const { picked, rest, diagnostics: split } = splitAttributes(child.body, ['name']);
        diagnostics.push(...split);
        const source: SourceRef = { ...ref, additions: rest, range: child.range };
        const [name] = picked;
        if (name) source.localName = staticString(name.expr, ctx, diagnostics, 'name');
        build.sources.push(source);
        break;
      }
      case 'provisioner':
        build.provisioners.push(decodeProvisioner(child, stepCtx, diagnostics));
        break;
      case 'error-cleanup-provisioner':
        if (
          isFirstBlock(
            build.errorCleanupProvisioner,
            child,
            'A build may have only one error-cleanup-provisioner.',
            diagnostics,
          )
        ) {
          build.errorCleanupProvisioner = decodeProvisioner(child, stepCtx, diagnostics);
        }
        break;
      case 'post-processor':
        build.postProcessors.push([decodePostProcessor(child, stepCtx, diagnostics)]);
        break;
      case 'post-processors': {
        const chain = bodyContent(
          child.body,
          { blocks: [{ type: 'post-processor', labels: ['type'] }] },
          'a post-processors block',
        );
        diagnostics.push(...chain.diagnostics);
        build.postProcessors.push(
          chain.content.blocks.map((b) => decodePostProcessor(b, stepCtx, diagnostics)),
        );
        break;
      }
      case 'hcp_packer_registry':
        if (
          isFirstBlock(
            build.registry,
            child,
            'A build may have only one hcp_packer_registry block.',
            diagnostics,
          )
        ) {
          build.registry = decodeRegistry(child, ctx, diagnostics);
        }
        break;
    }
  }
  return build;
}
