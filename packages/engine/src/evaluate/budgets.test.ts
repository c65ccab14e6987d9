import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../model/parse-template.ts';
import { parseNativeExpression } from '../parse/native/index.ts';
import { evaluationBudget } from '../values/limits.ts';
import { createFunctionTable } from '../functions/table.ts';
import { testContext } from '../functions/test-support.ts';
import { evalContext } from './context.ts';
import { evaluate } from './expression.ts';

/** The diagnostics of a template whose locals are `locals`, one per line from line 2. */
function localsProblems(...locals: string[]) {
  const content = ['locals {', ...locals.map((l, i) => `  l${i} = ${l}`), '}'].join('\n');
  const { diagnostics } = parseTemplate([{ filename: 'hostile.pkr.hcl', content }]);
  return diagnostics.map((d) => [d.summary, `${d.subject?.filename}:${d.subject?.start.line}`, d.detail]);
}

const LIMIT = 'more than the 16777216 Kiln allows';

describe('evaluation budgets', () => {
  it('refuses setproduct of large ranges before building it, at its line', () => {
    expect(localsProblems('"fine"', 'setproduct(range(1024), range(1024), range(1024))')).toEqual([
      [
        'Error in function call',
        'hostile.pkr.hcl:3',
        'Call to function "setproduct" failed: the product would have 1073741824 elements, more than the 1048576 Kiln allows.',
      ],
    ]);
  });

  it('refuses huge format widths and precisions', () => {
    expect(localsProblems('format("%500000000d", 1)', 'format("%.99999999f", 1)')).toEqual([
      [
        'Error in function call',
        'hostile.pkr.hcl:2',
        `Call to function "format" failed: "%500000000d" would be 500000000 characters long, ${LIMIT}.`,
      ],
      [
        'Error in function call',
        'hostile.pkr.hcl:3',
        `Call to function "format" failed: "%.99999999f" would be 99999999 characters long, ${LIMIT}.`,
      ],
    ]);
  });

  it('refuses joins, replacements and indents that would grow past the longest string', () => {
    const big = 'format("%9000000s", "x")';
    const problems = localsProblems(
      `join(${big}, ["a", "b", "c"])`,
      `replace(format("%1000000s", "x"), " ", "0123456789abcdefghij")`,
      `indent(10000000, "a\\nb\\nc")`,
      `strrev(join("", [${big}, ${big}]))`,
      `regex_replace(format("%1000000s", "x"), " ", "0123456789abcdefghij")`,
    );
    expect(problems.map(([summary, where]) => [summary, where])).toEqual([
      ['Error in function call', 'hostile.pkr.hcl:2'],
      ['Error in function call', 'hostile.pkr.hcl:3'],
      ['Error in function call', 'hostile.pkr.hcl:4'],
      // The list of two such strings is too big already.
      ['Value too large', 'hostile.pkr.hcl:5'],
      ['Error in function call', 'hostile.pkr.hcl:6'],
    ]);
    expect(problems[0]?.[2]).toBe(
      `Call to function "join" failed: the result would be 18000003 characters long, ${LIMIT}.`,
    );
    expect(problems[3]?.[2]).toBe(`the result holds 18000000 characters of strings written out, ${LIMIT}.`);
  }, 60_000);

  it('keeps range at cty’s 1024 elements', () => {
    expect(localsProblems('range(1e9)')[0]?.[2]).toBe(
      'Call to function "range" failed: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step.',
    );
  });

  it('refuses YAML alias expansion ("billion laughs") without expanding it', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      laughs.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const started = Date.now();
    const problems = localsProblems(`yamldecode(${JSON.stringify(laughs.join('\n'))})`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(problems).toEqual([
      [
        'Error in function call',
        'hostile.pkr.hcl:2',
        expect.stringMatching(
          /^Call to function "yamldecode" failed: the result has \d+ nested values written out, more than the 4194304 Kiln allows\.$/,
        ),
      ],
    ]);
    expect(localsProblems('yamldecode("a: &a [1, *a]")')[0]?.[2]).toBe(
      'Call to function "yamldecode" failed: on line 1: cannot refer to anchor "a" from inside its own definition.',
    );
    expect(localsProblems('yamldecode("a: &x [1, 2]\\nb: *x")')).toEqual([]);
  }, 60_000);

  it('refuses repeated string building in for expressions and templates', () => {
    const chunk = 'format("%1000000s", "x")';
    expect(
      localsProblems(
        `[for i in range(20) : ${chunk}]`,
        `"%{for i in range(20)}\${${chunk}}%{endfor}"`,
        `[for i in range(64) : join("", [for j in range(64) : format("%5000s", j)])]`,
      ).map(([summary, where, detail]) => [summary, where, detail?.replace(/\d{5,}/g, 'N')]),
    ).toEqual([
      [
        'Value too large',
        'hostile.pkr.hcl:2',
        'the result holds N characters of strings written out, more than the N Kiln allows.',
      ],
      [
        'Invalid template',
        'hostile.pkr.hcl:3',
        'the template would be N characters long, more than the N Kiln allows.',
      ],
      [
        'Value too large',
        'hostile.pkr.hcl:4',
        'the result holds N characters of strings written out, more than the N Kiln allows.',
      ],
    ]);
  }, 60_000);

  it('stops an evaluation that takes too many steps, and try/can do not hide it', () => {
    const ctx = { ...evalContext({}, createFunctionTable(testContext())), budget: evaluationBudget(10_000) };
    const src = 'can([for i in range(1000) : [for j in range(1000) : i * j]])';
    const { expr } = parseNativeExpression(src, 'loop.pkr.hcl');
    const { diagnostics, value } = evaluate(expr, ctx);
    expect(value.isKnown).toBe(false);
    expect(diagnostics.map((d) => [d.summary, d.detail, d.subject?.filename])).toEqual([
      [
        'Evaluation budget exceeded',
        "the template's expressions took more than 10000 evaluation steps.",
        'loop.pkr.hcl',
      ],
    ]);
    // The budget is shared: later evaluations under the same context stop at once.
    expect(evaluate(parseNativeExpression('1 + 1', 'x.pkr.hcl').expr, ctx).diagnostics).toHaveLength(1);
  });
});
