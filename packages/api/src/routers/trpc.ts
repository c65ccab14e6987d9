import type { KilnDb } from '@kiln/db';
import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { Logger } from 'pino';
import superjson from 'superjson';
import type { Actor } from '../actor.ts';
import { KilnError, type KilnErrorCode } from '../errors.ts';
import type { Sealer } from '../secrets/sealer.ts';
import type { BuildRunControl, BuildWorkflowStarter } from '../temporal/workflow-contract.ts';

export interface TRPCContext {
  db: KilnDb;
  actor: Actor | null;
  buildStarter: BuildWorkflowStarter;
  buildControl: BuildRunControl;
  /** Seals a run's `-var` values when it starts. */
  sealer: Sealer;
  logger: Logger;
}

/** The web app resolves the actor (next-auth session) and hands everything in. */
export function createTRPCContext(opts: TRPCContext): TRPCContext {
  return {
    db: opts.db,
    actor: opts.actor,
    buildStarter: opts.buildStarter,
    buildControl: opts.buildControl,
    sealer: opts.sealer,
    logger: opts.logger,
  };
}

/** The one mapping of KilnError codes to tRPC codes. */
const TRPC_CODES: Record<KilnErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: 'NOT_FOUND',
  INVALID: 'BAD_REQUEST',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

export function toTRPCError(error: KilnError): TRPCError {
  return new TRPCError({ code: TRPC_CODES[error.code], message: error.message, cause: error });
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const kiln = error.cause instanceof KilnError ? error.cause : undefined;
    const internal = !kiln && error.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      // Unexpected errors keep their detail in the server log, not in the response.
      message: internal ? 'internal error' : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        kiln: kiln ? { code: kiln.code, details: kiln.details ?? null } : null,
      },
    };
  },
});

const mapErrors = t.middleware(async ({ ctx, next, path, type }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof KilnError) {
    if (cause.code === 'INTERNAL') ctx.logger.error({ err: cause, path, type }, 'procedure failed');
    throw toTRPCError(cause);
  }
  if (result.error.code === 'INTERNAL_SERVER_ERROR') {
    ctx.logger.error(
      { err: result.error.cause ?? result.error, path, type },
      'procedure failed unexpectedly',
    );
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(mapErrors);

/** Procedures that need a signed-in actor; `ctx.actor` is non-null inside. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in to continue' });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});
