import { optionalRequire } from '../../util/optional-require';

/** The `mongodb` package, as loaded at run time (type-only import: the core never loads it statically). */
export type MongoModule = typeof import('mongodb');

let loaded: MongoModule | undefined;

/**
 * Loads the optional `mongodb` package on first use; a ConfigError says what to install when it is missing.
 *
 * @example
 * const { ObjectId } = loadMongo();
 */
export function loadMongo(): MongoModule {
  return (loaded ??= optionalRequire<MongoModule>('mongodb', 'The mongodb driver'));
}
