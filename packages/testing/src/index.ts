export * from './postgres.ts';
export * from './temporal.ts';
export * from './sshd.ts';
