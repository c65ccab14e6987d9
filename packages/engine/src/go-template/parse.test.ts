import { describe, expect, it } from 'vitest';
import { GoTemplateParseError, goLocation, nodeText, parseErrorText, parseGoTemplate } from './parse.ts';

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
    const nodes = parseGoTemplate('echo {{ replace `b` "c" 2 (upper `x`) | upper }}!', defined).root.nodes;
    expect(nodes.map((n) => n.type)).toEqual(['text', 'action', 'text']);
    const action = nodes[1];
    if (action?.type !== 'action') throw new Error('no action');
    expect(action.source).toBe('{{ replace `b` "c" 2 (upper `x`) | upper }}');
    expect(nodeText(action.pipe)).toBe('replace `b` "c" 2 (upper `x`) | upper');
    expect(action.pipe.cmds[0]?.args.map((o) => [o.type, o.pos])).toEqual([
      ['identifier', 8],
      ['string', 16],
      ['string', 20],
      ['number', 24],
      ['pipe', 27],
    ]);
  });

  it('drops comments, trims around markers and builds control structures', () => {
    const template = parseGoTemplate(
      'a  {{- /* note */ -}}  b {{ if .X }}y{{ else }}z{{ end }} {{- `c` }}',
      defined,
    );
    expect(template.root.nodes.map(nodeText)).toEqual([
      '"a"',
      '"b "',
      '{{if .X}}"y"{{else}}"z"{{end}}',
      '{{"`c`"}}'.replace('"`c`"', '`c`'),
    ]);
  });

  it('keeps the templates that define and block name', () => {
    const template = parseGoTemplate('{{ define "t" }}x{{ end }}{{ block "b" . }}y{{ end }}', defined);
    expect([...template.defined.keys()].sort()).toEqual(['b', 'root', 't']);
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
    expect(parseError('{{ if true }}x')).toBe('template: root:1: unexpected EOF');
    expect(parseError('{{ end }}')).toBe('template: root:1: unexpected {{end}}');
    expect(parseError('{{ $x }}')).toBe('template: root:1: undefined variable "$x"');
    expect(parseError('{{ break }}')).toBe('template: root:1: {{break}} outside {{range}}');
  });

  it('locates positions as Go does: line, then bytes into the line counted from 0', () => {
    expect(goLocation('echo {{ x }}', 8)).toBe('root:1:8');
    expect(goLocation('é\n  {{ x }}', 7)).toBe('root:2:5');
    expect(goLocation('éé {{ x }}', 6)).toBe('root:1:8');
  });
});
