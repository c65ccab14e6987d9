import { describe, expect, it } from 'vitest';
import { formatHcl } from './index.ts';

function fmt(src: string): string {
  const { output, diagnostics } = formatHcl(src, 'test.pkr.hcl');
  expect(diagnostics).toEqual([]);
  return output;
}

describe('formatHcl', () => {
  it('indents two spaces per nesting level and aligns the = of consecutive attributes', () => {
    const src = 'source "null" "a" {\ncommunicator="none"\n   a=1\n}\n';
    expect(fmt(src)).toBe('source "null" "a" {\n  communicator = "none"\n  a            = 1\n}\n');
  });

  it('breaks an alignment run at a blank line, a block or a multi-line value', () => {
    const src = 'x {\n  a = 1\n  bbb = 2\n\n  cc = 3\n  list = [\n    1,\n  ]\n  d = 4\n}\n';
    expect(fmt(src)).toBe('x {\n  a   = 1\n  bbb = 2\n\n  cc = 3\n  list = [\n    1,\n  ]\n  d = 4\n}\n');
  });

  it('spaces operators, commas, braces and calls the canonical way', () => {
    const src =
      'a = [ 1,2 , 3 ]\nb = {x=1}\nc = upper( "x" )\nd = 1+2*-3\ne = !true\nf = var.x [0]\ng = {}\n';
    expect(fmt(src)).toBe(
      'a = [1, 2, 3]\nb = { x = 1 }\nc = upper("x")\nd = 1 + 2 * -3\ne = !true\nf = var.x[0]\ng = {}\n',
    );
  });

  it('keeps comments and aligns trailing line comments', () => {
    const src = '# head\nx {\n  a = 1 # one\n  bb = 22   // two\n\n  /* block */ c = 3\n  d = 4\n}\n';
    expect(fmt(src)).toBe(
      '# head\nx {\n  a  = 1  # one\n  bb = 22 // two\n\n  /* block */ c = 3\n  d             = 4\n}\n',
    );
  });

  it('removes trailing whitespace and leaves heredoc bodies untouched', () => {
    const src = 'x {   \n  s = <<EOF\n   keep  ${ var.a }  \n     EOF\n}\n';
    expect(fmt(src)).toBe('x {\n  s = <<EOF\n   keep  ${var.a}  \n     EOF\n}\n');
  });

  it('tightens template interpolations and for expressions', () => {
    const src = 'a = "${ var.x }-${ upper(var.y) }"\nb = [for s in var.l: upper(s) if s != ""]\n';
    expect(fmt(src)).toBe('a = "${var.x}-${upper(var.y)}"\nb = [for s in var.l : upper(s) if s != ""]\n');
  });

  it('keeps CRLF line endings', () => {
    expect(fmt('a=1\r\nbb=2\r\n')).toBe('a  = 1\r\nbb = 2\r\n');
  });

  it('is idempotent', () => {
    const src =
      'build {\n  sources=["source.null.a"]\nprovisioner "shell-local" {\n inline = [ "echo ${ build.ID }" ]\n }\n}\n';
    const once = fmt(src);
    expect(once).toBe(
      'build {\n  sources = ["source.null.a"]\n  provisioner "shell-local" {\n    inline = ["echo ${build.ID}"]\n  }\n}\n',
    );
    expect(fmt(once)).toBe(once);
  });

  it('returns the input and the parse errors when the file does not parse', () => {
    const src = 'x {\n  a = \n';
    const { output, diagnostics } = formatHcl(src, 'bad.pkr.hcl');
    expect(output).toBe(src);
    expect(diagnostics.some((d) => d.severity === 'error' && d.subject?.filename === 'bad.pkr.hcl')).toBe(
      true,
    );
  });
});

describe('formatHcl on an argument set twice', () => {
  it('refuses the file, as HCL parsing does', () => {
    const src = 'packer {\n  required_plugins {\n    a = {}\n    a = {}\n  }\n}\n';
    const { output, diagnostics } = formatHcl(src, 'p.pkr.hcl');
    expect(output).toBe(src);
    expect(diagnostics.map((d) => [d.summary, d.subject?.start.line])).toEqual([['Attribute redefined', 4]]);
  });
});
