import type { PgliteHandle, PgliteStartOptions } from './pglite-protocol';

/** PGlite in this thread (the fastest route wherever `import()` works). */
export async function startInThread(options: PgliteStartOptions): Promise<PgliteHandle> {
  const { PGlite } = require(options.modulePath) as typeof import('@electric-sql/pglite');
  const load = options.loadDataDir;
  const db = await PGlite.create(options.dataDir, { relaxedDurability: true, ...(load ? { loadDataDir: new Blob([load]) } : {}) });
  return {
    get closed() {
      return db.closed;
    },
    query: (text, params) => db.query(text, params),
    transaction: (fn) => db.transaction(fn),
    dumpDataDir: async () => new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer()),
    close: () => db.close(),
  };
}

/** True when PGlite failed because this code runs in a VM without dynamic `import()` (jest without flags). */
export function isVmImportFailure(error: unknown): boolean {
  return /^ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING/.test(String((error as { code?: unknown })?.code ?? ''));
}
