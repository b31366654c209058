import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { parseTimestamptz } from '../../lib/drivers/postgres-dialect/pg-timestamp-text';

describe('parseTimestamptz (PostgreSQL timestamptz text)', () => {
  it('reads years 1 to 99 as they are, not as 19xx / 20xx', () => {
    assert.equal(parseTimestamptz('0001-01-01 00:00:00+00').toISOString(), '0001-01-01T00:00:00.000Z');
    assert.equal(parseTimestamptz('0099-06-15 12:00:00.5+00').toISOString(), '0099-06-15T12:00:00.500Z');
  });

  it('applies offsets with minutes and seconds (old dates in local mean time)', () => {
    assert.equal(parseTimestamptz('2024-02-29 21:30:00-03').toISOString(), '2024-03-01T00:30:00.000Z');
    assert.equal(parseTimestamptz('1900-01-01 00:00:00-03:06:28').toISOString(), '1900-01-01T03:06:28.000Z');
    assert.equal(parseTimestamptz('2000-01-01 05:30:00+05:30').toISOString(), '2000-01-01T00:00:00.000Z');
  });

  it('truncates microseconds to milliseconds and reads years past 9999 and BC years', () => {
    assert.equal(parseTimestamptz('2024-01-01 00:00:00.123999+00').toISOString(), '2024-01-01T00:00:00.123Z');
    assert.equal(parseTimestamptz('10000-01-01 00:00:00+00').toISOString(), '+010000-01-01T00:00:00.000Z');
    assert.equal(parseTimestamptz('0001-12-31 00:00:00+00 BC').toISOString(), '0000-12-31T00:00:00.000Z');
  });

  it('gives an Invalid Date, never a wrong one, for infinity and unreadable text', () => {
    for (const text of ['infinity', '-infinity', '2024-01-01', 'garbage']) assert.ok(Number.isNaN(parseTimestamptz(text).getTime()), text);
  });
});
