/**
 * The health answer: 200 when the database answers, 503 when it does not. The reason goes to `onFailure`
 * (the server log) only: a driver's message can name hosts, ports, roles or a connection string.
 */
export async function healthResponse(
  ping: () => Promise<void>,
  onFailure: (error: unknown) => void,
): Promise<Response> {
  try {
    await ping();
    return Response.json({ status: 'ok' });
  } catch (error) {
    onFailure(error);
    return Response.json({ status: 'unavailable', reason: 'the database did not answer' }, { status: 503 });
  }
}
