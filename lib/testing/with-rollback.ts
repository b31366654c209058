import { DatabaseFactory } from '../database/database-factory';

class Rollback extends Error {}

/**
 * Runs `fn` in a transaction of database `name` that is always rolled back, and returns what `fn` returned:
 * every write in it (through models, in this async context) disappears afterwards. An error of `fn` is rethrown.
 *
 * @example
 * it('books', () => withRollback('pg_main', async () => { await Appointment.create({ ... }); }));
 */
export async function withRollback<R>(name: string, fn: () => Promise<R> | R): Promise<R> {
  const database = DatabaseFactory.getDatabase(name);
  const signal = new Rollback('withRollback: rolled back on purpose');
  let result!: R;
  try {
    await database.transaction(async () => {
      result = await fn();
      throw signal;
    });
  } catch (error) {
    if (error !== signal) throw error;
  }
  return result;
}
