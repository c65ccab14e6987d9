import { parseTemplate, type Template } from '@kiln/engine';
import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, sensitiveValuesOf } from './redact.ts';

describe('createRedactor', () => {
  it('hides the value and its common encodings, and leaves other text alone', () => {
    const secret = 'hunter2-Ünïcode';
    const redact = createRedactor([secret, 'ab']);
    const b64 = Buffer.from(secret).toString('base64');
    expect(
      redact(
        `token=${secret} b64=${b64} url=${encodeURIComponent(secret)} hex=${Buffer.from(secret).toString('hex')}`,
      ),
    ).toBe(`token=${REDACTED} b64=${REDACTED} url=${REDACTED} hex=${REDACTED}`);
    expect(redact('nothing secret about ab here')).toBe('nothing secret about ab here');
  });

  it('is the identity without secrets', () => {
    expect(createRedactor([])('x')).toBe('x');
  });
});

describe('sensitiveValuesOf', () => {
  it("collects sensitive variables' and locals' values, not the others", () => {
    const { template } = parseTemplate(
      [
        {
          filename: 't.pkr.hcl',
          content: `
variable "password" {
  type      = string
  sensitive = true
}
variable "region" {
  default = "eu-west-1"
}
locals {
  keys = sensitive({ a = "key-a", b = ["key-b"] })
}
local "token" {
  expression = "tok-\${var.password}"
  sensitive  = true
}
`,
        },
      ],
      { variables: { password: 'p4ssw0rd' } },
    );
    const values = sensitiveValuesOf(template as Template);
    expect(values).toContain('p4ssw0rd');
    expect(values).toContain('tok-p4ssw0rd');
    expect(values).not.toContain('eu-west-1');
  });
});
