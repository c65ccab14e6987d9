export { type BuildActivities, type BuildActivityDeps, createBuildActivities } from './build-activities.ts';
export * from './types.ts';
