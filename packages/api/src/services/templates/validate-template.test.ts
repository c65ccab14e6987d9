import type { BuilderPlugin, PluginRegistry } from '@kiln/engine';
import { describe, expect, it } from 'vitest';
import { validateTemplate } from './validate-template.ts';

const box: BuilderPlugin = {
  kind: 'builder',
  schema: {
    kind: 'builder',
    type: 'box',
    settings: [{ name: 'image', type: 'string', required: true }],
  },
  prepare: (config) => ({ config, diagnostics: [] }),
  steps: () => [],
};

const plugins: PluginRegistry = {
  builder: (type) => (type === 'box' ? box : undefined),
  provisioner: () => undefined,
  postProcessor: () => undefined,
  datasource: () => undefined,
  known: (kind) => (kind === 'builder' ? ['box'] : []),
};

const TEMPLATE = `source "box" "a" {
  imag = "debian"
}
build {
  sources = ["source.box.a"]
}
`;

describe('validateTemplate (the editor checks)', () => {
  it('checks settings against the plugins when it has them, as a build would', () => {
    const withPlugins = validateTemplate({ filename: 'a.pkr.hcl', content: TEMPLATE }, { plugins });
    expect(withPlugins.valid).toBe(false);
    expect(withPlugins.diagnostics.map((d) => [d.severity, d.summary, d.line])).toEqual([
      ['error', 'Unsupported argument', 2],
      ['error', 'Missing required argument', 1],
    ]);
    expect(withPlugins.diagnostics[0]?.sourceLine).toBe('  imag = "debian"');
  });

  it('stops at the language without plugins', () => {
    expect(validateTemplate({ filename: 'a.pkr.hcl', content: TEMPLATE })).toEqual({
      valid: true,
      diagnostics: [],
    });
  });

  it('does not check plugins while the language itself has errors', () => {
    const broken = validateTemplate(
      { filename: 'b.pkr.hcl', content: 'source "box" "a" {\n  image = \n}\n' },
      { plugins },
    );
    expect(broken.diagnostics.map((d) => d.summary)).not.toContain('Missing required argument');
    expect(broken.valid).toBe(false);
  });
});
