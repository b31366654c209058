export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Retries `op` until it succeeds or `deadlineMs` passes; returns how many attempts failed, and with what. */
export async function untilWorks(op: () => Promise<unknown>, deadlineMs: number): Promise<unknown[]> {
  const failures: unknown[] = [];
  const end = Date.now() + deadlineMs;
  for (;;) {
    try {
      await op();
      return failures;
    } catch (error) {
      failures.push(error);
      if (Date.now() > end) throw error;
      await sleep(100);
    }
  }
}
