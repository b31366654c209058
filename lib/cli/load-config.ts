import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors';
import { registerTypeScript } from './ts-register';

/** Config files looked for in the working directory when `--config` is not given, in this order. */
export const DEFAULT_CONFIG_FILES = ['essencia.config.js', 'essencia.config.cjs', 'essencia.config.mjs', 'essencia.config.ts'];

// TypeScript compiles `import()` to `require()` under CommonJS; this keeps a real dynamic import for ES modules.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

function findConfig(cwd: string, given: string | undefined): string {
  if (given !== undefined) {
    const path = resolve(cwd, given);
    if (!existsSync(path)) throw new ConfigError(`config module not found: ${given}`);
    return path;
  }
  const found = DEFAULT_CONFIG_FILES.map((name) => resolve(cwd, name)).find((path) => existsSync(path));
  if (!found) throw new ConfigError(`no config module: pass --config <file> or create one of ${DEFAULT_CONFIG_FILES.join(', ')}`);
  return found;
}

async function loadModule(path: string, cwd: string): Promise<unknown> {
  const ext = extname(path);
  if (ext === '.mjs' || ext === '.mts') return importModule(pathToFileURL(path).href);
  if (ext === '.ts' || ext === '.cts') registerTypeScript(cwd);
  try {
    return require(path) as unknown;
  } catch (error) {
    // A .js file in a `"type": "module"` package.
    if ((error as { code?: string }).code === 'ERR_REQUIRE_ESM') return importModule(pathToFileURL(path).href);
    throw error;
  }
}

/**
 * Loads the user's config module (`--config`, else `essencia.config.{js,cjs,mjs,ts}` in `cwd`). Its job is to
 * create the databases with `DatabaseFactory.createDatabase` and to import the models. When it exports a
 * function (as `module.exports` or `default`), the function is called and awaited. Returns the absolute path.
 *
 * @example
 * await loadConfig(process.cwd(), 'essencia.config.ts');
 */
export async function loadConfig(cwd: string, given?: string): Promise<string> {
  const path = findConfig(cwd, given);
  const loaded = (await loadModule(path, cwd)) as { default?: unknown } | (() => unknown) | undefined;
  const candidate = typeof loaded === 'function' ? loaded : loaded?.default;
  const isSetup = typeof candidate === 'function' && !/^class\b/.test(Function.prototype.toString.call(candidate));
  if (isSetup) await (candidate as () => unknown)();
  return path;
}
