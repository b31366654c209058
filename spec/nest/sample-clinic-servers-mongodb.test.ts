import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { isCI } from '../support/backends';
import { runSampleJest } from './support/run-sample-jest';

// Patients on MongoDB, appointments and payments on PostgreSQL (file name has "mongo": runs with the other
// MongoDB files, one at a time).
describe('samples/nest-clinic e2e (jest + supertest) on PostgreSQL + MongoDB', () => {
  const { DATABASE_URL, MONGODB_URL } = process.env;
  if (!DATABASE_URL || !MONGODB_URL) {
    if (isCI) {
      it('DATABASE_URL and MONGODB_URL are required in CI', () => {
        throw new Error('set DATABASE_URL and MONGODB_URL: the sample must run on the servers in CI');
      });
    } else {
      console.warn('\n!!! SKIPPED: samples/nest-clinic on PostgreSQL + MongoDB (set DATABASE_URL and MONGODB_URL) !!!\n');
    }
    return;
  }
  it('passes and jest exits by itself after app.close()', () => {
    const run = runSampleJest({ DATABASE_URL, MONGODB_URL }, 480_000);
    assert.equal(run.signal, null, `jest did not exit by itself (killed by ${run.signal}):\n${run.output}`);
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /Tests:\s+\d+ passed, \d+ total/);
    assert.doesNotMatch(run.output, /did not exit one second after/);
  }, 600_000);
});
