import { text, timestamp } from 'drizzle-orm/pg-core';
import { ulid } from 'ulid';

/** A ULID primary key, generated on insert. */
export const ulidId = () =>
  text('id')
    .primaryKey()
    .$defaultFn(() => ulid());

export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
