export * from './temporal-build-starter.ts';
export * from './workflow-contract.ts';
