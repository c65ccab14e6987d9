/**
 * What `.` is while a legacy template's string is rendered, section by section, as Packer 1.16
 * hands it to `interpolate.Render`.
 */
import type { GoValue } from '../go-template/value.ts';
import { INVALID, goString } from '../go-template/value.ts';

/**
 * `none`: builders, which Packer prepares without data (`{{.X}}` prints `<no value>`).
 * `placeholders`: provisioners and post-processors, prepared with Packer's placeholder map.
 * `variables`: variable defaults, rendered without data and with their `{{ .X }}` actions kept
 * as written (Packer's `renderVarsRecursively` filter).
 */
export type LegacyTemplateData = 'none' | 'placeholders' | 'variables';

export const LEGACY_TEMPLATE_DATA: readonly LegacyTemplateData[] = ['none', 'placeholders', 'variables'];

/** packer-plugin-sdk `packerbuilderdata.PlaceholderMsg`. */
const PLACEHOLDER_MESSAGE =
  'To set this dynamically in the Packer template, you must use the `build` function';

/** Packer's `BuilderDataCommonKeys` (packer/provisioner.go). */
const BUILDER_DATA_COMMON_KEYS = [
  'ID',
  'Host',
  'Port',
  'User',
  'Password',
  'ConnType',
  'PackerRunUUID',
  'PackerHTTPPort',
  'PackerHTTPIP',
  'PackerHTTPAddr',
  'SSHPublicKey',
  'SSHPrivateKey',
  'WinRMPassword',
];

/**
 * Packer's `BasicPlaceholderData()`: `Build_<key>. To set this dynamically ...` for every common
 * key, and `{{.WinRMPassword}}` for WinRMPassword. It reaches the plugin through RPC, hence Go's
 * type `map[interface {}]interface {}`.
 */
export const PLACEHOLDER_DATA: Extract<GoValue, { kind: 'map' }> = {
  kind: 'map',
  type: 'map[interface {}]interface {}',
  elem: 'interface {}',
  entries: new Map(
    BUILDER_DATA_COMMON_KEYS.map((key) => [
      key,
      goString(key === 'WinRMPassword' ? '{{.WinRMPassword}}' : `Build_${key}. ${PLACEHOLDER_MESSAGE}`),
    ]),
  ),
};

/** Dot for a section's strings. */
export function templateData(data: LegacyTemplateData): GoValue {
  return data === 'placeholders' ? PLACEHOLDER_DATA : INVALID;
}

/** Packer's filter for variable defaults: `{{(\s|)\.(.*?)(\s|)}}`, kept as written. */
const KEPT_IN_VARIABLES = /\{\{(\s|)\.(.*?)(\s|)\}\}/g;

/**
 * Replaces the actions a variable default keeps (`{{ .HTTPIP }}`) by unique markers, as Packer's
 * `RenderRegex` does before it renders; `restore` puts them back into the rendered text.
 */
export function keepFieldActions(text: string): { text: string; restore: (rendered: string) => string } {
  const kept = new Map<string, string>();
  let n = 0;
  const marked = text.replace(KEPT_IN_VARIABLES, (action) => {
    const marker = `\u0000kept-action-${n++}\u0000`;
    kept.set(marker, action);
    return marker;
  });
  return {
    text: marked,
    restore: (rendered) => {
      let out = rendered;
      for (const [marker, action] of kept) out = out.replaceAll(marker, action);
      return out;
    },
  };
}
