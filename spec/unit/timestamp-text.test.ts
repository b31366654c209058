import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { parseTimestamptz, timestamptzText } from '../../lib/drivers/postgres-dialect/pg-timestamp-text';

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

  it('reads every fraction length, negative offsets, year 0100 and the last instant of 9999', () => {
    const fractions = ['', '.1', '.12', '.123', '.1234', '.12345', '.123456'];
    const millis = ['000', '100', '120', '123', '123', '123', '123'];
    fractions.forEach((f, i) => assert.equal(parseTimestamptz(`2024-01-01 21:00:00${f}+00`).toISOString(), `2024-01-01T21:00:00.${millis[i]}Z`, f));
    assert.equal(parseTimestamptz('2024-01-01 21:00:00.5-05:30').toISOString(), '2024-01-02T02:30:00.500Z');
    assert.equal(parseTimestamptz('2024-01-01 21:00:00+05:30:15').toISOString(), '2024-01-01T15:29:45.000Z');
    assert.equal(parseTimestamptz('2024-01-01 21:00:00-0530').toISOString(), '2024-01-02T02:30:00.000Z');
    assert.equal(parseTimestamptz('0100-01-01 00:00:00+00').toISOString(), '0100-01-01T00:00:00.000Z');
    assert.equal(parseTimestamptz('0100-01-01 00:00:00+01').toISOString(), '0099-12-31T23:00:00.000Z');
    assert.equal(parseTimestamptz('9999-12-31 23:59:59.999999+00').toISOString(), '9999-12-31T23:59:59.999Z');
    assert.equal(parseTimestamptz('2024-06-01T12:00:00+00').toISOString(), '2024-06-01T12:00:00.000Z');
  });

  it('reads any instant from year 1 to 9999 in any whole-minute offset as the instant it names', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: -15 * 60, max: 15 * 60 }),
        (instant, micros, digits, offsetMinutes) => {
          // The wall-clock time at that offset, as PostgreSQL prints it.
          const wall = new Date(instant.getTime() + offsetMinutes * 60_000);
          const year = wall.getUTCFullYear();
          fc.pre(year >= 1 && year <= 9999);
          const fraction = `${pad(wall.getUTCMilliseconds(), 3)}${pad(micros, 3)}`.slice(0, digits);
          const abs = Math.abs(offsetMinutes);
          const offset = `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
          const text = `${pad(year, 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${digits ? `.${fraction}` : ''}${offset}`;
          const kept = digits >= 3 ? wall.getUTCMilliseconds() : Number(fraction.padEnd(3, '0'));
          const expected = instant.getTime() - wall.getUTCMilliseconds() + kept;
          assert.equal(parseTimestamptz(text).getTime(), expected, text);
        },
      ),
    );
  });

  it('gives an Invalid Date, never a wrong one, for infinity and unreadable text', () => {
    for (const text of ['infinity', '-infinity', '2024-01-01', 'garbage', '2024-01-01 00:00:00+1', '2024-01-01 00:00:00.1234567+00', '2024-01-01 00:00:00+00:0', '']) assert.ok(Number.isNaN(parseTimestamptz(text).getTime()), text);
  });
});

describe('timestamptzText (the text timestamptz parameters are sent as)', () => {
  it('is toISOString for any instant, the edges of four-digit years and leap days included', () => {
    const edges = [
      '0001-01-01T00:00:00.000Z', '0001-12-31T23:59:59.999Z', '0099-12-31T23:59:59.999Z', '0400-02-29T00:00:00.000Z',
      '1600-02-29T12:00:00.000Z', '1899-12-31T23:59:59.999Z', '1900-02-28T23:59:59.999Z', '1900-03-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00.000Z', '2000-02-29T23:59:59.999Z', '2024-02-29T13:05:09.007Z',
      '2100-03-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z',
    ];
    for (const text of edges) assert.equal(timestamptzText(new Date(text)), text);
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), (ms) => {
        assert.equal(timestamptzText(new Date(ms)), new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the same day twice right after another day (its one-day memory follows the day)', () => {
    const days = ['2024-01-01T10:00:00.000Z', '1970-01-01T00:00:00.000Z', '2024-01-01T23:59:59.999Z', '2024-01-02T00:00:00.000Z'];
    for (const text of [...days, ...[...days].reverse()]) assert.equal(timestamptzText(new Date(text)), text);
  });

  it('leaves years outside 1-9999 and invalid dates to toISOString (six-digit years, RangeError)', () => {
    assert.equal(timestamptzText(new Date('+010000-01-01T00:00:00.000Z')), '+010000-01-01T00:00:00.000Z');
    assert.equal(timestamptzText(new Date('0000-12-31T23:59:59.999Z')), '0000-12-31T23:59:59.999Z');
    assert.equal(timestamptzText(new Date('-000001-06-01T00:00:00.000Z')), '-000001-06-01T00:00:00.000Z');
    assert.throws(() => timestamptzText(new Date(Number.NaN)), RangeError);
  });
});
