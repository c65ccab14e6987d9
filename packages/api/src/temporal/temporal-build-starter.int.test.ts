import { startTemporal } from '@kiln/testing';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTemporalBuildStarter, type TemporalBuildStarter } from './temporal-build-starter.ts';
import { TASK_QUEUES } from './workflow-contract.ts';

describe('createTemporalBuildStarter against a Temporal dev server', () => {
  let temporal: Awaited<ReturnType<typeof startTemporal>>;
  let starter: TemporalBuildStarter;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    temporal = await startTemporal();
    starter = createTemporalBuildStarter({ address: temporal.address, namespace: temporal.namespace });
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: temporal.namespace });
  }, 180_000);
  afterAll(async () => {
    await starter?.close();
    await connection?.close();
    await temporal?.stop();
  });

  it('starts imageBuildWorkflow with the run business id on the builds queue, once', async () => {
    const input = {
      buildRunId: '01JTESTRUN0000000000000000',
      organizationId: '6f1c1a52-7d0e-4a43-9a4f-3c2b1d0e9f8a',
    };
    const { workflowId } = await starter.startImageBuild(input);
    expect(workflowId).toBe(`build-run:${input.organizationId}:${input.buildRunId}`);
    // Starting the same run again is not an error and starts nothing new.
    expect(await starter.startImageBuild(input)).toEqual({ workflowId });

    const handle = client.workflow.getHandle(workflowId);
    const description = await handle.describe();
    expect(description.type).toBe('imageBuildWorkflow');
    expect(description.taskQueue).toBe(TASK_QUEUES.builds);
    expect(description.status.name).toBe('RUNNING');
    const history = await handle.fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    const payload = started?.input?.payloads?.[0]?.data;
    expect(JSON.parse(Buffer.from(payload!).toString('utf8'))).toEqual(input);
    await handle.terminate('test finished');
  });

  it('says where it failed to connect', async () => {
    const unreachable = createTemporalBuildStarter({
      address: '127.0.0.1:1',
      namespace: 'default',
      connectTimeoutMs: 1000,
    });
    await expect(
      unreachable.startImageBuild({ buildRunId: '01JTESTRUN0000000000000001', organizationId: 'x' }),
    ).rejects.toThrow(/connecting to Temporal at 127\.0\.0\.1:1 \(namespace default\) failed/);
  });
});
