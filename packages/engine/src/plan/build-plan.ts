import type { SourceRange } from '../errors/diagnostic.ts';
import type { EvalContext } from '../evaluate/context.ts';
import type { PostProcessorDecl, ProvisionerDecl, SourceDecl } from '../model/template.ts';
import type { Body } from '../parse/ast.ts';

export interface RegistryPlan {
  /** Defaults to the build block's name. */
  bucketName: string;
  description?: string;
  bucketLabels: Record<string, string>;
  buildLabels: Record<string, string>;
  /** Whether the template has an `hcp_packer_registry` block for this build. */
  declared: boolean;
}

/** One build: a source of a build block, with the provisioners and post-processors that apply to it. */
export interface BuildPlan {
  /** `<build>.<type>.<source>`, or `<type>.<source>` for a build block without a name (as Packer). */
  name: string;
  buildBlockName: string;
  sourceType: string;
  /** The source's name in this build (a build's `source` block may rename it). */
  sourceName: string;
  description?: string;
  registry: RegistryPlan;
  /** The source declaration, and what the build's `source` block adds to its settings. */
  source: SourceDecl;
  additions?: Body;
  provisioners: ProvisionerDecl[];
  errorCleanupProvisioner?: ProvisionerDecl;
  postProcessors: PostProcessorDecl[][];
  /** Variables, locals, `path`, `packer` and `source` for this build. */
  context: EvalContext;
  range: SourceRange;
}
