import type {} from '@kiln/testing/vitest/postgres-setup';
import {
  appendBuildLogLines,
  type BuildWorkflowStarter,
  createSealer,
  DEMO_ORGANIZATION_SLUG,
  DEMO_PROJECT_SLUG,
  finishBuildRun,
  markBuildRunRunning,
  seedDemo,
  startBuildRun,
} from '@kiln/api';
import { createDb, type DbHandle } from '@kiln/db/client';
import { migrate } from '@kiln/db/migrate';
import { createTestDatabase, type TestDatabase } from '@kiln/testing';
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildRunEventsResponse } from './build-run-events.ts';

const sealer = createSealer(randomBytes(32));

interface SseEvent {
  event: string;
  id?: string;
  data: Record<string, unknown>;
}

/** Reads events off an SSE body as they arrive. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const queue: SseEvent[] = [];
  return {
    async next(): Promise<SseEvent | undefined> {
      for (;;) {
        const ready = queue.shift();
        if (ready) return ready;
        const { done, value } = await reader.read();
        if (done) return undefined;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          if (block.startsWith(':')) continue;
          const fields: Record<string, string> = {};
          for (const row of block.split('\n')) {
            const at = row.indexOf(': ');
            fields[row.slice(0, at)] = row.slice(at + 2);
          }
          queue.push({ event: fields.event ?? '', id: fields.id, data: JSON.parse(fields.data ?? 'null') });
        }
      }
    },
    cancel: () => reader.cancel(),
  };
}

const starter: BuildWorkflowStarter = {
  startImageBuild: async (input) => ({ workflowId: `build-run:${input.organizationId}:${input.buildRunId}` }),
};

describe('build run events (server-sent events over real PostgreSQL)', () => {
  let database: TestDatabase;
  let handle: DbHandle;
  let userId: string;
  const scope = { org: DEMO_ORGANIZATION_SLUG, project: DEMO_PROJECT_SLUG };

  beforeAll(async () => {
    database = await createTestDatabase(inject('postgresAdminUrl'));
    await migrate(database.url);
    handle = createDb(database.url, { max: 4 });
    userId = (await seedDemo(handle.db)).userId;
  });

  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  async function newRun(): Promise<string> {
    const { id } = await startBuildRun(
      handle.db,
      { type: 'user', id: userId },
      { ...scope, template: 'hello' },
      { buildStarter: starter, sealer },
    );
    return id;
  }

  it('streams lines as the worker writes them, then the final status, then ends', async () => {
    const buildRunId = await newRun();
    const request = new Request(`http://kiln.test/api/build-runs/${buildRunId}/events`);
    const response = await buildRunEventsResponse(
      handle.db,
      { type: 'user', id: userId },
      { ...scope, buildRunId },
      request,
      { pollIntervalMs: 20 },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = sseReader(response.body!);

    expect(await events.next()).toMatchObject({
      event: 'status',
      data: { status: 'queued', finished: false },
    });

    await markBuildRunRunning(handle.db, { buildRunId, builds: [{ name: 'demo.file.hello', steps: [] }] });
    expect(await events.next()).toMatchObject({ event: 'status', data: { status: 'running' } });

    await appendBuildLogLines(handle.db, {
      buildRunId,
      lines: [{ buildName: 'demo.file.hello', stream: 'stdout', text: 'building hello' }],
    });
    const first = await events.next();
    expect(first).toMatchObject({
      event: 'line',
      data: { text: 'building hello', buildName: 'demo.file.hello' },
    });

    await appendBuildLogLines(handle.db, {
      buildRunId,
      lines: [{ buildName: null, stream: 'system', text: 'done' }],
    });
    await finishBuildRun(handle.db, { buildRunId, status: 'succeeded' });

    const rest: SseEvent[] = [];
    for (let event = await events.next(); event; event = await events.next()) rest.push(event);
    expect(rest.map((e) => e.event)).toEqual(['line', 'status', 'end']);
    expect(rest[0]).toMatchObject({ data: { text: 'done', stream: 'system' } });
    expect(Number(rest[0]!.id)).toBeGreaterThan(Number(first!.id));
    expect(rest[2]).toMatchObject({ data: { status: 'succeeded', finished: true } });
  });

  it('resumes after Last-Event-ID without repeating lines', async () => {
    const buildRunId = await newRun();
    await appendBuildLogLines(handle.db, {
      buildRunId,
      lines: ['one', 'two', 'three'].map((text) => ({ buildName: null, stream: 'stdout' as const, text })),
    });
    await finishBuildRun(handle.db, {
      buildRunId,
      status: 'failed',
      failureClass: 'internal',
      error: 'boom',
    });
    const all = sseReader(
      (
        await buildRunEventsResponse(
          handle.db,
          { type: 'user', id: userId },
          { ...scope, buildRunId },
          new Request('http://kiln.test/'),
          { pollIntervalMs: 20 },
        )
      ).body!,
    );
    const ids: string[] = [];
    for (let event = await all.next(); event; event = await all.next())
      if (event.event === 'line') ids.push(event.id!);
    expect(ids).toHaveLength(3);

    const resumed = await buildRunEventsResponse(
      handle.db,
      { type: 'user', id: userId },
      { ...scope, buildRunId },
      new Request('http://kiln.test/', { headers: { 'last-event-id': ids[0]! } }),
      { pollIntervalMs: 20 },
    );
    const events = sseReader(resumed.body!);
    const seen: SseEvent[] = [];
    for (let event = await events.next(); event; event = await events.next()) seen.push(event);
    expect(seen.filter((e) => e.event === 'line').map((e) => e.data.text)).toEqual(['two', 'three']);
    expect(seen.at(-1)).toMatchObject({ event: 'end', data: { status: 'failed' } });
  });

  it('answers 404 to a user outside the organization, and for an unknown run', async () => {
    const buildRunId = await newRun();
    const stranger = await buildRunEventsResponse(
      handle.db,
      { type: 'user', id: ulid() },
      { ...scope, buildRunId },
      new Request('http://kiln.test/'),
    );
    expect(stranger.status).toBe(404);

    const unknown = await buildRunEventsResponse(
      handle.db,
      { type: 'user', id: userId },
      { ...scope, buildRunId: ulid() },
      new Request('http://kiln.test/'),
    );
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/not found/);
  });
});
