import { type Diagnostic, hasErrors } from '../errors/diagnostic.ts';
import { pluginConfig } from '../evaluate/plugin-config.ts';
import type { ProvisionerDecl } from '../model/template.ts';
import type { Communicator } from '../spi/communicator.ts';
import {
  type BuildState,
  type BuilderStep,
  PROVISION_HOOK,
  type PluginRegistry,
  type ProvisionPause,
  type RunContext,
} from '../spi/plugin.ts';
import type { BuildPlan } from './build-plan.ts';
import { parseDuration } from './duration.ts';
import type { ExecutableStep } from './executable-step.ts';
import { prepareStepConfig, withAdditions } from './plugin-context.ts';
import { postProcessorStep } from './post-processor-step.ts';
import { errorMessage, halt } from './step-results.ts';

function unknownType(
  kind: string,
  type: string,
  known: string[],
  subject: Diagnostic['subject'],
): Diagnostic {
  return {
    severity: 'error',
    summary: `Unknown ${kind} type "${type}"`,
    detail: `There is no ${kind} of type "${type}". Known ${kind}s: ${known.length > 0 ? [...known].sort().join(', ') : 'none'}.`,
    ...(subject ? { subject } : {}),
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** How long a provisioner that was stopped (timeout, cancel) may take to clean up after itself. */
const STOP_GRACE_MS = 30_000;

/** Resolves when `promise` settles, or after `ms`, whichever comes first; never rejects. */
function settled(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}

/** Runs `work` with a context whose signal also aborts after `timeoutMs`. */
async function withTimeout<T>(
  ctx: RunContext,
  timeoutMs: number | undefined,
  work: (ctx: RunContext) => Promise<T>,
): Promise<{ timedOut: boolean; value?: T }> {
  if (timeoutMs === undefined) return { timedOut: false, value: await work(ctx) };
  const controller = new AbortController();
  const forward = () => controller.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', forward, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const running = work({ ...ctx, signal: controller.signal });
  try {
    const value = await Promise.race([
      running,
      new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
      ),
    ]);
    return { timedOut: false, value };
  } catch (error) {
    // The plugin was told to stop: give its own clean-up (a remote temp file) time to finish
    // before the step goes on and closes the communicator under it.
    if (controller.signal.aborted) await settled(running, STOP_GRACE_MS);
    if (timedOut) return { timedOut: true };
    throw error;
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', forward);
  }
}

/**
 * Turns a build plan into its executable steps: the builder's steps with the provision hook
 * expanded into one step per provisioner, then one step per post-processor. The same plan
 * always yields the same list, so a step is addressed by its index across processes.
 */
export function instantiateBuild(
  build: BuildPlan,
  plugins: PluginRegistry,
): { steps: ExecutableStep[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const builder = plugins.builder(build.sourceType);
  if (!builder) {
    diagnostics.push(
      unknownType('builder', build.sourceType, plugins.known('builder'), build.source.typeRange),
    );
    return { steps: [], diagnostics };
  }
  const evaluated = pluginConfig(
    build.source.body,
    builder.schema,
    build.context,
    'error',
    withAdditions(build),
  );
  diagnostics.push(...evaluated.diagnostics);
  for (const p of [
    ...build.provisioners,
    ...(build.errorCleanupProvisioner ? [build.errorCleanupProvisioner] : []),
  ]) {
    if (!plugins.provisioner(p.type))
      diagnostics.push(unknownType('provisioner', p.type, plugins.known('provisioner'), p.typeRange));
  }
  for (const p of build.postProcessors.flat()) {
    if (!plugins.postProcessor(p.type))
      diagnostics.push(unknownType('post-processor', p.type, plugins.known('post-processor'), p.typeRange));
  }
  if (hasErrors(diagnostics)) return { steps: [], diagnostics };
  const prepared = builder.prepare(evaluated.config);
  diagnostics.push(
    ...prepared.diagnostics.map((d) => (d.subject ? d : { ...d, subject: build.source.range })),
  );
  if (hasErrors(diagnostics) || prepared.config === undefined) {
    if (!hasErrors(diagnostics)) {
      diagnostics.push({
        severity: 'error',
        summary: 'Invalid builder configuration',
        detail: `The ${build.sourceType} builder did not accept its settings.`,
        subject: build.source.range,
      });
    }
    return { steps: [], diagnostics };
  }
  const builderConfig = prepared.config;
  const sourceRef = `${build.sourceType}.${build.sourceName}`;
  const steps: ExecutableStep[] = [];
  const entries = builder.steps(builderConfig);
  const connect: Connect = (state, ctx) =>
    builder.connect ? builder.connect(builderConfig, state, ctx) : Promise.resolve(undefined);
  if (!entries.includes(PROVISION_HOOK) && build.provisioners.length > 0) {
    diagnostics.push({
      severity: 'warning',
      summary: 'Provisioners are not run',
      detail: `The ${build.sourceType} builder has no provisioning step, so the provisioners of ${build.name} do not run.`,
      subject: build.range,
    });
  }
  for (const entry of entries) {
    if (entry === PROVISION_HOOK) {
      build.provisioners.forEach((decl, i) => {
        steps.push(
          provisionerStep(
            build,
            plugins,
            decl,
            `provisioner ${i + 1}/${build.provisioners.length}: ${decl.type}`,
            sourceRef,
            connect,
          ),
        );
      });
    } else {
      steps.push(builderStep(entry, builderConfig));
    }
  }
  const chains = build.postProcessors;
  chains.forEach((chain, c) => {
    chain.forEach((decl, j) => {
      steps.push(
        postProcessorStep(build, plugins, decl, `post-processor ${c + 1}.${j + 1}: ${decl.type}`, sourceRef, {
          chain: c,
          chainStart: j === 0,
          chainEnd: j === chain.length - 1,
          first: c === 0 && j === 0,
          last: c === chains.length - 1 && j === chain.length - 1,
        }),
      );
    });
  });
  return { steps, diagnostics };
}

function builderStep(step: BuilderStep<unknown>, config: unknown): ExecutableStep {
  return {
    name: step.name,
    kind: 'builder',
    run: (state, ctx) => step.run(config, state, ctx),
    cleanup: (state, ctx) => step.cleanup(config, state, ctx),
  };
}

async function provisionOnce(
  build: BuildPlan,
  plugins: PluginRegistry,
  decl: ProvisionerDecl,
  sourceRef: string,
  state: BuildState,
  ctx: RunContext,
): Promise<
  | { ok: true; pause?: string }
  | { ok: false; cls: 'bad-config' | 'provisioner-failed' | 'timed-out' | 'cancelled'; message: string }
> {
  const plugin = plugins.provisioner(decl.type);
  if (!plugin) return { ok: false, cls: 'bad-config', message: `unknown provisioner type "${decl.type}"` };
  const prepared = prepareStepConfig(build, decl, plugin, sourceRef, state.generated);
  if ('error' in prepared) return { ok: false, cls: 'bad-config', message: prepared.error };
  const config = prepared.config;
  const timeout = decl.timeout === undefined ? undefined : parseDuration(decl.timeout);
  if (decl.timeout !== undefined && timeout === undefined)
    return { ok: false, cls: 'bad-config', message: `timeout "${decl.timeout}" is not a duration` };
  const attempts = Math.max(1, decl.maxRetries + 1);
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (ctx.signal.aborted) return { ok: false, cls: 'cancelled', message: 'the build was cancelled' };
    try {
      const result = await withTimeout(ctx, timeout, (c) => plugin.provision(config, state, c));
      if (result.timedOut)
        return {
          ok: false,
          cls: 'timed-out',
          message: `the ${decl.type} provisioner timed out after ${decl.timeout}`,
        };
      const pause = (result.value as ProvisionPause | undefined)?.pause.note;
      return pause === undefined ? { ok: true } : { ok: true, pause };
    } catch (error) {
      last = errorMessage(error);
      if (ctx.signal.aborted) return { ok: false, cls: 'cancelled', message: 'the build was cancelled' };
      if (attempt < attempts)
        ctx.ui.error(
          `${decl.type} provisioner failed (attempt ${attempt} of ${attempts}): ${last}; retrying`,
        );
    }
  }
  return { ok: false, cls: 'provisioner-failed', message: `the ${decl.type} provisioner failed: ${last}` };
}

/** Opens the builder's communicator for one provisioner step (`undefined`: the builder has none). */
type Connect = (state: BuildState, ctx: RunContext) => Promise<Communicator | undefined>;

function provisionerStep(
  build: BuildPlan,
  plugins: PluginRegistry,
  decl: ProvisionerDecl,
  name: string,
  sourceRef: string,
  connect: Connect,
): ExecutableStep {
  return {
    name,
    kind: 'provisioner',
    async run(state, runCtx) {
      if (decl.pauseBefore !== undefined) {
        const pause = parseDuration(decl.pauseBefore);
        if (pause === undefined)
          return halt(state, 'bad-config', `pause_before "${decl.pauseBefore}" is not a duration`);
        runCtx.ui.say(`Pausing ${decl.pauseBefore} before the next provisioner...`);
        await sleep(pause, runCtx.signal);
      }
      // A connection failure throws: the host classifies it (a timeout, a refused login).
      const communicator = await connect(state, runCtx);
      const ctx: RunContext = communicator ? { ...runCtx, communicator } : runCtx;
      try {
        const outcome = await provisionOnce(build, plugins, decl, sourceRef, state, ctx);
        if (outcome.ok) {
          return outcome.pause === undefined
            ? { action: 'continue', state }
            : { action: 'pause', state, note: outcome.pause };
        }
        const cleanupDecl = build.errorCleanupProvisioner;
        if (cleanupDecl && outcome.cls !== 'cancelled' && ctx.onError !== 'abort') {
          ctx.ui.say(`Provisioning failed; running the error-cleanup-provisioner (${cleanupDecl.type})`);
          const cleanup = await provisionOnce(build, plugins, cleanupDecl, sourceRef, state, ctx);
          if (!cleanup.ok) ctx.ui.error(`error-cleanup-provisioner failed: ${cleanup.message}`);
        }
        return halt(state, outcome.cls, outcome.message);
      } finally {
        await communicator?.close();
      }
    },
    async cleanup() {},
  };
}
