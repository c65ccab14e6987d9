import { pingDatabase } from '~/server/db.ts';

export const dynamic = 'force-dynamic';

/** 200 when the database answers, 503 (with the reason) when it does not. */
export async function GET() {
  try {
    await pingDatabase();
    return Response.json({ status: 'ok' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return Response.json(
      { status: 'unavailable', reason: `database did not answer: ${reason}` },
      { status: 503 },
    );
  }
}
