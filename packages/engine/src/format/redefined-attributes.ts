import type { Diagnostic } from '../errors/diagnostic.ts';
import type { Attribute, Body } from '../parse/ast.ts';

/**
 * HCL's native parser rejects an argument set twice in one body, at any depth; `packer fmt`
 * refuses such a file. Reports each repeated argument.
 */
export function redefinedAttributes(body: Body): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, Attribute>();
  for (const attribute of body.attributes) {
    const previous = seen.get(attribute.name);
    if (!previous) {
      seen.set(attribute.name, attribute);
      continue;
    }
    const at = previous.nameRange;
    out.push({
      severity: 'error',
      summary: 'Attribute redefined',
      detail: `The argument "${attribute.name}" was already set at ${at.filename}:${at.start.line},${at.start.column}. Each argument may be set only once.`,
      subject: attribute.nameRange,
    });
  }
  for (const block of body.blocks) out.push(...redefinedAttributes(block.body));
  return out;
}
