import { ConfigError } from '../../errors';

/** What an in-memory database is opened as. */
export const MEMORY = ':memory:';

/**
 * The file a `sqlite:` URL names, or {@link MEMORY}: `sqlite::memory:`, `sqlite:./data/app.db` (relative to the
 * working directory), `sqlite:/var/lib/app.db`; `sqlite://` followed by either form is accepted too.
 *
 * @example
 * sqliteFile('sqlite::memory:'); // ':memory:'
 * sqliteFile('sqlite:./app.db'); // './app.db'
 */
export function sqliteFile(url: string): string {
  const rest = url.replace(/^sqlite:/i, '').replace(/^\/\//, '');
  if (rest === '') throw new ConfigError(`a sqlite URL names a file (sqlite:./app.db) or memory (sqlite::memory:); got '${url.slice(0, 40)}'`);
  return rest;
}
