import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { runSampleJest } from './support/run-sample-jest';

describe('samples/nest-clinic e2e (jest + supertest) on the embedded default', () => {
  it('passes and jest exits by itself after app.close()', () => {
    const run = runSampleJest({}, 480_000);
    assert.equal(run.signal, null, `jest did not exit by itself (killed by ${run.signal}):\n${run.output}`);
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /Tests:\s+\d+ passed, \d+ total/);
    assert.doesNotMatch(run.output, /did not exit one second after/);
  }, 600_000);
});
