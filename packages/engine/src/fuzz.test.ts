import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './errors/diagnostic.ts';
import { parseTemplate } from './model/parse-template.ts';
import { validateTemplate } from './plan/validate-template.ts';
import { testPlugins } from './test-support/plugins.ts';

const SEEDS: { filename: string; content: string }[] = [
  {
    filename: 'seed.pkr.hcl',
    content: `packer {
  required_version = ">= 1.7.0"
  required_plugins {
    amazon = { source = "github.com/hashicorp/amazon", version = ">= 1" }
  }
}
variable "region" {
  type    = string
  default = "us-east-1"
  validation {
    condition     = length(var.region) > 2
    error_message = "Too short."
  }
}
locals {
  name  = "web-\${var.region}"
  tags  = { for k, v in { a = 1, b = 2 } : k => v * 2 if v > 0 }
  parts = [for s in split(",", "a,b,c") : upper(s)]
}
source "file" "a" {
  target  = "\${local.name}.txt"
  content = <<EOT
hello %{ if true }yes%{ else }no%{ endif }
EOT
}
build {
  name    = "web"
  sources = ["source.file.a"]
  provisioner "shell-local" {
    inline = ["echo \${build.name}", "echo \${source.name}"]
    only   = ["file.a"]
  }
  post-processor "checksum" {}
}
`,
  },
  {
    filename: 'seed.pkr.json',
    content: `{
  "variable": { "region": { "type": "string", "default": "eu-west-1" } },
  "locals": { "name": "web-\${var.region}" },
  "source": { "file": { "a": { "target": "\${local.name}.txt", "content": "x" } } },
  "build": {
    "name": "web",
    "sources": ["source.file.a"],
    "provisioner": [{ "shell-local": { "inline": ["echo hi"] } }],
    "post-processor": { "checksum": {} }
  }
}
`,
  },
  {
    filename: 'seed.json',
    content: `{
  "variables": { "fruit": "apple", "req": null, "n": 3 },
  "sensitive-variables": ["req"],
  "builders": [
    { "type": "file", "name": "one", "target": "{{user \`fruit\`}}-{{timestamp}}.txt" },
    { "type": "file", "target": "{{ split \`a,b\` \`,\` 1 | upper }} {{isotime \`2006\`}}" }
  ],
  "provisioners": [
    { "type": "shell-local", "only": ["one"], "inline": ["{{ .Path }}", "{{build_name}}"], "pause_before": "1s" }
  ],
  "post-processors": ["checksum", [{ "type": "checksum", "except": ["file"] }]]
}
`,
  },
];

/** mulberry32: a small seeded PRNG, so that every failure can be reproduced from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  '"',
  '${',
  '%{',
  '{{',
  '}}',
  '=',
  ':',
  ',',
  '\n',
  '<<EOT\n',
  '\\',
  '`',
  '#',
  '/*',
  'null',
  '-1e999',
  '\u00e9',
  '\u{1F600}',
];

function mutate(input: string, random: () => number): string {
  const pick = (n: number) => Math.floor(random() * n);
  let out = input;
  const rounds = random() < 0.7 ? 1 : 2 + pick(3);
  for (let r = 0; r < rounds; r++) {
    const at = pick(out.length + 1);
    const len = 1 + pick(Math.min(40, out.length + 1));
    switch (pick(5)) {
      case 0: {
        const code = (out.charCodeAt(at) || 32) ^ (1 << pick(7));
        out = out.slice(0, at) + String.fromCharCode(code) + out.slice(at + 1);
        break;
      }
      case 1:
        out = out.slice(0, at) + out.slice(at + len);
        break;
      case 2:
        out = out.slice(0, at) + out.slice(at, at + len) + out.slice(at);
        break;
      case 3:
        out = out.slice(0, at);
        break;
      default:
        out = out.slice(0, at) + (TOKENS[pick(TOKENS.length)] as string) + out.slice(at);
    }
  }
  return out;
}

/** Why a diagnostic's subject is not a position inside the file, or undefined when it is. */
function badSubject(d: Diagnostic, filename: string, lines: string[]): string | undefined {
  const s = d.subject;
  if (!s) return `"${d.summary}" has no subject`;
  if (s.filename !== filename) return `"${d.summary}" names file ${s.filename}`;
  for (const pos of [s.start, s.end]) {
    const line = lines[pos.line - 1];
    if (pos.line < 1 || line === undefined) return `"${d.summary}" at line ${pos.line} of ${lines.length}`;
    if (pos.column < 1 || pos.column > Array.from(line).length + 1)
      return `"${d.summary}" at ${pos.line}:${pos.column}, a line of ${Array.from(line).length} characters`;
  }
  return undefined;
}

const MAX_CASES = 3000;
const BUDGET_MS = 10_000;
const PER_INPUT_MS = 2_000;

describe('parse and validate fuzzing', () => {
  it('ends every mutated template in a template or diagnostics positioned inside the file', () => {
    const seed = Number(process.env.KILN_FUZZ_SEED ?? 20240102);
    const random = prng(seed);
    const started = Date.now();
    const failures: string[] = [];
    const plugins = testPlugins([]);
    let cases = 0;
    let withErrors = 0;
    let templates = 0;
    while (cases < MAX_CASES && Date.now() - started < BUDGET_MS && failures.length < 5) {
      const base = SEEDS[cases % SEEDS.length] as { filename: string; content: string };
      const content = mutate(base.content, random);
      cases++;
      const report = (why: string) =>
        failures.push(
          `seed ${seed}, case ${cases} (${base.filename}): ${why}\ninput: ${JSON.stringify(content)}`,
        );
      const t0 = Date.now();
      let result: ReturnType<typeof parseTemplate>;
      try {
        result = parseTemplate([{ filename: base.filename, content }], { variables: {}, env: {} });
      } catch (error) {
        report(`threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        continue;
      }
      const took = Date.now() - t0;
      if (took > PER_INPUT_MS) report(`took ${took} ms`);
      if (!result.template && !result.diagnostics.some((d) => d.severity === 'error'))
        report('neither a template nor an error');
      if (result.diagnostics.some((d) => d.severity === 'error')) withErrors++;
      if (result.template) templates++;
      const lines = content.split('\n');
      /** Parse diagnostics must all be positioned; validation ones, when positioned, inside the file. */
      const all = result.diagnostics.map((d) => ({ d, needsSubject: true }));
      if (result.template) {
        try {
          for (const d of validateTemplate(result.template, plugins)) all.push({ d, needsSubject: false });
        } catch (error) {
          report(
            `validateTemplate threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
          continue;
        }
      }
      for (const { d, needsSubject } of all) {
        if (!needsSubject && !d.subject) continue;
        const why = badSubject(d, base.filename, lines);
        if (why) {
          report(why);
          break;
        }
      }
    }
    console.log(
      `fuzz: seed ${seed}, ${cases} cases in ${Date.now() - started} ms: ${templates} decoded to a template, ${withErrors} with errors`,
    );
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThan(100);
  }, 30_000);
});
