/**
 * A promise of what `run` returns, or of what it throws: for operations written as promise chains rather than
 * async functions (each async function and await is a promise more, costly while async hooks are on), which must
 * still report a synchronous throw as a rejection.
 */
export function settle<R>(run: () => R | Promise<R>): Promise<R> {
  try {
    const result = run();
    return result instanceof Promise ? result : Promise.resolve(result);
  } catch (error) {
    return Promise.reject(error);
  }
}
