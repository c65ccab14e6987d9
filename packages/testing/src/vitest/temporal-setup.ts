import type { TestProject } from 'vitest/node';
import { startTemporal } from '../temporal.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalNamespace: string;
  }
}

/** vitest globalSetup: one Temporal dev server per test run. */
export default async function setup(project: TestProject) {
  const temporal = await startTemporal();
  project.provide('temporalAddress', temporal.address);
  project.provide('temporalNamespace', temporal.namespace);
  return () => temporal.stop();
}
