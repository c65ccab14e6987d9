/**
 * Seeded, grammar-based generators of HCL expressions and of Packer templates (HCL2 and legacy
 * JSON) for the differential fuzzer. Everything comes from one PRNG, so a seed names a case.
 */

/** mulberry32: a small, fast, seedable PRNG. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  times<T>(lo: number, hi: number, fn: () => T): T[] {
    return Array.from({ length: this.int(lo, hi) }, fn);
  }
}

type Kind = 'string' | 'number' | 'bool' | 'list' | 'map' | 'any';

/** References into the fixture template (bench/expressions/fixture/console.pkr.hcl), by kind. */
const REFERENCES: Record<Exclude<Kind, 'any'>, string[]> = {
  string: [
    'local.words',
    'var.obj.name',
    'local.cidr',
    'var.str_list[0]',
    'var.str_map["k1"]',
    'var.nothing',
  ],
  number: ['var.obj.size', 'var.num_list[1]', 'var.num_map.a', 'length(var.str_list)', 'var.objs[0].port'],
  bool: ['var.flag', '!var.flag'],
  list: [
    'var.str_list',
    'var.num_list',
    'var.str_set',
    'local.tuple',
    'var.obj.tags',
    'var.objs',
    'var.objs[*].name',
  ],
  map: ['var.num_map', 'var.str_map', 'var.obj', 'local.nested', 'local.empty_map', 'var.untyped'],
};

const STRINGS = [
  '',
  'a',
  'abc',
  'Hello World',
  ' padded ',
  'a,b,c',
  '10.0.0.0/8',
  'ünïcødé',
  'x-y_z',
  '42',
  'true',
  '1.5',
  'a\\nb',
  'tab\\tq',
  '\\"q\\"',
  '$${x}',
  '%%{y}',
  'null',
];
const NUMBERS = [
  '0',
  '1',
  '2',
  '3',
  '7',
  '10',
  '-1',
  '-3',
  '0.5',
  '1.5',
  '-2.25',
  '1e3',
  '100',
  '255',
  '1024',
  '0.1',
  '3.14159',
  '1e-2',
  '123456789',
  '9007199254740993',
];
const IDENTS = ['a', 'b', 'c', 'key', 'name', 'x1', 'k_2'];

interface FunctionSpec {
  name: string;
  args: Kind[];
  /** Extra arguments of the last kind allowed (variadic). */
  variadic?: boolean;
}

const FUNCTIONS: FunctionSpec[] = [
  { name: 'upper', args: ['string'] },
  { name: 'lower', args: ['string'] },
  { name: 'title', args: ['string'] },
  { name: 'strrev', args: ['string'] },
  { name: 'trimspace', args: ['string'] },
  { name: 'chomp', args: ['string'] },
  { name: 'substr', args: ['string', 'number', 'number'] },
  { name: 'join', args: ['string', 'list'], variadic: true },
  { name: 'split', args: ['string', 'string'] },
  { name: 'replace', args: ['string', 'string', 'string'] },
  { name: 'trim', args: ['string', 'string'] },
  { name: 'trimprefix', args: ['string', 'string'] },
  { name: 'trimsuffix', args: ['string', 'string'] },
  { name: 'startswith', args: ['string', 'string'] },
  { name: 'endswith', args: ['string', 'string'] },
  { name: 'strcontains', args: ['string', 'string'] },
  { name: 'indent', args: ['number', 'string'] },
  { name: 'format', args: ['string', 'any'], variadic: true },
  { name: 'formatlist', args: ['string', 'list'], variadic: true },
  { name: 'regex', args: ['string', 'string'] },
  { name: 'regexall', args: ['string', 'string'] },
  { name: 'regex_replace', args: ['string', 'string', 'string'] },
  { name: 'length', args: ['any'] },
  { name: 'concat', args: ['list', 'list'], variadic: true },
  { name: 'flatten', args: ['list'] },
  { name: 'distinct', args: ['list'] },
  { name: 'reverse', args: ['list'] },
  { name: 'sort', args: ['list'] },
  { name: 'keys', args: ['map'] },
  { name: 'values', args: ['map'] },
  { name: 'lookup', args: ['map', 'string', 'any'] },
  { name: 'merge', args: ['map', 'map'], variadic: true },
  { name: 'contains', args: ['list', 'any'] },
  { name: 'element', args: ['list', 'number'] },
  { name: 'index', args: ['list', 'any'] },
  { name: 'slice', args: ['list', 'number', 'number'] },
  { name: 'coalesce', args: ['any', 'any'], variadic: true },
  { name: 'coalescelist', args: ['list', 'list'] },
  { name: 'compact', args: ['list'] },
  { name: 'chunklist', args: ['list', 'number'] },
  { name: 'zipmap', args: ['list', 'list'] },
  { name: 'setproduct', args: ['list', 'list'] },
  { name: 'setunion', args: ['list', 'list'] },
  { name: 'setintersection', args: ['list', 'list'] },
  { name: 'setsubtract', args: ['list', 'list'] },
  { name: 'transpose', args: ['map'] },
  { name: 'one', args: ['list'] },
  { name: 'sum', args: ['list'] },
  { name: 'alltrue', args: ['list'] },
  { name: 'anytrue', args: ['list'] },
  { name: 'range', args: ['number', 'number'] },
  { name: 'max', args: ['number', 'number'], variadic: true },
  { name: 'min', args: ['number', 'number'], variadic: true },
  { name: 'abs', args: ['number'] },
  { name: 'ceil', args: ['number'] },
  { name: 'floor', args: ['number'] },
  { name: 'signum', args: ['number'] },
  { name: 'pow', args: ['number', 'number'] },
  { name: 'log', args: ['number', 'number'] },
  { name: 'parseint', args: ['string', 'number'] },
  { name: 'jsonencode', args: ['any'] },
  { name: 'jsondecode', args: ['string'] },
  { name: 'yamlencode', args: ['any'] },
  { name: 'yamldecode', args: ['string'] },
  { name: 'csvdecode', args: ['string'] },
  { name: 'base64encode', args: ['string'] },
  { name: 'base64decode', args: ['string'] },
  { name: 'urlencode', args: ['string'] },
  { name: 'md5', args: ['string'] },
  { name: 'sha1', args: ['string'] },
  { name: 'sha256', args: ['string'] },
  { name: 'cidrhost', args: ['string', 'number'] },
  { name: 'cidrnetmask', args: ['string'] },
  { name: 'cidrsubnet', args: ['string', 'number', 'number'] },
  { name: 'try', args: ['any', 'any'] },
  { name: 'can', args: ['any'] },
  { name: 'sensitive', args: ['any'] },
  { name: 'nonsensitive', args: ['any'] },
  { name: 'type', args: ['any'] },
];

const BY_RESULT: Partial<Record<Kind, string[]>> = {
  string: [
    'upper',
    'lower',
    'title',
    'strrev',
    'trimspace',
    'substr',
    'join',
    'replace',
    'format',
    'jsonencode',
    'regex_replace',
    'base64encode',
    'sha1',
    'cidrhost',
    'trimprefix',
  ],
  number: ['length', 'max', 'min', 'abs', 'ceil', 'floor', 'pow', 'parseint', 'sum', 'signum', 'index'],
  bool: ['contains', 'startswith', 'can', 'alltrue', 'anytrue', 'strcontains'],
  list: [
    'split',
    'concat',
    'flatten',
    'distinct',
    'reverse',
    'sort',
    'keys',
    'values',
    'range',
    'formatlist',
    'compact',
    'chunklist',
    'setproduct',
    'regexall',
    'slice',
  ],
  map: ['merge', 'zipmap', 'transpose', 'jsondecode', 'yamldecode'],
};

const FORMAT_VERBS = [
  '%s',
  '%d',
  '%v',
  '%#v',
  '%q',
  '%t',
  '%.2f',
  '%5d',
  '%-5s|',
  '%05d',
  '%x',
  '%X',
  '%o',
  '%b',
  '%e',
  '%g',
  '%%',
  '%[1]s',
  '%+d',
  '% d',
  '%08.3f',
  '%10s',
  '%.3s',
  '%T',
];
const REGEXES = [
  '[a-z]+',
  '^a',
  '(\\\\w+) (\\\\w+)',
  '(?P<first>[a-z])',
  '\\\\d+',
  '.',
  '[',
  'a|b',
  '(?i)HELLO',
  'x*',
];

/** Expressions of the console fuzzer: mostly well-typed, some deliberately not. */
export class ExpressionGenerator {
  constructor(private readonly r: Random) {}

  expression(): string {
    return this.of(this.r.pick<Kind>(['string', 'number', 'bool', 'list', 'map', 'any']), 3);
  }

  private of(kind: Kind, depth: number): string {
    const r = this.r;
    // A wrong kind now and then: errors must agree too.
    if (r.chance(0.06)) kind = r.pick<Kind>(['string', 'number', 'bool', 'list', 'map']);
    if (depth <= 0 || r.chance(0.25)) return this.leaf(kind);
    const choice = r.next();
    if (choice < 0.35) return this.call(kind, depth);
    if (choice < 0.5) return this.operator(kind, depth);
    if (choice < 0.6)
      return `${this.of('bool', depth - 1)} ? ${this.of(kind, depth - 1)} : ${this.of(kind, depth - 1)}`;
    if (choice < 0.72) return this.forExpr(kind, depth);
    if (choice < 0.8 && (kind === 'string' || kind === 'any')) return this.template(depth);
    if (choice < 0.88) return this.access(kind, depth);
    return this.collection(kind, depth);
  }

  private leaf(kind: Kind): string {
    const r = this.r;
    if (kind !== 'any' && r.chance(0.35)) return r.pick(REFERENCES[kind]);
    switch (kind) {
      case 'string':
        return `"${r.pick(STRINGS)}"`;
      case 'number':
        return r.pick(NUMBERS);
      case 'bool':
        return r.pick(['true', 'false']);
      case 'list':
        return r.chance(0.2)
          ? '[]'
          : `[${r.times(1, 4, () => this.leaf(r.pick<Kind>(['string', 'number']))).join(', ')}]`;
      case 'map':
        return r.chance(0.15)
          ? '{}'
          : `{ ${r.times(1, 3, () => `${r.pick(IDENTS)} = ${this.leaf(r.pick<Kind>(['string', 'number', 'bool']))}`).join(', ')} }`;
      case 'any':
        return r.chance(0.08) ? 'null' : this.leaf(r.pick<Kind>(['string', 'number', 'bool', 'list', 'map']));
    }
  }

  private call(kind: Kind, depth: number): string {
    const r = this.r;
    const names = kind === 'any' ? FUNCTIONS.map((f) => f.name) : (BY_RESULT[kind] ?? []);
    const name = r.pick(names);
    const spec = FUNCTIONS.find((f) => f.name === name) as FunctionSpec;
    const args = spec.args.map((a, i) => this.argument(spec, a, i, depth));
    if (spec.variadic && r.chance(0.3))
      args.push(this.argument(spec, spec.args.at(-1) as Kind, args.length, depth));
    if (r.chance(0.03)) args.pop();
    return `${spec.name}(${args.join(', ')})`;
  }

  private argument(spec: FunctionSpec, kind: Kind, i: number, depth: number): string {
    const r = this.r;
    if (spec.name.startsWith('format') && i === 0)
      return `"${r.times(1, 3, () => `${r.pick(['', 'x=', ' ', '-'])}${r.pick(FORMAT_VERBS)}`).join('')}"`;
    if (spec.name.startsWith('regex') && i === (spec.name === 'regex_replace' ? 1 : 0))
      return `"${r.pick(REGEXES)}"`;
    if (spec.name === 'range') return String(r.int(-3, 12));
    if ((spec.name === 'substr' || spec.name === 'slice' || spec.name === 'element') && i > 0)
      return String(r.int(-2, 5));
    if (spec.name === 'cidrsubnet' && i > 0) return String(r.int(0, 10));
    if (spec.name === 'jsondecode')
      return r.pick(['local.json_doc', '"[1,2]"', '"{\\"a\\":true}"', '"nope"', '"1e400"']);
    if (spec.name === 'yamldecode')
      return r.pick(['local.yaml_doc', '"a: [1, 2]"', '"- x\\n- &y 1\\n- *y"', '"{a: b"', '"0x10"', '"yes"']);
    if (spec.name === 'csvdecode') return r.pick(['local.csv_doc', '"a,b\\n1,2"', '"a\\n\\"x"']);
    return this.of(kind, depth - 1);
  }

  private operator(kind: Kind, depth: number): string {
    const r = this.r;
    if (kind === 'bool') {
      const op = r.pick(['==', '!=', '<', '>', '<=', '>=', '&&', '||']);
      const side: Kind =
        op === '&&' || op === '||'
          ? 'bool'
          : op === '==' || op === '!='
            ? r.pick<Kind>(['string', 'number', 'list', 'map', 'any'])
            : 'number';
      return `${this.of(side, depth - 1)} ${op} ${this.of(side, depth - 1)}`;
    }
    if (kind === 'number' || r.chance(0.3)) {
      if (r.chance(0.15)) return `-${this.of('number', depth - 1)}`;
      return `(${this.of('number', depth - 1)} ${r.pick(['+', '-', '*', '/', '%'])} ${this.of('number', depth - 1)})`;
    }
    return `(${this.of(kind, depth - 1)})`;
  }

  private forExpr(kind: Kind, depth: number): string {
    const r = this.r;
    const collection = this.of(r.pick<Kind>(['list', 'map']), depth - 1);
    const cond = r.chance(0.3) ? ` if ${this.of('bool', depth - 2).replaceAll('var.flag', 'v != ""')}` : '';
    const value = r.pick([
      'v',
      'k',
      `"\${k}-\${v}"`,
      'upper(v)',
      'v * 2',
      'length(v)',
      'format("%v", v)',
      '[k, v]',
    ]);
    if (kind === 'map' || r.chance(0.2)) {
      const key = r.pick(['k', 'v', 'format("%v", v)', `"\${k}"`, 'upper(k)']);
      return `{ for k, v in ${collection} : ${key} => ${value}${r.chance(0.15) ? '...' : ''}${cond} }`;
    }
    return `[for k, v in ${collection} : ${value}${cond}]`;
  }

  private template(depth: number): string {
    const r = this.r;
    const parts = r.times(1, 3, () => {
      const c = r.next();
      if (c < 0.4) return r.pick(['a', ' ', '-', 'x=', 'ü', '$$', '%%']);
      if (c < 0.8) return `\${${this.of(r.pick<Kind>(['string', 'number', 'bool', 'any']), depth - 1)}}`;
      if (c < 0.9) return `%{ if ${this.of('bool', depth - 1)} }yes%{ else }no%{ endif }`;
      return `%{ for x in ${this.of('list', depth - 1)} }[\${x}]%{ endfor }`;
    });
    return `"${parts.join('')}"`;
  }

  private access(kind: Kind, depth: number): string {
    const r = this.r;
    const c = r.next();
    if (c < 0.35) return `${this.of('list', depth - 1)}[${r.int(-1, 3)}]`;
    if (c < 0.6) return `${this.of('map', depth - 1)}${r.pick(['.a', '.name', '["k1"]', '.missing', '[0]'])}`;
    if (c < 0.8) return `${this.of('list', depth - 1)}[*]${r.pick(['', '.name', '.port', '[0]'])}`;
    return `${r.pick(REFERENCES.list)}${r.pick(['[*].name', '.*', '[0]', '[1]', '[9]'])}${kind === 'string' ? '' : ''}`;
  }

  private collection(kind: Kind, depth: number): string {
    const r = this.r;
    if (kind === 'map')
      return `{ ${r.times(0, 3, () => `${r.chance(0.2) ? `"${r.pick(STRINGS)}"` : r.pick(IDENTS)} = ${this.of('any', depth - 1)}`).join(', ')} }`;
    return `[${r.times(0, 3, () => this.of(kind === 'list' ? 'any' : kind, depth - 1)).join(', ')}]`;
  }
}

/** One generated template: its file name and content. */
export interface TemplateCase {
  filename: string;
  content: string;
}

const TYPES = [
  'string',
  'number',
  'bool',
  'list(string)',
  'map(string)',
  'any',
  'object({ a = string })',
  'list(number)',
  'strng',
];

/** HCL2 and legacy JSON templates for `validate`: valid ones and ones broken one way or another. */
export class TemplateGenerator {
  private readonly expressions: ExpressionGenerator;
  constructor(private readonly r: Random) {
    this.expressions = new ExpressionGenerator(r);
  }

  template(): TemplateCase {
    return this.r.chance(0.35) ? this.legacy() : this.hcl();
  }

  private value(type: string): string {
    const r = this.r;
    if (r.chance(0.15)) return this.expressions.expression();
    switch (type) {
      case 'number':
        return r.pick(NUMBERS);
      case 'bool':
        return r.pick(['true', 'false', '"true"', '1']);
      case 'list(string)':
      case 'list(number)':
        return r.pick(['[]', '["a", "b"]', '[1, 2]', '"a"', 'null']);
      case 'map(string)':
        return r.pick(['{}', '{ a = "1" }', '{ a = 1, b = true }', '["x"]']);
      case 'object({ a = string })':
        return r.pick(['{ a = "x" }', '{ a = 1 }', '{}', '{ a = "x", b = 2 }']);
      default:
        return r.pick(['"x"', '1', 'true', 'null', '["a"]', '{ k = "v" }']);
    }
  }

  private hcl(): TemplateCase {
    const r = this.r;
    const lines: string[] = [];
    const vars = r.times(0, 3, () => r.pick(['region', 'size', 'names', 'flag', 'cfg']));
    for (const name of vars) {
      const type = r.pick(TYPES);
      const body = [
        r.chance(0.8) ? `  type = ${type}` : '',
        r.chance(0.8) ? `  default = ${this.value(type)}` : '',
      ];
      if (r.chance(0.2)) body.push('  sensitive = true');
      if (r.chance(0.2))
        body.push(
          `  validation {\n    condition     = ${r.pick(['length(var.' + name + ') > 0', 'var.' + name + ' != ""', 'true', 'can(var.' + name + ')', '1'])}\n    error_message = ${r.pick(['"The value is bad."', '"bad"', '"Must be set."'])}\n  }`,
        );
      lines.push(`variable "${name}" {\n${body.filter((b) => b !== '').join('\n')}\n}`);
    }
    const locals = r.times(
      0,
      3,
      () =>
        `  ${r.pick(['l1', 'l2', 'name', 'tags'])} = ${r.chance(0.3) ? `var.${r.pick(['region', 'size', 'names', 'flag', 'cfg', 'nope'])}` : this.expressions.expression()}`,
    );
    if (locals.length > 0) lines.push(`locals {\n${locals.join('\n')}\n}`);
    const sources = r.times(1, 2, () => r.pick(['a', 'b', 'c']));
    for (const s of sources) {
      const settings = [
        r.chance(0.85)
          ? '  communicator = "none"'
          : r.pick(['  communicator = "ssh"', '', '  communicator = 1']),
      ];
      if (r.chance(0.15))
        settings.push(r.pick(['  bogus = 1', '  ssh_host = "h"', '  communicator = "none"']));
      lines.push(
        `source "${r.chance(0.9) ? 'null' : r.pick(['file', 'nope', 'amazon-ebs'])}" "${s}" {\n${settings.join('\n')}\n}`,
      );
    }
    const build = [
      `  sources = [${sources.map((s) => `"source.null.${r.chance(0.95) ? s : 'zz'}"`).join(', ')}]`,
    ];
    if (r.chance(0.3)) build.unshift(`  name = ${r.pick(['"b1"', '"my-build"', '1', '""'])}`);
    for (let i = r.int(0, 2); i > 0; i--) {
      const p = [
        `    inline = ${r.pick(['["echo hi"]', `["echo \${build.name}"]`, '"echo x"', '[]', '[1]'])}`,
      ];
      if (r.chance(0.2))
        p.push(
          `    ${r.pick(['only', 'except'])} = ${r.pick(['["null.a"]', '["null.zz"]', '"null.a"', '["source.null.a"]'])}`,
        );
      if (r.chance(0.15))
        p.push(
          `    ${r.pick(['pause_before = "1s"', 'max_retries = 2', 'timeout = "x"', 'script = "s.sh"', 'environment_vars = ["A=1"]', 'env = { A = "1" }', 'nonsense = true'])}`,
        );
      build.push(
        `  provisioner "${r.chance(0.9) ? 'shell-local' : r.pick(['file', 'sleep', 'bogus'])}" {\n${p.join('\n')}\n  }`,
      );
    }
    if (r.chance(0.3))
      build.push(
        `  post-processor "${r.pick(['checksum', 'manifest', 'compress', 'nope'])}" {\n    ${r.pick(['', 'output = "out.json"', 'checksum_types = ["sha256"]', 'keep_input_artifact = "yes"'])}\n  }`,
      );
    lines.push(`build {\n${build.join('\n')}\n}`);
    return { filename: 'fuzz.pkr.hcl', content: `${lines.join('\n\n')}\n` };
  }

  /** A legacy JSON template, leaning on the fields Packer decodes weakly. */
  private legacy(): TemplateCase {
    const r = this.r;
    const scalar = () => r.pick<unknown>(['a', 'null', 1, true, '', 'a,b', '1s', '2', null, 0.5]);
    const anyValue = () =>
      r.chance(0.5) ? scalar() : r.pick<unknown>([['null'], [], ['a', 1], {}, { a: 1 }]);
    const builders = r.times(1, 2, (): Record<string, unknown> => {
      const b: Record<string, unknown> = {
        type: r.chance(0.92) ? 'null' : r.pick<unknown>(['file', 1, '', null]),
        communicator: r.chance(0.9) ? 'none' : anyValue(),
      };
      if (r.chance(0.4)) b.name = r.pick<unknown>(['a', 'b', 2, true, '', null]);
      return b;
    });
    const provisioners = r.times(0, 2, (): Record<string, unknown> => {
      const p: Record<string, unknown> = {
        type: r.chance(0.9) ? 'shell-local' : r.pick<unknown>(['sleep', 'nope', 7]),
      };
      p.inline = r.pick<unknown>([['echo hi'], 'echo hi', ['a', 1], [], 'a,b', 1]);
      for (const key of [
        'only',
        'except',
        'max_retries',
        'pause_before',
        'timeout',
        'environment_vars',
        'execute_command',
        'env',
        'valid_exit_codes',
        'only_on',
        'use_linux_pathing',
        'name',
        'override',
      ]) {
        if (r.chance(0.12))
          p[key] =
            key === 'override' ? r.pick<unknown>([{}, { null: { inline: ['x'] } }, [], 'x']) : anyValue();
      }
      return p;
    });
    const root: Record<string, unknown> = { builders };
    if (provisioners.length > 0) root.provisioners = provisioners;
    if (r.chance(0.25))
      root['post-processors'] = [
        r.pick<unknown>([
          'checksum',
          { type: 'checksum', only: anyValue() },
          { type: 'manifest', keep_input_artifact: anyValue() },
          ['checksum', 'compress'],
        ]),
      ];
    if (r.chance(0.25)) root.variables = { v: r.pick<unknown>(['x', null, 1, '{{env `HOME`}}']) };
    if (r.chance(0.1)) root[r.pick(['min_packer_version', 'description', '_comment', 'bogus'])] = scalar();
    return { filename: 'fuzz.json', content: `${JSON.stringify(root, null, 2)}\n` };
  }
}
