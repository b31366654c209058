import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { describe, it } from '@jest/globals';
import { guarded, type OpContext } from '../../lib/model/op-context';

/** A context inside a transaction (so no database tracks the work) whose driver keeps errors as they are. */
const ctx = { meta: {}, db: {}, driver: { convertError: (error: unknown) => error }, tx: {} } as unknown as OpContext;

describe('guarded: a driver call answered at once or later', () => {
  it('takes a value answered at once without waiting', async () => {
    assert.equal(await guarded(ctx, () => 5, (n) => n + 1), 6);
    assert.equal(await guarded(ctx, () => undefined), undefined);
  });

  it('waits for a promise, also one of another realm', async () => {
    assert.equal(await guarded(ctx, () => Promise.resolve(5), (n) => n + 1), 6);
    const foreign = runInNewContext('Promise.resolve(5)') as Promise<number>;
    assert.equal(foreign instanceof Promise, false);
    assert.equal(await guarded(ctx, () => foreign, (n) => n + 1), 6);
  });

  it('reports a throw, a rejection and a failing `after` as rejections', async () => {
    const boom = new Error('boom');
    const isBoom = (error: unknown) => error === boom;
    await assert.rejects(guarded(ctx, () => { throw boom; }), isBoom);
    await assert.rejects(guarded(ctx, () => Promise.reject(boom)), isBoom);
    await assert.rejects(guarded(ctx, () => 5, () => { throw boom; }), isBoom);
  });
});
