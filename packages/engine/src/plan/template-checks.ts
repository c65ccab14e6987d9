import type { Diagnostic } from '../errors/diagnostic.ts';
import type { RegistryDecl, Template } from '../model/template.ts';
import { durationProblem } from './duration.ts';

const BUCKET_NAME = /^[A-Za-z0-9-]{3,36}$/;
const MAX_DESCRIPTION = 255;

function registryProblems(registry: RegistryDecl): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (registry.bucketName !== undefined && !BUCKET_NAME.test(registry.bucketName)) {
    out.push({
      severity: 'error',
      summary:
        'hcp_packer_registry.bucket_name can only contain between 3 and 36 ASCII letters, numbers and hyphens',
      detail: `The bucket name "${registry.bucketName}" does not match.`,
      subject: registry.range,
    });
  }
  if (registry.description !== undefined && [...registry.description].length > MAX_DESCRIPTION) {
    out.push({
      severity: 'error',
      summary: `hcp_packer_registry.description should have a maximum length of ${MAX_DESCRIPTION} characters`,
      detail: `The description has ${[...registry.description].length} characters.`,
      subject: registry.range,
    });
  }
  return out;
}

/**
 * The checks `packer validate` makes on the template itself, beyond syntax: at least one build
 * block, every build naming a source, well-formed durations and registry settings.
 */
export function templateChecks(template: Template): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (template.builds.length === 0) {
    out.push({
      severity: 'error',
      summary: 'Missing build block',
      detail: 'A build block with one or more sources is required for executing a build.',
    });
  }
  if (template.registry) out.push(...registryProblems(template.registry));
  for (const build of template.builds) {
    if (build.sources.length === 0) {
      out.push({
        severity: 'error',
        summary: 'missing source reference',
        detail: 'a build block must reference at least one source to be built',
        subject: build.range,
      });
    }
    if (build.registry) out.push(...registryProblems(build.registry));
    const provisioners = [
      ...build.provisioners,
      ...(build.errorCleanupProvisioner ? [build.errorCleanupProvisioner] : []),
    ];
    for (const p of provisioners) {
      for (const [setting, value] of [
        ['pause_before', p.pauseBefore],
        ['timeout', p.timeout],
      ] as const) {
        const problem = value === undefined ? undefined : durationProblem(value);
        if (problem) {
          out.push({
            severity: 'error',
            summary: `Failed to parse ${setting} duration`,
            detail: problem,
            subject: p.range,
          });
        }
      }
    }
  }
  return out;
}
