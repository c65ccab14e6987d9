import { describe, expect, it } from 'vitest';
import { createFunctionTable } from '../functions/index.ts';
import { objectVal, stringVal } from '../values/value.ts';
import { evalContext } from './context.ts';
import { renderSettingTemplates } from './render-go-templates.ts';

const START = new Date('2026-11-23T20:14:25Z');
const ctx = evalContext(
  { source: objectVal({ name: stringVal('b'), type: stringVal('null') }) },
  createFunctionTable({ baseDir: '/tpl', now: () => START, startTime: START }),
);

/**
 * Templates in a setting (`inline = ["<template>"]`) and what stock Packer 1.16.0 makes of them
 * (packer-plugin-sdk v0.6.10 `interpolate.RenderMap`, Go's text/template): the rendered string,
 * or the error after `Error decoding config: `.
 */
const PACKER: [string, { value: string } | { error: string }][] = [
  ['{{ if true }}x{{ end }} {{ printf `%d` 3 }}', { value: 'x 3' }],
  ['{{ if false }}a{{ else }}b{{ end }}', { value: 'b' }],
  ['{{ if 0 }}a{{ else if "" }}b{{ else if 1.5 }}c{{ end }}', { value: 'c' }],
  ['{{ if .Name }}a{{ else }}b{{ end }}', { value: 'b' }],
  ['{{ with "x" }}[{{ . }}]{{ else }}none{{ end }}', { value: '[x]' }],
  ['{{ with $x := upper "a" }}{{ $x }}{{ . }}{{ end }}', { value: 'AA' }],
  ['{{ with "" }}a{{ else with "z" }}{{ . }}{{ end }}', { value: 'z' }],
  ['{{ range 3 }}{{ . }},{{ end }}', { value: '0,1,2,' }],
  ['{{ range $i := 3 }}{{ $i }}{{ end }}', { value: '012' }],
  [
    '{{ range $i, $e := 3 }}{{ $i }}{{ end }}',
    {
      error:
        "render 'inline': template: root:1:19: executing \"root\" at <3>: can't use 3 to iterate over more than one variable in:\n\n{{ range $i, $e := 3 }}{{ $i }}{{ end }}",
    },
  ],
  ['{{ range 0 }}x{{ else }}empty{{ end }}', { value: 'empty' }],
  ['{{ range .Name }}x{{ else }}none{{ end }}', { value: 'none' }],
  [
    '{{ range "abc" }}x{{ end }}',
    {
      error:
        'render \'inline\': template: root:1:9: executing "root" at <"abc">: range can\'t iterate over abc in:\n\n{{ range "abc" }}x{{ end }}',
    },
  ],
  [
    '{{ range 5 }}{{ if eq . 3 }}{{ break }}{{ end }}{{ if eq . 1 }}{{ continue }}{{ end }}{{ . }}{{ end }}',
    { value: '02' },
  ],
  ['{{ $x := 1 }}{{ $x = 2 }}{{ $x }}', { value: '2' }],
  ['{{ $ }}', { value: '<no value>' }],
  ['{{ $x := "a" }}{{ if true }}{{ $x = "b" }}{{ end }}{{ $x }}', { value: 'b' }],
  ['{{ $y }}', { error: 'invalid \'inline\': template: root:1: undefined variable "$y" in:\n\n{{ $y }}' }],
  [
    '{{ and 1 0 }} {{ and 1 2 }} {{ or 0 "" }} {{ or 0 "x" }} {{ not 0 }} {{ not "a" }}',
    { value: '0 2  x true false' },
  ],
  [
    '{{ and }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <and>: wrong number of args for and: want at least 1 got 0 in:\n\n{{ and }}',
    },
  ],
  [
    '{{ eq 1 1 }} {{ eq 1 2 3 1 }} {{ eq "a" "a" }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1.5 2.5 }}',
    { value: 'true true true true true true true false' },
  ],
  [
    '{{ eq 1 "a" }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <eq 1 "a">: error calling eq: incompatible types for comparison: int and string in:\n\n{{ eq 1 "a" }}',
    },
  ],
  [
    '{{ eq 1 }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <eq 1>: error calling eq: missing argument for comparison in:\n\n{{ eq 1 }}',
    },
  ],
  [
    '{{ lt true false }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <lt true false>: error calling lt: invalid type for comparison in:\n\n{{ lt true false }}',
    },
  ],
  [
    '{{ lt 1 1.5 }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <lt 1 1.5>: error calling lt: incompatible types for comparison: int and float64 in:\n\n{{ lt 1 1.5 }}',
    },
  ],
  ['{{ eq .Name nil }} {{ eq .Name .Other }}', { value: 'true true' }],
  ['{{ eq .Name 1 }}', { value: 'false' }],
  ['{{ len "héllo" }} {{ len (upper "ab") }}', { value: '6 2' }],
  [
    '{{ len 3 }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <len 3>: error calling len: len of type int in:\n\n{{ len 3 }}',
    },
  ],
  [
    '{{ len .Name }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <len .Name>: error calling len: reflect: call of reflect.Value.Type on zero Value in:\n\n{{ len .Name }}',
    },
  ],
  ['{{ index "abc" 1 }}', { value: '98' }],
  [
    '{{ index "abc" 5 }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <index "abc" 5>: error calling index: index out of range: 5 in:\n\n{{ index "abc" 5 }}',
    },
  ],
  [
    '{{ index 3 1 }}',
    {
      error:
        "render 'inline': template: root:1:3: executing \"root\" at <index 3 1>: error calling index: can't index item of type int in:\n\n{{ index 3 1 }}",
    },
  ],
  [
    '{{ index .Name 1 }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <index .Name 1>: error calling index: index of untyped nil in:\n\n{{ index .Name 1 }}',
    },
  ],
  ['{{ slice "abcdef" 1 3 }} {{ slice "abcdef" 2 }} {{ slice "abc" }}', { value: 'bc cdef abc' }],
  [
    '{{ slice "abc" 2 1 }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <slice "abc" 2 1>: error calling slice: invalid slice index: 2 > 1 in:\n\n{{ slice "abc" 2 1 }}',
    },
  ],
  [
    '{{ slice "abc" 1 2 3 }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <slice "abc" 1 2 3>: error calling slice: cannot 3-index slice a string in:\n\n{{ slice "abc" 1 2 3 }}',
    },
  ],
  [
    '{{ slice 3 }}',
    {
      error:
        "render 'inline': template: root:1:3: executing \"root\" at <slice 3>: error calling slice: can't slice item of type int in:\n\n{{ slice 3 }}",
    },
  ],
  ['{{ print 1 2 "a" "b" 3 true nil }}', { value: '1 2ab3 true <nil>' }],
  ['{{ println 1 "a" }}', { value: '1 a\n' }],
  ['{{ print .Name }} {{ printf "%v" .Name }} {{ printf "%s" .Name }}', { value: '<nil> <nil> %!s(<nil>)' }],
  [
    '{{ printf "%s-%d-%v-%q-%x-%X-%o-%b-%c-%U" "a" 42 true "q" 255 "hi" 8 5 65 65 }}',
    { value: 'a-42-true-"q"-ff-6869-10-101-A-U+0041' },
  ],
  ['{{ printf "%5d|%-5d|%05d|%+d|% d|%.3d" 42 42 42 42 42 7 }}', { value: '   42|42   |00042|+42| 42|007' }],
  [
    '{{ printf "%f|%.2f|%e|%E|%g|%G|%8.3f|%-8.2f|%+.1e" 3.14159 3.14159 1234.5678 0.000123 1e21 1e-7 2.5 2.5 12345.678 }}',
    { value: '3.141590|3.14|1.234568e+03|1.230000E-04|1e+21|1E-07|   2.500|2.50    |+1.2e+04' },
  ],
  [
    '{{ printf "%v %v %v %v %v" 1.0 1e6 1e20 123456789.0 0.0001 }}',
    { value: '1 1e+06 1e+20 1.23456789e+08 0.0001' },
  ],
  [
    "{{ 1.5 }} {{ 1e3 }} {{ 0x1F }} {{ 'a' }} {{ 1_000 }} {{ -7 }} {{ 0o17 }} {{ 0b101 }} {{ 1.0 }} {{ 2e-5 }} {{ 123456.0 }} {{ 1234567.0 }}",
    { value: '1.5 1000 31 97 1000 -7 15 5 1 2e-05 123456 1.234567e+06' },
  ],
  [
    '{{ printf "%d" "x" }} {{ printf "%s" 3 }} {{ printf "%d %d" 1 }} {{ printf "%d" 1 2 }} {{ printf "%!" }} {{ printf "%" }}',
    { value: '%!d(string=x) %!s(int=3) 1 %!d(MISSING) 1%!(EXTRA int=2) %!!(MISSING) %!(NOVERB)' },
  ],
  [
    '{{ printf "%t %v" true false }} {{ printf "%s" true }} {{ printf "%x" 3.5 }}',
    { value: 'true false %!s(bool=true) 0x1.cp+01' },
  ],
  [
    '{{ printf "%10s|%-10s|%.2s|%q|%#q|%x|% x" "abc" "abc" "abc" "a\\"b" "ab" "hi" "hi" }}',
    { value: '       abc|abc       |ab|"a\\"b"|`ab`|6869|68 69' },
  ],
  [
    '{{ printf "%[2]s %[1]s" "a" "b" }} {{ printf "%*d" 5 3 }} {{ printf "%-*d|" 5 3 }} {{ printf "%.*f" 2 3.14159 }}',
    { value: 'b a     3 3    | 3.14' },
  ],
  ['{{ printf "%T %T %T %T %T" 1 "a" 1.5 true nil }}', { value: 'int string float64 bool <nil>' }],
  ['{{ printf "%#v %#v %#v" "a" 1 1.5 }}', { value: '"a" 1 1.5' }],
  ['{{ printf "%#x %#o %#b %O" 255 8 5 8 }}', { value: '0xff 010 0b101 0o10' }],
  ['{{ printf "%6.2f%%" 99.5 }}', { value: ' 99.50%' }],
  [
    '{{ html "<a href=\'x\'>&\\"" }} {{ js "a\'b\\"c<d>&=\\\\" }} {{ urlquery "a b&c=d/é" }}',
    {
      value:
        '&lt;a href=&#39;x&#39;&gt;&amp;&#34; a\\\'b\\"c\\u003Cd\\u003E\\u0026\\u003D\\\\ a+b%26c%3Dd%2F%C3%A9',
    },
  ],
  ['{{ html 1 2 }} {{ urlquery "a" "b" }}', { value: '1 2 ab' }],
  [
    '{{ call "x" }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <call "x">: error calling call: non-function "x" of type string in:\n\n{{ call "x" }}',
    },
  ],
  [
    '{{ call .Name }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <call .Name>: error calling call: call of nil in:\n\n{{ call .Name }}',
    },
  ],
  ['{{ "x" | printf "%s-%s" "a" }}', { value: 'a-x' }],
  ['{{ 3 | printf "%d" }}', { value: '3' }],
  ['{{ "a" | upper | printf "%s!" }}', { value: 'A!' }],
  ['{{ "x" | .Name }}', { value: '<no value>' }],
  [
    '{{ upper .Name.X }}',
    {
      error:
        'render \'inline\': template: root:1:14: executing "root" at <.Name.X>: invalid value; expected string in:\n\n{{ upper .Name.X }}',
    },
  ],
  ['{{ .Name.X }}', { value: '<no value>' }],
  [
    '{{ nil }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <nil>: nil is not a command in:\n\n{{ nil }}',
    },
  ],
  [
    '{{ 1 2 }}',
    {
      error:
        "render 'inline': template: root:1:3: executing \"root\" at <1>: can't give argument to non-function 1 in:\n\n{{ 1 2 }}",
    },
  ],
  [
    '{{ (1) 2 }}',
    {
      error:
        "render 'inline': template: root:1:3: executing \"root\" at <(1) 2>: can't give argument to non-function 1 in:\n\n{{ (1) 2 }}",
    },
  ],
  [
    '{{ (upper "a").X }}',
    {
      error:
        'render \'inline\': template: root:1:10: executing "root" at <"a">: can\'t evaluate field X in type string in:\n\n{{ (upper "a").X }}',
    },
  ],
  [
    '{{ define "t" }}[{{ . }}]{{ end }}{{ template "t" "v" }}{{ template "t" }}',
    { value: '[v][<no value>]' },
  ],
  ['{{ block "b" "q" }}<{{ . }}>{{ end }}', { value: '<q>' }],
  [
    '{{ template "nope" }}',
    {
      error:
        'render \'inline\': template: root:1:12: executing "root" at <{{template "nope"}}>: template "nope" not defined in:\n\n{{ template "nope" }}',
    },
  ],
  [
    '{{ define "t" }}{{ upper 1 }}{{ end }}{{ template "t" }}',
    {
      error:
        'render \'inline\': template: root:1:25: executing "t" at <1>: expected string; found 1 in:\n\n{{ define "t" }}{{ upper 1 }}{{ end }}{{ template "t" }}',
    },
  ],
  ['a  {{- "b" -}}  c', { value: 'abc' }],
  ['a {{- /* c */ -}} b', { value: 'ab' }],
  ['{{ if true -}}\n  x\n{{- end }}', { value: 'x' }],
  [
    '{{ if }}x{{ end }}',
    { error: "invalid 'inline': template: root:1: missing value for if in:\n\n{{ if }}x{{ end }}" },
  ],
  [
    '{{ if true }}x\n{{ end }}{{ end }}',
    {
      error:
        "invalid 'inline': template: root:2: unexpected {{end}} in:\n\n{{ if true }}x\n{{ end }}{{ end }}",
    },
  ],
  ['{{ else }}', { error: "invalid 'inline': template: root:1: unexpected {{else}} in:\n\n{{ else }}" }],
  [
    '{{ range $a, $b, $c := 1 }}{{ end }}',
    {
      error:
        "invalid 'inline': template: root:1: too many declarations in range in:\n\n{{ range $a, $b, $c := 1 }}{{ end }}",
    },
  ],
  [
    '{{ break }}',
    { error: "invalid 'inline': template: root:1: {{break}} outside {{range}} in:\n\n{{ break }}" },
  ],
  [
    '{{ $x := 1 }}{{ $x.Y }}',
    {
      error:
        "render 'inline': template: root:1:18: executing \"root\" at <$x.Y>: can't evaluate field Y in type int in:\n\n{{ $x := 1 }}{{ $x.Y }}",
    },
  ],
  [
    '{{ $x := "s" }}{{ $x.Y }}',
    {
      error:
        'render \'inline\': template: root:1:20: executing "root" at <$x.Y>: can\'t evaluate field Y in type string in:\n\n{{ $x := "s" }}{{ $x.Y }}',
    },
  ],
  ['{{ upper (print 1) }} {{ upper (printf "%d" 2) }}', { value: '1 2' }],
  ['{{ split (print "a,b") "," 1 }}', { value: 'b' }],
  ['{{ split "a,b" "," (len "a") }}', { value: 'b' }],
  [
    '{{ upper 1.5 }}',
    {
      error:
        'render \'inline\': template: root:1:9: executing "root" at <1.5>: expected string; found 1.5 in:\n\n{{ upper 1.5 }}',
    },
  ],
  ['{{ replace "a" "b" 1.0 "aaa" }}', { value: 'baa' }],
  [
    '{{ 99999999999999999999 }}',
    {
      error:
        'invalid \'inline\': template: root:1: integer overflow: "99999999999999999999" in:\n\n{{ 99999999999999999999 }}',
    },
  ],
  ['{{ .A.B.C }}', { value: '<no value>' }],
  ['{{ $.A }}', { value: '<no value>' }],
  [
    '{{ range $k, $v := 2 }}{{ end }}',
    {
      error:
        "render 'inline': template: root:1:19: executing \"root\" at <2>: can't use 2 to iterate over more than one variable in:\n\n{{ range $k, $v := 2 }}{{ end }}",
    },
  ],
  [
    '{{ 1.5 | upper }}',
    {
      error:
        'render \'inline\': template: root:1:9: executing "root" at <upper>: wrong type for value; expected string; got float64 in:\n\n{{ 1.5 | upper }}',
    },
  ],
  ['{{ eq 1.5 1.5 }} {{ eq "a" "b" "a" }}', { value: 'true true' }],
  [
    '{{ ne "a" 1 }}',
    {
      error:
        'render \'inline\': template: root:1:3: executing "root" at <ne "a" 1>: error calling ne: incompatible types for comparison: string and int in:\n\n{{ ne "a" 1 }}',
    },
  ],
  ['{{ index "é" 0 }}', { value: '195' }],
  ['{{ print "a" 1 2 "b" }} {{ print 1.5 2 }}', { value: 'a1 2b 1.5 2' }],
  ['{{ printf "%c|%q|%U" 233 233 233 }}', { value: "é|'é'|U+00E9" }],
  ['{{ printf "%08.3f|%-8.3f|%+08d" -3.14159 3.14159 -42 }}', { value: '-003.142|3.142   |-0000042' }],
  ['{{ printf "%x %X" -255 -255 }}', { value: '-ff -FF' }],
  ['{{ printf "%5t|%-6v|" true false }}', { value: ' true|false |' }],
  ['{{ printf "%e %g" 0.0 0.0 }}', { value: '0.000000e+00 0' }],
  ['{{ printf "%.0f %.0e %.3g %.10g" 2.5 15.0 1234.5678 1.0 }}', { value: '2 2e+01 1.23e+03 1' }],
  ['{{ printf "%g %g %g" 100000.0 1000000.0 0.00001 }}', { value: '100000 1e+06 1e-05' }],
  ['{{ \'x\' | printf "%c" }}', { value: 'x' }],
  ['{{ "\\u00e9\\x41\\101\\t" }}', { value: 'éAA\t' }],
  ['{{ `raw\\n` }}', { value: 'raw\\n' }],
];

describe('renderSettingTemplates runs Go text/template as Packer does', () => {
  it.each(PACKER)('%s', (template, expected) => {
    expect(renderSettingTemplates('inline', template, ctx, { byPlugin: false, sensitive: false })).toEqual(
      expected,
    );
  });
});
