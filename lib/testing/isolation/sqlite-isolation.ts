import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MEMORY, sqliteFile } from '../../drivers/sqlite/sqlite-url';
import { uniqueDatabaseName, type TestIsolation } from './test-isolation';

/**
 * `sqlite::memory:`: every file already opens its own empty database. A file URL: a fresh file beside the one named
 * (the named one is never touched), removed afterwards with its WAL files.
 */
export function sqliteIsolation(url: string): TestIsolation {
  const file = sqliteFile(url);
  if (file === MEMORY) return { prepare: async () => ({ url }), dispose: async () => undefined };
  const own = join(dirname(file), `${uniqueDatabaseName()}.db`);
  return {
    prepare: async () => ({ url: `sqlite:${own}` }),
    async dispose() {
      for (const suffix of ['', '-wal', '-shm']) await rm(`${own}${suffix}`, { force: true });
    },
  };
}
