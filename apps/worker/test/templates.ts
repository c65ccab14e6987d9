import { createTemplate } from '@kiln/api';
import type { WorkerTestEnv } from './harness.ts';

/** Saves a template in the seeded demo project. */
export async function createTemplateForTest(
  env: WorkerTestEnv,
  name: string,
  content: string,
): Promise<void> {
  await createTemplate(env.db, env.actor, { org: 'demo', project: 'default', name, content });
}
