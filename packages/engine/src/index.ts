export * from './errors/diagnostic.ts';
export * from './errors/format.ts';
export * from './run/sequence.ts';
export * from './run/run-in-process.ts';
export * from './spi/json.ts';
export * from './spi/plugin.ts';
export type * from './spi/registry-lookup.ts';
export type * from './spi/communicator.ts';
export type * from './spi/ledger.ts';
export type * from './spi/local-exec.ts';
export * from './run/memory-host.ts';
export { ledgerIdentity } from './run/ledger-identity.ts';
export * from './values/index.ts';
export * from './functions/index.ts';
export type * from './parse/ast.ts';
export { parseFile, parseNativeExpression, parseNativeFile } from './parse/index.ts';
export type { EvalContext, HclFunction } from './evaluate/context.ts';
export { evalContext, withVariables } from './evaluate/context.ts';
export { evaluate } from './evaluate/expression.ts';
export { references } from './evaluate/references.ts';
export type * from './model/template.ts';
export { parseTemplate } from './model/parse-template.ts';
export { bodyContent } from './model/schema.ts';
export type { AttributeSchema, BlockSchema, BodyContent, BodySchema } from './model/schema.ts';
export { typeConstraint } from './evaluate/type-constraint.ts';
export { valueToJson } from './evaluate/to-json.ts';
export type { ParseOptions, TemplateFile } from './model/parse-template.ts';
export { PACKER_COMPATIBLE_VERSION, satisfiesVersion } from './model/version.ts';
export type { BuildPlan, RegistryPlan } from './plan/build-plan.ts';
export type { ExecutableStep } from './plan/executable-step.ts';
export { postProcessingStart } from './plan/executable-step.ts';
export { planBuilds } from './plan/plan-builds.ts';
export type { PlanOptions } from './plan/plan-builds.ts';
export { instantiateBuild } from './plan/instantiate-build.ts';
export { validateTemplate } from './plan/validate-template.ts';
export type { ValidateOptions } from './plan/validate-template.ts';
export { globToRegExp, matchesAnyGlob } from './plan/glob.ts';
export { formatHcl } from './format/index.ts';
export type { FormatResult } from './format/index.ts';
export {
  applyDatasourceOutputs,
  evaluateDatasources,
  resolveDatasources,
} from './datasources/evaluate-datasources.ts';
export type { DatasourceOptions, DatasourceOutputs } from './datasources/evaluate-datasources.ts';
export { goQuote } from './go-template/quote.ts';
export { goFormatFloat } from './go-template/value.ts';
export { parseGoDuration } from './functions/go-duration.ts';
