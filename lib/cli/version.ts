import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../errors';

/**
 * The version of the installed essencia package: from the nearest package.json named `essencia` above this file
 * (dist/cli/ in the package; the sources or a test build in the repository).
 *
 * @example
 * io.stdout.write(`${packageVersion()}\n`);
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'essencia' && typeof pkg.version === 'string') return pkg.version;
    }
    if (dirname(dir) === dir) throw new ConfigError(`cannot find the package.json of essencia above ${from}`);
  }
}
