import type { DataDecl } from '../model/template.ts';
import type { Body } from '../parse/ast.ts';
import { concreteBody } from '../parse/body.ts';
import { references } from '../evaluate/references.ts';

/** `<type>.<name>`: how a data source is named among the others. */
export function datasourceKey(decl: { type: string; name: string }): string {
  return `${decl.type}.${decl.name}`;
}

/** The data sources a data block's settings refer to (`data.<type>.<name>`), as keys, each once. */
export function datasourceDependencies(decl: DataDecl): string[] {
  const found = new Set<string>();
  collect(concreteBody(decl.body).body, found);
  return [...found];
}

function collect(body: Body, found: Set<string>): void {
  for (const attribute of body.attributes) {
    for (const ref of references(attribute.expr)) {
      const [type, name] = ref.path;
      if (ref.root === 'data' && type !== undefined && name !== undefined) found.add(`${type}.${name}`);
    }
  }
  for (const block of body.blocks) collect(block.body, found);
}
