import type { Diagnostic, SourceRange } from '../errors/diagnostic.ts';
import type { Expression, TemplatePart } from '../parse/ast.ts';
import { LEGACY_FUNCTION_NAMES } from './legacy-functions.ts';

/** Where a string appears: `env` (and the secret readers) are allowed only in variable defaults. */
export type LegacySection = 'variables' | 'template';

export interface TranslateOptions {
  section: LegacySection;
  /** Declared user variables, to report `{{user `x`}}` for undeclared ones. */
  variables: ReadonlySet<string>;
}

type Token =
  | { kind: 'ident'; text: string }
  | { kind: 'field'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'pipe' | 'open' | 'close' };

class TemplateSyntaxError extends Error {}

/** Keywords of Go's text/template: actions using them belong to the plugin and are kept as written. */
const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'nil']);

/** Functions that read secret stores: like `env`, Packer allows them only in variable defaults. */
const SECRET_READERS: Record<string, [number, number]> = {
  vault: [2, 2],
  consul_key: [1, 1],
  aws_secretsmanager: [1, 2],
  aws_secretsmanager_raw: [1, 1],
};

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '|') {
      tokens.push({ kind: 'pipe' });
      i++;
    } else if (c === '(') {
      tokens.push({ kind: 'open' });
      i++;
    } else if (c === ')') {
      tokens.push({ kind: 'close' });
      i++;
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new TemplateSyntaxError('unterminated raw string');
      tokens.push({ kind: 'string', text: src.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        const d = src[j];
        if (d === undefined) throw new TemplateSyntaxError('unterminated quoted string');
        if (d === '"') break;
        if (d === '\\') {
          const e = src[j + 1];
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
          if (e === undefined || !(e in map)) throw new TemplateSyntaxError(`invalid escape \\${e ?? ''}`);
          text += map[e];
          j += 2;
          continue;
        }
        text += d;
        j++;
      }
      tokens.push({ kind: 'string', text });
      i = j + 1;
    } else if (c === '.' || c === '$') {
      const m = /^[.$][A-Za-z0-9_.]*/.exec(src.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'field', text: m[0] });
      i += m[0].length;
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?[0-9]+/.exec(src.slice(i));
      if (!m) throw new TemplateSyntaxError(`unexpected "${c}"`);
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'ident', text: m[0] });
      i += m[0].length;
    } else {
      throw new TemplateSyntaxError(`unexpected "${c}"`);
    }
  }
  return tokens;
}

/** Builds expressions from a tokenized action; problems are thrown as TemplateSyntaxError. */
class ActionParser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly range: SourceRange,
    private readonly options: TranslateOptions,
    private readonly diagnostics: Diagnostic[],
  ) {}

  parse(): Expression {
    const expr = this.pipeline();
    if (this.index < this.tokens.length) throw new TemplateSyntaxError('unexpected ")"');
    return expr;
  }

  private pipeline(): Expression {
    let expr = this.command();
    while (this.tokens[this.index]?.kind === 'pipe') {
      this.index++;
      expr = this.command(expr);
    }
    return expr;
  }

  /** A function call; `piped` (the value before `|`) becomes its final argument. */
  private command(piped?: Expression): Expression {
    const first = this.tokens[this.index];
    if (!first) throw new TemplateSyntaxError('missing value');
    if (first.kind !== 'ident') {
      if (piped) throw new TemplateSyntaxError('a pipeline stage must be a function');
      return this.operand();
    }
    this.index++;
    const args: Expression[] = [];
    for (;;) {
      const t = this.tokens[this.index];
      if (!t || t.kind === 'pipe' || t.kind === 'close') break;
      args.push(this.operand());
    }
    if (piped) args.push(piped);
    return this.call(first.text, args);
  }

  private operand(): Expression {
    const t = this.tokens[this.index++];
    const range = this.range;
    if (!t) throw new TemplateSyntaxError('missing value');
    switch (t.kind) {
      case 'string':
        return { kind: 'literal', value: t.text, range };
      case 'number':
        return { kind: 'number', text: t.text, range };
      case 'ident':
        return this.call(t.text, []);
      case 'open': {
        const inner = this.pipeline();
        if (this.tokens[this.index]?.kind !== 'close') throw new TemplateSyntaxError('unclosed "("');
        this.index++;
        return inner;
      }
      default:
        throw new TemplateSyntaxError(
          `unexpected ${t.kind === 'pipe' ? '"|"' : t.kind === 'close' ? '")"' : t.kind}`,
        );
    }
  }

  private call(name: string, args: Expression[]): Expression {
    const range = this.range;
    const arity = (min: number, max = min) => {
      if (args.length < min || args.length > max) {
        const want = min === max ? `${min}` : `${min} to ${max}`;
        throw new TemplateSyntaxError(
          `${name} takes ${want} argument${max === 1 ? '' : 's'}, ${args.length} given`,
        );
      }
    };
    const root = (n: string): Expression => ({ kind: 'variable', name: n, range });
    const attr = (object: string, attribute: string): Expression => ({
      kind: 'get-attr',
      object: root(object),
      name: attribute,
      nameRange: range,
      range,
    });
    const fn = (fname: string, fargs: Expression[] = args): Expression => ({
      kind: 'call',
      name: fname,
      nameRange: range,
      args: fargs,
      expandFinal: false,
      range,
    });
    const literalName = (what: string): string => {
      const a = args[0];
      if (a?.kind !== 'literal' || typeof a.value !== 'string')
        throw new TemplateSyntaxError(
          `${name} takes the ${what} as a literal string, such as ${name} \`name\``,
        );
      return a.value;
    };
    const secret = SECRET_READERS[name];
    if (secret || name === 'env') {
      arity(...(secret ?? [1, 1]));
      if (this.options.section !== 'variables')
        throw new TemplateSyntaxError(`${name} is allowed only in the defaults of "variables"`);
      if (name === 'aws_secretsmanager' && args.length === 1)
        args.push({ kind: 'literal', value: null, range });
      return fn(name);
    }
    switch (name) {
      case 'user': {
        arity(1);
        const variable = literalName('variable name');
        if (this.options.variables.has(variable)) return attr('var', variable);
        this.diagnostics.push({
          severity: 'warning',
          summary: 'Undeclared user variable',
          detail: `{{user \`${variable}\`}} refers to a variable that is not declared in "variables"; it is the empty string.`,
          subject: range,
        });
        return { kind: 'literal', value: '', range };
      }
      case 'sed':
        throw new TemplateSyntaxError('sed is deprecated; use replace or replace_all');
      case 'build':
        arity(1);
        return attr('build', literalName('value name'));
      case 'build_name':
        arity(0);
        return attr('source', 'name');
      case 'build_type':
        arity(0);
        return attr('source', 'type');
      case 'template_dir':
        arity(0);
        return attr('path', 'root');
      case 'pwd':
        arity(0);
        return attr('path', 'cwd');
      case 'packer_version':
        arity(0);
        return attr('packer', 'version');
      case 'isotime':
        arity(0, 1);
        return fn('legacy_isotime');
      case 'strftime':
        arity(1);
        return fn('legacy_strftime');
      case 'uuid':
        arity(0);
        return fn('uuidv4');
      case 'lower':
      case 'upper':
        arity(1);
        return fn(name);
      case 'timestamp':
      case 'split':
      case 'replace':
      case 'replace_all':
      case 'clean_resource_name': {
        const fname = LEGACY_FUNCTION_NAMES[name];
        arity({ timestamp: 0, split: 3, replace: 4, replace_all: 3, clean_resource_name: 1 }[name]);
        return fn(fname);
      }
      default:
        throw new TemplateSyntaxError(
          `function "${name}" is not defined; legacy templates may use user, env, vault, consul_key, aws_secretsmanager, build, build_name, build_type, template_dir, pwd, packer_version, timestamp, isotime, strftime, uuid, split, replace, replace_all, lower, upper and clean_resource_name`,
        );
    }
  }
}

/** Finds the `}}` closing an action that starts at `from`, skipping quoted and raw strings. */
function actionEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) return -1;
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (text.startsWith('}}', i)) {
      return i;
    } else {
      i++;
    }
  }
  return -1;
}

/**
 * Translates a legacy template string (Go text/template: `{{user `x`}} {{timestamp}}`) into an
 * HCL expression. Actions that use the data of a plugin (`{{.Path}}`) or control keywords are
 * kept as written for the plugin. Problems are reported against `range` (the JSON string).
 */
export function translateLegacyString(
  text: string,
  range: SourceRange,
  options: TranslateOptions,
  diagnostics: Diagnostic[],
): Expression {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  let trimNext = false;
  const flush = () => {
    if (literal !== '') parts.push({ kind: 'literal', text: literal, range });
    literal = '';
  };
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    let chunk = open < 0 ? text.slice(i) : text.slice(i, open);
    if (trimNext) chunk = chunk.replace(/^\s+/, '');
    trimNext = false;
    if (open < 0) {
      literal += chunk;
      break;
    }
    const trimLeft = text.startsWith('{{- ', open);
    literal += trimLeft ? chunk.replace(/\s+$/, '') : chunk;
    const start = open + (trimLeft ? 3 : 2);
    const close = actionEnd(text, start);
    if (close < 0) {
      diagnostics.push({
        severity: 'error',
        summary: 'Unclosed template action',
        detail: `The "{{" at character ${open + 1} of this string has no matching "}}".`,
        subject: range,
      });
      return { kind: 'invalid', range };
    }
    const trimRight = close >= start + 1 && text.slice(close - 2, close) === ' -';
    const source = text.slice(start, trimRight ? close - 2 : close);
    const whole = text.slice(open, close + 2);
    i = close + 2;
    trimNext = trimRight;
    let tokens: Token[];
    try {
      tokens = tokenize(source);
    } catch (error) {
      diagnostics.push(actionError(whole, (error as Error).message, range));
      return { kind: 'invalid', range };
    }
    if (tokens.some((t) => t.kind === 'field' || (t.kind === 'ident' && KEYWORDS.has(t.text)))) {
      literal += whole;
      continue;
    }
    try {
      const expr = new ActionParser(tokens, range, options, diagnostics).parse();
      flush();
      parts.push({ kind: 'interpolation', expr, range });
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
      diagnostics.push(actionError(whole, error.message, range));
      return { kind: 'invalid', range };
    }
  }
  flush();
  if (parts.length === 0) return { kind: 'literal', value: '', range };
  if (parts.length === 1 && parts[0]?.kind === 'literal')
    return { kind: 'literal', value: parts[0].text, range };
  return { kind: 'template', parts, heredoc: false, range };
}

function actionError(action: string, message: string, range: SourceRange): Diagnostic {
  return {
    severity: 'error',
    summary: 'Invalid template action',
    detail: `In ${JSON.stringify(action)}: ${message}.`,
    subject: range,
  };
}
