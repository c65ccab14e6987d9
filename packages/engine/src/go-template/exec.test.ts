import { describe, expect, it } from 'vitest';
import { MAX_TEMPLATE_OUTPUT, MAX_TEMPLATE_STEPS, executeGoTemplate } from './exec.ts';
import { parseGoTemplate } from './parse.ts';
import { INVALID } from './value.ts';

const render = (text: string) =>
  executeGoTemplate(
    parseGoTemplate(text, () => false),
    {},
    INVALID,
  );

describe('executeGoTemplate bounds', () => {
  it('renders ordinary loops', () => {
    expect(render('{{ range 3 }}{{ range 2 }}x{{ end }}-{{ end }}')).toBe('xx-xx-xx-');
  });

  it('stops a template that would run for ages, with an error instead of hanging', () => {
    expect(() => render('{{ range 100000000000 }}{{ end }}')).toThrow(
      `template execution exceeds ${MAX_TEMPLATE_STEPS} steps`,
    );
    expect(() => render('{{ range 90000 }}{{ range 90000 }}{{ end }}{{ end }}')).toThrow(
      `template execution exceeds ${MAX_TEMPLATE_STEPS} steps`,
    );
  });

  it('stops a template whose output would exhaust memory', () => {
    const chunk = 'x'.repeat(4096);
    expect(() => render(`{{ range 10000 }}${chunk}{{ end }}`)).toThrow(
      `template output exceeds ${MAX_TEMPLATE_OUTPUT} characters`,
    );
  });
});
