import { boolean, doublePrecision, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The bench table as Drizzle sees it (same shape as every other contender's table). */
export function benchTable(name: string) {
  return pgTable(name, {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    age: integer('age').notNull(),
    score: doublePrecision('score').notNull(),
    active: boolean('active').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  });
}
