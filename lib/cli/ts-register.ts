import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ConfigError } from '../errors';

/** The part of the `typescript` package the hook uses. */
interface TypeScriptApi {
  transpileModule(source: string, options: { fileName: string; compilerOptions: Record<string, unknown> }): { outputText: string };
  ModuleKind: { CommonJS: unknown };
  ScriptTarget: { ES2022: unknown };
}

type Loader = (module: { _compile(code: string, filename: string): void }, filename: string) => void;

let registered = false;

function loadTypeScript(fromDir: string): TypeScriptApi {
  for (const base of [join(fromDir, 'noop.js'), __filename]) {
    try {
      return createRequire(base)('typescript') as TypeScriptApi;
    } catch {
      // try the next place
    }
  }
  throw new ConfigError('a .ts config module needs the `typescript` package in your project (npm i -D typescript), or compile the config to .js');
}

/**
 * Lets `require()` load `.ts` / `.cts` files (the config module and the models it imports): each file is
 * transpiled on its own with the project's `typescript` package (`transpileModule`, CommonJS, with
 * `experimentalDecorators` and `emitDecoratorMetadata`), without type checking. Idempotent.
 *
 * @example
 * registerTypeScript(process.cwd()); require('./essencia.config.ts');
 */
export function registerTypeScript(fromDir: string): void {
  if (registered) return;
  const ts = loadTypeScript(fromDir);
  const compilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
    inlineSourceMap: true,
  };
  const loader: Loader = (module, filename) => {
    const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { fileName: filename, compilerOptions });
    module._compile(outputText, filename);
  };
  // require.extensions is deprecated but is the one synchronous hook that every Node version honours.
  const extensions = require.extensions as unknown as Record<string, Loader>;
  for (const ext of ['.ts', '.cts']) extensions[ext] ??= loader;
  registered = true;
}
