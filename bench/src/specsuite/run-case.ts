import {
  type Diagnostic,
  type EvalContext,
  type Type,
  type Value,
  ValueError,
  convert,
  diagnosticLocation,
  evalContext,
  evaluate,
  objectVal,
  parseNativeFile,
  rawEquals,
  toJson,
  typeConstraint,
  typeEquals,
  typeExpression,
} from '@kiln/engine';
import { decode, readSpec } from './hcldec.ts';

export interface SpecCase {
  name: string;
  input: string;
  spec: string;
  expectation: string;
}

interface Position {
  line: number;
  column: number;
  byte: number;
}

function show(value: Value): string {
  try {
    return toJson(value);
  } catch {
    return '<unprintable>';
  }
}

function at(d: Diagnostic): string {
  const s = d.subject;
  return s
    ? `${s.start.line}:${s.start.column}(${s.start.byte})-${s.end.line}:${s.end.column}(${s.end.byte})`
    : '<none>';
}

function readPosition(
  body: { attributes: { name: string; expr: Parameters<typeof evaluate>[0] }[] },
  ctx: EvalContext,
): Position {
  const get = (name: string) => {
    const attribute = body.attributes.find((a) => a.name === name);
    return attribute ? Number(evaluate(attribute.expr, ctx).value.asNumber().toString()) : 0;
  };
  return { line: get('line'), column: get('column'), byte: get('byte') };
}

/** Runs one spec suite case; returns its problems (none when it passes). */
export function runCase(c: SpecCase): string[] {
  const empty = evalContext({});
  const expectation = parseNativeFile(c.expectation, `${c.name}.t`);
  if (expectation.diagnostics.length > 0)
    return expectation.diagnostics.map((d) => `expectation file: ${diagnosticLocation(d)} ${d.summary}`);
  const specFile = parseNativeFile(c.spec, `${c.name}.hcldec`);
  if (specFile.diagnostics.length > 0)
    return specFile.diagnostics.map((d) => `spec file: ${diagnosticLocation(d)} ${d.summary}`);

  let ctx = empty;
  const variables = specFile.file.body.blocks.find((b) => b.type === 'variables');
  if (variables) {
    const values = new Map<string, Value>();
    for (const a of variables.body.attributes) values.set(a.name, evaluate(a.expr, empty).value);
    ctx = evalContext(values);
  }
  const specBlock = specFile.file.body.blocks.find((b) => b.type !== 'variables');
  if (!specBlock) return ['the spec file has no spec block'];
  const spec = readSpec(specBlock, empty);

  const parsed = parseNativeFile(c.input, `${c.name}.hcl`);
  const diagnostics = [...parsed.diagnostics];
  let value: Value | undefined;
  if (diagnostics.length === 0) value = decode(spec, parsed.file.body, ctx, diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error');

  const problems: string[] = [];
  const expectedDiagnostics = expectation.file.body.blocks.find((b) => b.type === 'diagnostics');
  if (expectedDiagnostics) {
    const want = expectedDiagnostics.body.blocks.map((b) => {
      const from = b.body.blocks.find((x) => x.type === 'from');
      const to = b.body.blocks.find((x) => x.type === 'to');
      const f = from ? readPosition(from.body, empty) : { line: 0, column: 0, byte: 0 };
      const t = to ? readPosition(to.body, empty) : { line: 0, column: 0, byte: 0 };
      return `${f.line}:${f.column}(${f.byte})-${t.line}:${t.column}(${t.byte})`;
    });
    const got = errors.map(at);
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      problems.push(
        `diagnostics: want ${want.join(', ') || 'none'}; got ${errors.map((d) => `${at(d)} ${d.summary}`).join(', ') || 'none'}`,
      );
    }
    return problems;
  }
  if (errors.length > 0)
    return errors.map((d) => `unexpected error: ${diagnosticLocation(d)} ${d.summary}: ${d.detail ?? ''}`);
  if (!value) return ['no value was decoded'];

  const typeAttr = expectation.file.body.attributes.find((a) => a.name === 'result_type');
  let wantType: Type | undefined;
  if (typeAttr) {
    const typeProblems: Diagnostic[] = [];
    wantType = typeConstraint(typeAttr.expr, typeProblems);
    if (typeProblems.length > 0) return [`result_type: ${typeProblems[0]?.detail}`];
    if (!typeEquals(value.type, wantType))
      problems.push(`type: want ${typeExpression(wantType)}; got ${typeExpression(value.type)}`);
  }
  const resultAttr = expectation.file.body.attributes.find((a) => a.name === 'result');
  if (resultAttr) {
    const expected = evaluate(resultAttr.expr, empty);
    if (expected.diagnostics.length > 0) return [`result: ${expected.diagnostics[0]?.summary}`];
    let want = expected.value;
    try {
      if (wantType) want = convert(want, wantType);
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      return [`result does not convert to result_type: ${error.message}`];
    }
    if (!rawEquals(value, want)) {
      const got =
        value.type.kind === 'object' && want.type.kind === 'object'
          ? differing(value, want)
          : `want ${show(want)}; got ${show(value)}`;
      problems.push(`result: ${got}`);
    }
  }
  return problems;
}

function differing(got: Value, want: Value, path = ''): string {
  const g = got.asMap();
  const w = want.asMap();
  const out: string[] = [];
  for (const [k, wv] of w) {
    const gv = g.get(k);
    if (!gv) out.push(`${path}${k}: missing`);
    else if (!rawEquals(gv, wv)) {
      out.push(
        gv.type.kind === 'object' && wv.type.kind === 'object'
          ? differing(gv, wv, `${path}${k}.`)
          : `${path}${k}: want ${show(wv)}; got ${show(gv)}`,
      );
    }
  }
  return out.join('\n') || `want ${show(want)}; got ${show(objectVal(g))}`;
}
