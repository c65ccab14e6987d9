export { type BuildActivities, type BuildActivityDeps, createBuildActivities } from './build-activities.ts';
export * from './types.ts';
export { createSweeperActivities, type SweeperActivities } from './sweeper-activities.ts';
