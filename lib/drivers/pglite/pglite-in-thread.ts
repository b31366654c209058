import type { PgliteHandle, PgliteStartOptions } from './pglite-protocol';
import { TIMESTAMPTZ_AS_TEXT } from './pglite-timestamps';

/** PGlite in this thread (the fastest route wherever `import()` works). */
export async function startInThread(options: PgliteStartOptions): Promise<PgliteHandle> {
  const { PGlite } = require(options.modulePath) as typeof import('@electric-sql/pglite');
  const load = options.loadDataDir;
  const db = await PGlite.create(options.dataDir, { relaxedDurability: true, parsers: TIMESTAMPTZ_AS_TEXT, ...(load ? { loadDataDir: new Blob([load]) } : {}) });
  return {
    get closed() {
      return db.closed;
    },
    query: (text, params, options) => db.query(text, params, options),
    transaction: (fn) => db.transaction(fn),
    dumpDataDir: async () => new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer()),
    close: () => db.close(),
  };
}

let importWorks: Promise<boolean> | undefined;

/**
 * Whether `import()` works in code loaded like this module (false inside jest's VM without
 * `--experimental-vm-modules`), asked once with a harmless import. PGlite itself must not be tried there:
 * its failed start leaves rejected promises behind that the runner reports as failures.
 */
export function canImportHere(): Promise<boolean> {
  if (!importWorks) {
    // Built from a string so that the TypeScript compiler leaves the `import()` as it is.
    const load = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
    importWorks = Promise.resolve()
      .then(() => load('node:path'))
      .then(() => true, () => false);
  }
  return importWorks;
}
