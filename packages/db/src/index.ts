export * from './client.ts';
export { migrate, migrationsFolder } from './migrate.ts';
export * from './schema/index.ts';
/** Query helpers re-exported so that every package builds queries with the same drizzle-orm copy as the schema. */
export {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  max,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
