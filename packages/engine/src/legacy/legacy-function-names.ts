/**
 * Functions of Packer's legacy template engine that HCL has no equal for. They are named so that
 * an HCL expression cannot call them by accident: only translated legacy strings refer to them.
 */
export const LEGACY_FUNCTION_NAMES = {
  timestamp: 'legacy::timestamp',
  split: 'legacy::split',
  replace: 'legacy::replace',
  replace_all: 'legacy::replace_all',
  clean_resource_name: 'legacy::clean_resource_name',
} as const;
