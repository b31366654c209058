import { ConfigError } from '../errors';

/** Loads an optional peer dependency, or throws a ConfigError that says what to install. */
export function optionalRequire<T>(pkg: string, forWhat: string, install: string = pkg): T {
  try {
    return require(pkg) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(pkg)) {
      throw new ConfigError(`${forWhat} needs the package '${pkg}': npm install ${install}`, { cause: error });
    }
    throw error;
  }
}
