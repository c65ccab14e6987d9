import { describe, expect, it } from 'vitest';
import {
  GoTemplateParseError,
  goLocation,
  parseErrorText,
  parseGoTemplate,
  pipelineText,
} from './go-template-parse.ts';

const defined = (name: string) => ['upper', 'replace', 'timestamp'].includes(name);

function parseError(text: string): string {
  try {
    parseGoTemplate(text, defined);
  } catch (error) {
    if (error instanceof GoTemplateParseError) return parseErrorText(error);
    throw error;
  }
  throw new Error(`${text} parsed`);
}

describe('parseGoTemplate', () => {
  it('splits text and actions and reads pipelines with their positions', () => {
    const nodes = parseGoTemplate('echo {{ replace `b` "c" 2 (upper `x`) | upper }}!', defined);
    expect(nodes.map((n) => n.kind)).toEqual(['text', 'action', 'text']);
    const action = nodes[1];
    if (action?.kind !== 'action' || !action.pipeline) throw new Error('no pipeline');
    expect(action.pos).toBe(5);
    expect(pipelineText(action.pipeline)).toBe('replace `b` "c" 2 (upper `x`) | upper');
    expect(action.pipeline[0]?.operands.map((o) => [o.kind, o.pos])).toEqual([
      ['ident', 8],
      ['string', 16],
      ['string', 20],
      ['number', 24],
      ['pipeline', 26],
    ]);
  });

  it('drops comments, trims around markers and keeps control structures unparsed', () => {
    const nodes = parseGoTemplate('a  {{- /* note */ -}}  b {{ if .X }}y{{ end }} {{- `c` }}', defined);
    expect(nodes).toEqual([
      { kind: 'text', text: 'ab ' },
      { kind: 'action', source: '{{ if .X }}', pos: 25 },
      { kind: 'text', text: 'y' },
      { kind: 'action', source: '{{ end }}', pos: 37 },
      expect.objectContaining({ kind: 'action', source: '{{- `c` }}' }),
    ]);
  });

  it("reports what Go's parser refuses, with the line", () => {
    expect(parseError('{{ nope }}')).toBe('template: root:1: function "nope" not defined');
    expect(parseError('a\n{{ upper `x`')).toBe('template: root:2: unclosed action');
    expect(parseError('{{ }}')).toBe('template: root:1: missing value for command');
    expect(parseError('{{ (upper `x` }}')).toBe('template: root:1: unclosed left paren');
    expect(parseError('{{ `a` | `b` }}')).toBe(
      'template: root:1: non executable command in pipeline stage 2',
    );
    expect(parseError('{{/* open }}')).toBe('template: root:1: unclosed comment');
  });

  it('locates positions as Go does: line, then bytes into the line counted from 0', () => {
    expect(goLocation('echo {{ x }}', 8)).toBe('root:1:8');
    expect(goLocation('é\n  {{ x }}', 7)).toBe('root:2:5');
    expect(goLocation('éé {{ x }}', 6)).toBe('root:1:8');
  });
});
