import type { GoParamType } from '../go-template/exec.ts';
import { LEGACY_FUNCTION_NAMES } from './legacy-function-names.ts';

export interface GoSignature {
  params: GoParamType[];
  /** The type of any number of further arguments. */
  variadic?: GoParamType;
}

/** Packer's template functions (packer-plugin-sdk `template/interpolate/funcs.go`) and their Go signatures. */
export const PACKER_TEMPLATE_FUNCTIONS: Readonly<Record<string, GoSignature>> = {
  build_name: { params: [] },
  build_type: { params: [] },
  env: { params: ['string'] },
  isotime: { params: [], variadic: 'string' },
  strftime: { params: ['string'] },
  pwd: { params: [] },
  split: { params: ['string', 'string', 'int'] },
  template_dir: { params: [] },
  timestamp: { params: [] },
  uuid: { params: [] },
  user: { params: ['string'] },
  packer_version: { params: [] },
  consul_key: { params: ['string'] },
  vault: { params: ['string', 'string'] },
  sed: { params: ['string', 'string'] },
  build: { params: ['string'] },
  aws_secretsmanager: { params: [], variadic: 'string' },
  aws_secretsmanager_raw: { params: ['string'] },
  replace: { params: ['string', 'string', 'int', 'string'] },
  replace_all: { params: ['string', 'string', 'string'] },
  upper: { params: ['string'] },
  lower: { params: ['string'] },
};

/** Where a template function's value comes from in the engine: a function, or a root variable's attribute. */
export type EngineBinding = { function: string } | { root: string; attribute: string };

/** The template functions that mean the same in legacy templates and in HCL2 plugin settings. */
export const SHARED_BINDINGS: Readonly<Record<string, EngineBinding>> = {
  build_name: { root: 'source', attribute: 'name' },
  build_type: { root: 'source', attribute: 'type' },
  pwd: { root: 'path', attribute: 'cwd' },
  packer_version: { root: 'packer', attribute: 'version' },
  isotime: { function: 'legacy_isotime' },
  strftime: { function: 'legacy_strftime' },
  uuid: { function: 'uuidv4' },
  lower: { function: 'lower' },
  upper: { function: 'upper' },
  timestamp: { function: LEGACY_FUNCTION_NAMES.timestamp },
  split: { function: LEGACY_FUNCTION_NAMES.split },
  replace: { function: LEGACY_FUNCTION_NAMES.replace },
  replace_all: { function: LEGACY_FUNCTION_NAMES.replace_all },
};
