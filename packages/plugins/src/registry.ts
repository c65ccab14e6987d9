import type { AnyPlugin, PluginKind, PluginRegistry } from '@kiln/engine';

/** A registry over a fixed list of plugins; a type may appear once per kind. */
export function registryOf(plugins: readonly AnyPlugin[]): PluginRegistry {
  const byKind = new Map<PluginKind, Map<string, AnyPlugin>>();
  for (const plugin of plugins) {
    const kind = plugin.schema.kind;
    const ofKind = byKind.get(kind) ?? new Map<string, AnyPlugin>();
    if (ofKind.has(plugin.schema.type)) {
      throw new Error(`plugin registry: ${kind} "${plugin.schema.type}" is registered twice`);
    }
    ofKind.set(plugin.schema.type, plugin);
    byKind.set(kind, ofKind);
  }
  const find = <P>(kind: PluginKind, type: string) => byKind.get(kind)?.get(type) as P | undefined;
  return {
    builder: (type) => find('builder', type),
    provisioner: (type) => find('provisioner', type),
    postProcessor: (type) => find('post-processor', type),
    datasource: (type) => find('datasource', type),
    known: (kind) => [...(byKind.get(kind)?.keys() ?? [])].sort(),
  };
}
