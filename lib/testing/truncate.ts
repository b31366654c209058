import { DatabaseFactory } from '../database/database-factory';

/**
 * Empties every table / collection of the models declared on database `name` (soft-deleted rows included),
 * keeping the tables and their indexes.
 */
export async function truncate(name: string): Promise<void> {
  const database = DatabaseFactory.getDatabase(name);
  const driver = await database.ready();
  for (const meta of database.models()) await driver.deleteMany(meta, undefined);
}
