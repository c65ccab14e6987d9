import { currentUser } from '~/server/auth.ts';
import { buildRunEventsResponse } from '~/server/build-run-events.ts';
import { db } from '~/server/db.ts';
import { logger } from '~/server/logger.ts';

export const dynamic = 'force-dynamic';

/**
 * Server-sent events for one build run: new log lines and status changes, polled every ~300 ms, until the run
 * is finished. `?org=&project=` name the tenant; the signed-in user must be allowed to read the run.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) return Response.json({ error: 'sign in to follow a build run' }, { status: 401 });
  const { id } = await context.params;
  const search = new URL(request.url).searchParams;
  const org = search.get('org');
  const project = search.get('project');
  if (!org || !project) {
    return Response.json(
      { error: `build run ${id}: the org and project query parameters are required` },
      { status: 400 },
    );
  }
  return buildRunEventsResponse(
    db(),
    { type: 'user', id: user.id },
    { org, project, buildRunId: id },
    request,
    {
      onInternalError: (error) =>
        logger().error({ err: error, buildRunId: id, userId: user.id }, 'reading build run events failed'),
    },
  );
}
