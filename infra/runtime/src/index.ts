export * from './exec.ts';
export * from './paths.ts';
export * from './ports.ts';
export * from './postgres.ts';
export * from './temporal.ts';
