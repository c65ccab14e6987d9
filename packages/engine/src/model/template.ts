import type { SourceRange } from '../errors/diagnostic.ts';
import type { Body, Expression, ParsedFile } from '../parse/ast.ts';
import type { EvalContext } from '../evaluate/context.ts';
import type { Type } from '../values/types.ts';
import type { Value } from '../values/value.ts';

/** One `required_plugins` entry: `amazon = { source = "github.com/hashicorp/amazon", version = ">= 1" }`. */
export interface RequiredPlugin {
  name: string;
  source: string;
  version?: string;
  range: SourceRange;
}

export interface PackerSettings {
  requiredVersion?: string;
  requiredPlugins: RequiredPlugin[];
  range: SourceRange;
}

export interface VariableValidation {
  condition: Expression;
  errorMessage: Expression;
  range: SourceRange;
}

export interface VariableDecl {
  name: string;
  type: Type;
  default?: Expression;
  description?: string;
  sensitive: boolean;
  validations: VariableValidation[];
  range: SourceRange;
}

export interface LocalDecl {
  name: string;
  expr: Expression;
  sensitive: boolean;
  range: SourceRange;
}

/** A plugin block (`source`, `provisioner`, `post-processor`, `data`): its type and unevaluated body. */
export interface PluginBlock {
  type: string;
  body: Body;
  range: SourceRange;
  typeRange: SourceRange;
}

export interface SourceDecl extends PluginBlock {
  name: string;
}

export interface DataDecl extends PluginBlock {
  name: string;
}

/** A source used by a build: `sources = ["source.t.n"]` or `source "t.n" { additions }`. */
export interface SourceRef {
  type: string;
  name: string;
  /** `name = ...` inside a `source` block of a build: the build's name for this source. */
  localName?: string;
  /**
   * The rest of a build's `source` block: merged into the source's own body as HCL merges
   * bodies (its blocks are added; setting an argument the source already sets is an error).
   */
  additions?: Body;
  range: SourceRange;
}

/** Settings every provisioner and post-processor accepts, handled by the engine. */
export interface CommonSettings {
  name?: string;
  only: string[];
  except: string[];
}

export interface ProvisionerDecl extends PluginBlock, CommonSettings {
  pauseBefore?: string;
  maxRetries: number;
  timeout?: string;
  /** Per-source overrides: `override = { "t.n" = { key = value } }`. */
  override?: Expression;
}

export interface PostProcessorDecl extends PluginBlock, CommonSettings {
  keepInputArtifact?: boolean;
}

export interface RegistryDecl {
  bucketName?: string;
  description?: string;
  bucketLabels: Record<string, string>;
  buildLabels: Record<string, string>;
  range: SourceRange;
}

export interface BuildDecl {
  name?: string;
  description?: string;
  sources: SourceRef[];
  provisioners: ProvisionerDecl[];
  errorCleanupProvisioner?: ProvisionerDecl;
  /** Chains; a lone `post-processor` block is a chain of one. */
  postProcessors: PostProcessorDecl[][];
  registry?: RegistryDecl;
  /** A legacy JSON template's build: each build is named after its builder (the source's name). */
  namedBySource?: boolean;
  range: SourceRange;
}

/** A decoded template: declarations in source order plus the evaluated variables and locals. */
export interface Template {
  files: ParsedFile[];
  packer: PackerSettings[];
  variables: VariableDecl[];
  locals: LocalDecl[];
  datasources: DataDecl[];
  sources: SourceDecl[];
  builds: BuildDecl[];
  /** A top-level `hcp_packer_registry` block: applies to builds without their own. */
  registry?: RegistryDecl;
  /** `var`, `local`, `path`, `packer` and the functions: the base of every evaluation. */
  context: EvalContext;
  /** Variable and local values, by name (`var.x` is `variables.get('x')`). */
  variableValues: ReadonlyMap<string, Value>;
  localValues: ReadonlyMap<string, Value>;
}
