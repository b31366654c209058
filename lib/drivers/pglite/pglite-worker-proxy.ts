import { Worker } from 'node:worker_threads';
import { ConnectionError } from '../../errors';
import type { PgliteHandle, PgliteQueryable, PgliteQueryOptions, PgliteResult, PgliteStartOptions, WorkerError, WorkerReply, WorkerRequest } from './pglite-protocol';
import { intoThisRealm } from '../../util/this-realm';
import { pgliteWorkerMain } from './pglite-worker-main';

type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A PostgreSQL error rebuilt on this side, with its fields (`code`, `constraint`, `detail`, ...). */
function rebuild(fields: WorkerError): Error {
  const { message, name, stack: _stack, ...rest } = fields;
  const error = new Error(message);
  if (typeof name === 'string') error.name = name;
  return Object.assign(error, rest);
}

/**
 * PGlite running in a `worker_threads` worker: a real Node context, so PGlite's own `import()` calls work even
 * when this module runs inside a test runner's VM (jest). The worker keeps the process alive only while a
 * request is pending, like PGlite in this thread, so a runner exits by itself.
 */
export class PgliteWorkerProxy implements PgliteHandle {
  #worker: Worker;
  #pending = new Map<number, Pending>();
  #nextId = 0;
  #closed = false;
  #exited: Promise<void>;

  private constructor() {
    this.#worker = new Worker(`(${String(pgliteWorkerMain)})()`, { eval: true });
    this.#worker.unref();
    this.#worker.on('message', (reply: WorkerReply) => this.settle(reply));
    this.#worker.on('error', (error) => this.failAll(error));
    this.#exited = new Promise((resolve) => this.#worker.once('exit', () => {
      this.#closed = true;
      this.failAll(new Error('the PGlite worker thread exited'));
      resolve();
    }));
  }

  /** Starts a worker and PGlite in it. */
  static async start(options: PgliteStartOptions): Promise<PgliteWorkerProxy> {
    const proxy = new PgliteWorkerProxy();
    const transfer = options.loadDataDir ? [options.loadDataDir.buffer as ArrayBuffer] : [];
    try {
      await proxy.request({ op: 'start', options }, transfer);
    } catch (error) {
      await proxy.#worker.terminate();
      throw error;
    }
    return proxy;
  }

  get closed(): boolean {
    return this.#closed;
  }

  private request<T>(message: Request, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.#closed) return Promise.reject(new ConnectionError('the PGlite database is closed'));
    const id = ++this.#nextId;
    if (this.#pending.size === 0) this.#worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ ...message, id }, transfer);
    });
  }

  private settle(reply: WorkerReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(rebuild(reply.error));
  }

  private failAll(cause: unknown): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    this.#worker.unref();
    for (const p of pending) p.reject(new ConnectionError(`the PGlite worker failed: ${(cause as Error)?.message ?? cause}`, { cause }));
  }

  async query<T>(text: string, params: unknown[] = [], options?: PgliteQueryOptions, tx?: number): Promise<PgliteResult<T>> {
    const result = await this.request<PgliteResult<T>>({ op: 'query', text, params, tx, rowMode: options?.rowMode });
    // Only inside a VM (jest) do the rows come from another realm; plain Node pays nothing.
    return result.rows instanceof Array ? result : { ...result, rows: intoThisRealm(result.rows) as T[] };
  }

  async transaction<R>(fn: (tx: PgliteQueryable) => Promise<R>): Promise<R> {
    const tx = await this.request<number>({ op: 'begin' });
    let result: R;
    try {
      result = await fn({ query: (text, params, options) => this.query(text, params, options, tx) });
    } catch (error) {
      await this.request({ op: 'end', tx, commit: false });
      throw error;
    }
    await this.request({ op: 'end', tx, commit: true });
    return result;
  }

  dumpDataDir(): Promise<Uint8Array> {
    return this.request({ op: 'dump' });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.request({ op: 'close' }).catch(() => undefined);
    this.#closed = true;
    await this.#worker.terminate();
    await this.#exited;
  }
}
