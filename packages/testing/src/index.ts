export * from './postgres.ts';
export * from './temporal.ts';
