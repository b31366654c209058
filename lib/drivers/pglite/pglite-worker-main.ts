import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { WorkerError, WorkerReply, WorkerRequest } from './pglite-protocol';

/**
 * The body of the PGlite worker thread. It is started from its source text (`String(pgliteWorkerMain)`), so
 * that it runs the same from compiled JavaScript and from TypeScript under a test runner's transform: it must
 * stay self-contained (no imports at run time, no helpers from outside the function).
 */
/* istanbul ignore next: runs in the worker, from its source text */
export function pgliteWorkerMain(): void {
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  const port = parentPort!;
  const ROLLBACK = Symbol('rollback');
  interface OpenTx {
    tx: Transaction;
    finish: (commit: boolean) => void;
    done: Promise<unknown>;
  }
  let db: PGlite | undefined;
  let txCount = 0;
  const txs = new Map<number, OpenTx>();

  const errorFields = (error: unknown): WorkerError => {
    const out: WorkerError = { message: error instanceof Error ? error.message : String(error) };
    if (error && typeof error === 'object') {
      for (const [key, value] of Object.entries(error)) {
        if (typeof value === 'string' || typeof value === 'number') out[key] = value;
      }
    }
    return out;
  };
  const reply = (id: number, value: unknown, transfer: ArrayBuffer[] = []): void => {
    port.postMessage({ id, ok: true, value } satisfies WorkerReply, transfer);
  };
  const fail = (id: number, error: unknown): void => {
    port.postMessage({ id, ok: false, error: errorFields(error) } satisfies WorkerReply);
  };

  const begin = (id: number): void => {
    const n = ++txCount;
    let started = false;
    const open = { finish: () => undefined } as unknown as OpenTx;
    open.done = db!.transaction((tx) => {
      started = true;
      open.tx = tx;
      txs.set(n, open);
      reply(id, n);
      return new Promise((resolve, reject) => {
        open.finish = (commit) => (commit ? resolve(undefined) : reject(ROLLBACK));
      });
    });
    open.done.catch((error) => {
      if (!started) fail(id, error);
    });
  };

  const end = async (id: number, n: number, commit: boolean): Promise<void> => {
    const open = txs.get(n);
    if (!open) return fail(id, new Error(`no open transaction ${n}`));
    txs.delete(n);
    open.finish(commit);
    try {
      await open.done;
    } catch (error) {
      if (error !== ROLLBACK) return fail(id, error);
    }
    reply(id, undefined);
  };

  const handle = async (msg: WorkerRequest): Promise<void> => {
    switch (msg.op) {
      case 'start': {
        const { PGlite: Pglite } = require(msg.options.modulePath) as typeof import('@electric-sql/pglite');
        const load = msg.options.loadDataDir;
        // timestamptz (OID 1184) stays text: the client parses it exactly (see pglite-timestamps.ts).
        const parsers = { 1184: (text: string) => text };
        db = await Pglite.create(msg.options.dataDir, { relaxedDurability: true, parsers, ...(load ? { loadDataDir: new Blob([load]) } : {}) });
        return reply(msg.id, undefined);
      }
      case 'query': {
        const on = msg.tx === undefined ? db! : txs.get(msg.tx)?.tx;
        if (!on) return fail(msg.id, new Error(`no open transaction ${msg.tx}`));
        const result = await on.query(msg.text, msg.params, { rowMode: msg.rowMode });
        const fields = result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
        return reply(msg.id, { rows: result.rows, affectedRows: result.affectedRows, fields });
      }
      case 'begin':
        return begin(msg.id);
      case 'end':
        return end(msg.id, msg.tx, msg.commit);
      case 'dump': {
        const tar = new Uint8Array(await (await db!.dumpDataDir('none')).arrayBuffer());
        return reply(msg.id, tar, [tar.buffer as ArrayBuffer]);
      }
      case 'close':
        if (db && !db.closed) await db.close();
        reply(msg.id, undefined);
        return port.close();
    }
  };

  port.on('message', (msg: WorkerRequest) => {
    handle(msg).catch((error) => fail(msg.id, error));
  });
}
