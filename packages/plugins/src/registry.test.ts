import { describe, expect, it } from 'vitest';
import {
  createPluginRegistry,
  fileBuilder,
  manifestPostProcessor,
  nullBuilder,
  shellLocalPostProcessor,
  shellLocalProvisioner,
} from './index.ts';
import { registryOf } from './registry.ts';

describe('createPluginRegistry', () => {
  it('finds every shipped plugin by kind and type', () => {
    const registry = createPluginRegistry();
    expect(registry.builder('file')).toBe(fileBuilder);
    expect(registry.builder('null')).toBe(nullBuilder);
    expect(registry.provisioner('shell-local')).toBe(shellLocalProvisioner);
    expect(registry.builder('shell-local')).toBeUndefined();
    expect(registry.postProcessor('manifest')).toBe(manifestPostProcessor);
    expect(registry.postProcessor('shell-local')).toBe(shellLocalPostProcessor);
    expect(registry.postProcessor('compress-everything')).toBeUndefined();
    expect(registry.known('builder')).toEqual(['file', 'null']);
    expect(registry.known('provisioner')).toEqual(['breakpoint', 'file', 'shell', 'shell-local', 'sleep']);
    expect(registry.known('post-processor')).toEqual([
      'artifice',
      'checksum',
      'compress',
      'manifest',
      'shell-local',
    ]);
    expect(registry.known('datasource')).toEqual([
      'hcp-packer-artifact',
      'hcp-packer-version',
      'http',
      'null',
    ]);
  });

  it('refuses a type registered twice', () => {
    expect(() => registryOf([fileBuilder as never, fileBuilder as never])).toThrow(
      'plugin registry: builder "file" is registered twice',
    );
  });
});
