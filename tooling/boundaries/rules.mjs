// Who may import whom. Each rule: the folder it governs, and import specifiers it forbids there.
// A specifier matches a pattern when it equals it or starts with it followed by '/'.

const cloudSdks = ['@aws-sdk', '@azure'];
const temporal = [
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/workflow',
  '@temporalio/activity',
  '@temporalio/common',
  '@temporalio/testing',
];

export const rules = [
  {
    scope: 'packages/engine/src',
    forbid: [
      '@kiln/db',
      '@kiln/api',
      '@kiln/plugins',
      '@kiln/web',
      '@kiln/worker',
      'next',
      'pg',
      'drizzle-orm',
      'ssh2',
      ...temporal,
      ...cloudSdks,
    ],
    why: 'the engine knows no database, API, plugins, web, Temporal or cloud SDK',
  },
  {
    scope: ['packages/engine/src/run', 'packages/engine/src/spi', 'packages/engine/src/errors'],
    forbidNodeBuiltins: true,
    why: 'workflow code imports these engine folders, and workflows may not use Node built-ins',
  },
  {
    scope: 'packages/plugins/src',
    forbid: ['@kiln/db', '@kiln/api', '@kiln/web', '@kiln/worker', 'next', 'pg', 'drizzle-orm', ...temporal],
    why: 'plugins see only the engine interfaces',
  },
  {
    scope: 'packages/db/src',
    forbid: ['@kiln/api', '@kiln/plugins', '@kiln/web', '@kiln/worker', 'next', ...temporal],
    why: 'the db package holds the schema and client only',
  },
  {
    scope: 'packages/api/src',
    forbid: [
      '@kiln/plugins',
      '@kiln/web',
      '@kiln/worker',
      'next',
      '@temporalio/worker',
      '@temporalio/workflow',
    ],
    why: 'the api holds domain rules and services, not plugins or web code',
  },
  {
    scope: 'packages/api/src',
    except: 'packages/api/src/temporal',
    forbid: ['@temporalio/client'],
    why: "only the api's Temporal adapter talks to Temporal",
  },
  {
    scope: 'apps/web/src',
    forbid: [
      '@kiln/plugins',
      '@kiln/worker',
      'drizzle-orm',
      '@temporalio/worker',
      '@temporalio/workflow',
      '@kiln/db/schema',
    ],
    why: 'the web app reaches data through the api services, never through plugins or queries',
  },
  {
    scope: 'apps/cli/src',
    forbid: ['@kiln/db', '@kiln/api', '@kiln/web', '@kiln/worker', 'next', 'pg', 'drizzle-orm', ...temporal],
    why: 'the kiln command reads templates with the engine and plugins only',
  },
  {
    scope: 'apps/worker/src',
    forbid: ['next', '@kiln/web', '@kiln/api/trpc', '@trpc/server', '@trpc/client'],
    why: 'the worker uses api services, never the web app or tRPC routers',
  },
  {
    scope: 'apps/worker/src/workflows',
    forbidNodeBuiltins: true,
    forbid: [
      '@kiln/engine$',
      '@kiln/db',
      '@kiln/api',
      '@kiln/plugins',
      '@temporalio/worker',
      '@temporalio/activity',
      '@temporalio/client',
      'pg',
      'pino',
    ],
    allowTypeOnly: true,
    // The workflow contract holds only names and id formulas (no I/O): signal names, workflow ids.
    allow: ['@kiln/api/temporal/contract$'],
    why: 'workflows are deterministic: no I/O, no Node built-ins, only types from other packages (values from the engine come from @kiln/engine/run)',
  },
];
