import type { TemplateRenderer } from '../functions/context.ts';
import { parseNativeTemplate } from '../parse/native/index.ts';
import { ValueError } from '../values/errors.ts';
import { evalContext } from './context.ts';
import { evaluate } from './expression.ts';

/** Renders a file as a string template, for `templatefile()`. */
export const renderTemplateFile: TemplateRenderer = ({ source, filename, variables, functions }) => {
  const parsed = parseNativeTemplate(source, filename);
  const problems = [...parsed.diagnostics];
  if (problems.length === 0) {
    const result = evaluate(parsed.expr, evalContext(variables, functions));
    problems.push(...result.diagnostics);
    if (problems.length === 0) return result.value;
  }
  const first = problems[0];
  const where = first?.subject
    ? `${first.subject.filename}:${first.subject.start.line},${first.subject.start.column}`
    : filename;
  throw new ValueError(`${where}: ${first?.summary}: ${first?.detail ?? ''}`.replace(/[.\s]+$/, ''));
};
