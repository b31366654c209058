import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { decimalKey } from '../../lib/drivers/sqlite/decimal-key';
import { jsonSortKey } from '../../lib/drivers/sqlite/json-sort-key';
import { compareText } from '../../lib/drivers/sqlite/text-order';

/** An exact rational for a decimal string: numerator and a power of ten. */
function exact(text: string): { n: bigint; scale: number } {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text)!;
  const [, sign, whole = '', fraction = '', exp = '0'] = m;
  const digits = BigInt(`${whole}${fraction}` || '0') * (sign === '-' ? -1n : 1n);
  return { n: digits, scale: fraction.length - Number(exp) };
}

function compareExact(a: string, b: string): number {
  const x = exact(a);
  const y = exact(b);
  const scale = Math.max(x.scale, y.scale);
  const left = x.n * 10n ** BigInt(scale - x.scale);
  const right = y.n * 10n ** BigInt(scale - y.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

const byteOrder = (a: string, b: string) => Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));

const decimal = fc
  .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{0,6}$/), fc.option(fc.stringMatching(/^\d{0,6}$/)), fc.option(fc.integer({ min: -40, max: 40 })))
  .filter(([, whole, fraction]) => whole !== '' || (fraction ?? '') !== '')
  .map(([sign, whole, fraction, exp]) => `${sign}${whole}${fraction === null ? '' : `.${fraction}`}${exp === null ? '' : `e${exp}`}`);

describe('decimalKey (decimals stored as text on SQLite, compared through a key)', () => {
  it('orders keys byte-wise as the numbers, equal keys for equal numbers', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        assert.equal(byteOrder(decimalKey(a)!, decimalKey(b)!), compareExact(a, b), `${a} vs ${b}`);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('reads the forms essencia accepts, and refuses text that is not a decimal', () => {
    assert.equal(decimalKey('10.50'), decimalKey('1.05e1'));
    assert.equal(decimalKey('-0.000'), decimalKey('0'));
    assert.equal(decimalKey('.5'), decimalKey('5e-1'));
    for (const bad of ['', '.', 'abc', '1e', '--1']) assert.equal(decimalKey(bad), undefined, bad);
    assert.ok(decimalKey('1e99999999999999999999')! > decimalKey('9e999')!, 'huge exponents are clamped, still ordered');
  });
});

describe('compareText (code point order, as SQLite compares UTF-8 bytes)', () => {
  it('agrees with a byte-wise comparison of the UTF-8 encodings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        assert.equal(Math.sign(compareText(a, b)), byteOrder(a, b));
      }),
      { numRuns: 2000, seed: 3 },
    );
    assert.ok(compareText('\uffff', '😀') < 0);
  });
});

describe('jsonSortKey', () => {
  it("sorts by MongoDB's type order, numbers numerically, strings by code points", () => {
    const values: unknown[] = [null, -2.5, -1, 0, 1e-9, 2, 10, 1e300, '', 'B', 'a', 'é', '😀', { x: 1 }, [1], false, true];
    const keys = values.map((v) => jsonSortKey({ v }, ['v']));
    for (let i = 1; i < keys.length; i++) assert.ok(byteOrder(keys[i - 1]!, keys[i]!) < 0, `${JSON.stringify(values[i - 1])} < ${JSON.stringify(values[i])}`);
    assert.equal(jsonSortKey({}, ['v']), jsonSortKey({ v: null }, ['v']), 'missing and null are tied');
    assert.equal(jsonSortKey({ v: [5, 7] }, ['v', '1']), jsonSortKey({ v: 7 }, ['v']), 'array positions');
  });
});
