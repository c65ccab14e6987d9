import 'server-only';
import type { PluginRegistry } from '@kiln/engine';
import { createPluginRegistry } from '@kiln/plugins';

let registry: PluginRegistry | undefined;

/**
 * The plugins builds run with, for the editor's checks only: the web app evaluates their settings
 * and calls their prepare(), and never runs one.
 */
export function plugins(): PluginRegistry {
  registry ??= createPluginRegistry();
  return registry;
}
