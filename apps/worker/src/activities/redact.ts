import { type Template, valueToJson } from '@kiln/engine';

export const REDACTED = '<sensitive>';

/** Values shorter than this are not redacted: they would hide ordinary words of the output. */
const MIN_SECRET_LENGTH = 4;

/** The text of every string (and number) inside the template's sensitive variables and locals. */
export function sensitiveValuesOf(template: Template): string[] {
  const found: string[] = [];
  const collect = (json: unknown) => {
    if (typeof json === 'string') found.push(json);
    else if (typeof json === 'number') found.push(String(json));
    else if (Array.isArray(json)) json.forEach(collect);
    else if (json && typeof json === 'object') Object.values(json).forEach(collect);
  };
  const sensitive = [
    ...template.variables.filter((d) => d.sensitive).map((d) => template.variableValues.get(d.name)),
    ...template.locals.filter((d) => d.sensitive).map((d) => template.localValues.get(d.name)),
  ];
  for (const value of sensitive) {
    if (value?.isKnown) collect(valueToJson(value));
  }
  return found;
}

/** A value and the encodings it commonly appears in: base64, base64url, percent-encoding, JSON. */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    secret,
    bytes.toString('base64'),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    bytes.toString('hex'),
  ];
}

/**
 * Replaces every occurrence of the secrets, and of their common encodings, with `<sensitive>`,
 * longest first, before build output is stored or streamed.
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const needles = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap(encodings))]
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  if (needles.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const needle of needles) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    return out;
  };
}
