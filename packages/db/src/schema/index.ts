export * from './audit.ts';
export * from './auth.ts';
export * from './builds.ts';
export * from './registry.ts';
export * from './templates.ts';
export * from './tenancy.ts';
