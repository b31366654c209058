import { afterAll, beforeAll } from '@jest/globals';

/**
 * The uncaught errors and unhandled rejections of the process while the calling `describe` block runs (recorded
 * from its first `beforeAll` to its `afterAll`): fault tests assert that no fault escapes as one.
 */
export function recordUncaught(): unknown[] {
  const uncaught: unknown[] = [];
  const record = (error: unknown) => void uncaught.push(error);
  beforeAll(() => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });
  afterAll(() => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });
  return uncaught;
}
