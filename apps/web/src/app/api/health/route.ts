import { pingDatabase } from '~/server/db.ts';
import { healthResponse } from '~/server/health.ts';
import { logger } from '~/server/logger.ts';

export const dynamic = 'force-dynamic';

export function GET() {
  return healthResponse(pingDatabase, (error) =>
    logger().error({ err: error }, 'health check: the database did not answer'),
  );
}
