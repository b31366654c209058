import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a read may go: the primary, or a replica when one is healthy. */
export type ReadFrom = 'primary' | 'replica';

export const READ_FROM: readonly ReadFrom[] = ['primary', 'replica'];

/**
 * What the routing layer remembers of one async context (a request, a job): when it last wrote to each database,
 * so that its reads right after go to the primary, and the `readFrom` a query asked for.
 */
interface ReadScope {
  readonly lastWrite: Map<string, number>;
  readonly readFrom?: ReadFrom;
  /** Per database, what its driver needs to make later reads follow this context's writes (MongoDB: cluster times). */
  readonly causal: Map<string, unknown>;
}

const storage = new AsyncLocalStorage<ReadScope>();

/**
 * Gives the current async context a scope if it has none. Called synchronously at the start of every model
 * operation, so that the scope belongs to the caller's context (a request handler, a test) and what follows there
 * sees the writes made here.
 */
export function ensureReadScope(): void {
  if (!storage.getStore()) storage.enterWith({ lastWrite: new Map(), causal: new Map() });
}

/**
 * Runs `fn` with reads preferring `readFrom`, and returns what it returns (a driver's answer, given at once or as a
 * promise, which keeps the scope); writes made inside still count for the surrounding context.
 */
export function withReadFrom<R>(readFrom: ReadFrom, fn: () => R): R {
  const outer = storage.getStore();
  return storage.run({ lastWrite: outer?.lastWrite ?? new Map(), causal: outer?.causal ?? new Map(), readFrom }, fn);
}

/** Whether the current code runs under a model operation (which always has a scope), rather than a tool calling a driver. */
export function inReadScope(): boolean {
  return storage.getStore() !== undefined;
}

/** The `readFrom` the current query asked for, if any. */
export function scopedReadFrom(): ReadFrom | undefined {
  return storage.getStore()?.readFrom;
}

/** Notes a write to `database` in the current async context. */
export function noteWrite(database: string): void {
  storage.getStore()?.lastWrite.set(database, Date.now());
}

/** Milliseconds since this async context last wrote to `database` (Infinity if it never did). */
export function sinceLastWrite(database: string): number {
  const at = storage.getStore()?.lastWrite.get(database);
  return at === undefined ? Infinity : Date.now() - at;
}

/** Runs `fn` as a new async context that has written nothing yet (another request, a background job). */
export function inNewReadScope<R>(fn: () => Promise<R>): Promise<R> {
  return storage.run({ lastWrite: new Map(), causal: new Map() }, fn);
}

/** Keeps a driver's causal-consistency token for `database` in the current async context. */
export function noteCausalToken(database: string, token: unknown): void {
  storage.getStore()?.causal.set(database, token);
}

/** The causal-consistency token the current async context holds for `database`, if any. */
export function causalToken(database: string): unknown {
  return storage.getStore()?.causal.get(database);
}
