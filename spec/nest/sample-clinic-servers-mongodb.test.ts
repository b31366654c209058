import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { missingBackend } from '../support/missing-backend';
import { runSampleJest } from './support/run-sample-jest';

// Patients on MongoDB, appointments and payments on PostgreSQL (file name has "mongo": runs with the other
// MongoDB files, one at a time).
describe('samples/nest-clinic e2e (jest + supertest) on PostgreSQL + MongoDB', () => {
  const { DATABASE_URL, MONGODB_URL } = process.env;
  if (!DATABASE_URL || !MONGODB_URL) {
    missingBackend('samples/nest-clinic on PostgreSQL + MongoDB', 'DATABASE_URL and MONGODB_URL');
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
