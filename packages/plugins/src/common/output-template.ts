/** A field reference `{{ .Name }}`, the only action the `output` of a post-processor may use here. */
const FIELD = /\{\{-?\s*\.(\w+)\s*-?\}\}/g;

/**
 * Checks the `output` template of a post-processor as Packer's `interpolate.Validate` would, for the
 * field references Kiln renders (`{{.BuildName}}`, `{{.BuilderType}}`, ...). Returns Packer's message
 * when the template cannot be used, else undefined.
 */
export function outputTemplateError(template: string): string | undefined {
  const rest = template.replace(FIELD, '');
  if (!rest.includes('{{')) return undefined;
  return `Error parsing target template: ${JSON.stringify(template)} uses an action other than a field reference such as {{.BuildName}}; only field references are rendered in post-processor outputs`;
}

/** Renders the field references of `template`; a field not in `data` prints as Go's `<no value>`. */
export function renderOutputTemplate(template: string, data: Record<string, string>): string {
  return template.replace(FIELD, (_whole, name: string) => data[name] ?? '<no value>');
}
