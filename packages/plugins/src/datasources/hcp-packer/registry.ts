import type { DatasourceContext, RegistryLookup } from '@kiln/engine';

/** The registry handed to a data source, or an error naming the data source when there is none. */
export function registryFor(type: string, ctx: DatasourceContext): RegistryLookup {
  if (!ctx.registry)
    throw new Error(
      `the ${type} data source reads Kiln's image registry, and no registry is configured for this evaluation`,
    );
  return ctx.registry;
}

/** A required, non-empty string setting; its absence is reported in Packer's words. */
export function requiredString(config: Record<string, unknown>, name: string): string | undefined {
  const value = config[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
